namespace FastAudiomentations.Dsp;

/// <summary>
/// Linear-phase FIR filters by the window method: a Hamming-windowed ideal (sinc) response, as
/// fast-audiomentations designs its 101-tap filters.
/// </summary>
/// <remarks>
/// <para>
/// For N taps (odd), M = (N - 1) / 2 and w[n] = 0.54 - 0.46 cos(2 pi n / (N - 1)) (symmetric Hamming), the
/// low-pass kernel is h[n] = w[n] sinc(2 (fc / fs) (n - M)), sinc(x) = sin(pi x) / (pi x), scaled so that
/// sum h = 1 (unit gain at 0 Hz). High-pass = delta[n - M] - low-pass; band-pass = low-pass(f2) -
/// low-pass(f1); band-stop = delta[n - M] - band-pass (Oppenheim and Schafer, 7.5; Smith, The Scientist
/// and Engineer's Guide to DSP, ch. 16). The cutoff is the half-amplitude (-6.02 dB) point, not -3 dB as
/// for Butterworth; the transition is about 3.3 fs / N wide and the stopband lies below about -53 dB.
/// </para>
/// <para>Taps are symmetric (h[n] = h[N-1-n]), so the filter has exactly M samples of delay and no phase distortion.
/// Host-side: computed in double, rounded to float.</para>
/// </remarks>
public static class WindowedSincDesign
{
    /// <summary>Designs a low-pass kernel into <paramref name="taps"/> (odd length).</summary>
    /// <param name="cutoffHz">Half-amplitude frequency in Hz, in (0, sampleRateHz / 2).</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="taps">Receives the kernel; its length N (odd, &gt;= 1) is the tap count.</param>
    public static void LowPass(double cutoffHz, double sampleRateHz, Span<float> taps)
    {
        CheckTaps(taps);
        Check(cutoffHz, sampleRateHz, nameof(cutoffHz));
        double sum = LowPassSum(cutoffHz / sampleRateHz, taps.Length);
        for (int n = 0; n < taps.Length; n++)
        {
            taps[n] = (float)(LowPassTap(cutoffHz / sampleRateHz, n, taps.Length) / sum);
        }
    }

    /// <summary>Designs a high-pass kernel (spectral inversion of the low-pass).</summary>
    /// <inheritdoc cref="LowPass"/>
    public static void HighPass(double cutoffHz, double sampleRateHz, Span<float> taps)
    {
        CheckTaps(taps);
        Check(cutoffHz, sampleRateHz, nameof(cutoffHz));
        double sum = LowPassSum(cutoffHz / sampleRateHz, taps.Length);
        int middle = taps.Length / 2;
        for (int n = 0; n < taps.Length; n++)
        {
            taps[n] = (float)((n == middle ? 1 : 0) - (LowPassTap(cutoffHz / sampleRateHz, n, taps.Length) / sum));
        }
    }

    /// <summary>Designs a band-pass kernel: low-pass(<paramref name="highHz"/>) - low-pass(<paramref name="lowHz"/>).</summary>
    /// <param name="lowHz">Lower half-amplitude edge in Hz, in (0, highHz).</param>
    /// <param name="highHz">Upper half-amplitude edge in Hz, below sampleRateHz / 2.</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="taps">Receives the kernel; odd length.</param>
    public static void BandPass(double lowHz, double highHz, double sampleRateHz, Span<float> taps) =>
        Band(lowHz, highHz, sampleRateHz, taps, stop: false);

    /// <summary>Designs a band-stop kernel: delta - band-pass.</summary>
    /// <inheritdoc cref="BandPass"/>
    public static void BandStop(double lowHz, double highHz, double sampleRateHz, Span<float> taps) =>
        Band(lowHz, highHz, sampleRateHz, taps, stop: true);

    /// <summary>The symmetric Hamming window, w[n] = 0.54 - 0.46 cos(2 pi n / (N - 1)); 1 for N = 1.</summary>
    public static double Hamming(int n, int count) =>
        count == 1 ? 1 : 0.54 - (0.46 * Math.Cos(2 * Math.PI * n / (count - 1)));

    private static void Band(double lowHz, double highHz, double sampleRateHz, Span<float> taps, bool stop)
    {
        CheckTaps(taps);
        Check(lowHz, sampleRateHz, nameof(lowHz));
        Check(highHz, sampleRateHz, nameof(highHz));
        if (!(lowHz < highHz))
        {
            throw new ArgumentException($"lowHz ({lowHz}) must be below highHz ({highHz}).", nameof(lowHz));
        }

        double lowSum = LowPassSum(lowHz / sampleRateHz, taps.Length);
        double highSum = LowPassSum(highHz / sampleRateHz, taps.Length);
        int middle = taps.Length / 2;
        for (int n = 0; n < taps.Length; n++)
        {
            double bandPass = (LowPassTap(highHz / sampleRateHz, n, taps.Length) / highSum) - (LowPassTap(lowHz / sampleRateHz, n, taps.Length) / lowSum);
            taps[n] = (float)(stop ? (n == middle ? 1 : 0) - bandPass : bandPass);
        }
    }

    private static double LowPassTap(double cutoff, int n, int count)
    {
        double x = 2 * cutoff * (n - (count / 2));
        double sinc = x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
        return sinc * Hamming(n, count);
    }

    private static double LowPassSum(double cutoff, int count)
    {
        double sum = 0;
        for (int n = 0; n < count; n++)
        {
            sum += LowPassTap(cutoff, n, count);
        }

        return sum;
    }

    private static void CheckTaps(Span<float> taps)
    {
        if (taps.Length % 2 == 0)
        {
            throw new ArgumentException($"A linear-phase kernel of this type needs an odd number of taps; {taps.Length} given.", nameof(taps));
        }
    }

    private static void Check(double hz, double sampleRateHz, string name)
    {
        if (!(sampleRateHz > 0) || !double.IsFinite(sampleRateHz))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRateHz), sampleRateHz, "The sample rate must be positive and finite.");
        }

        if (!(hz > 0 && hz < sampleRateHz / 2))
        {
            throw new ArgumentOutOfRangeException(name, hz, $"{name} must lie strictly between 0 and the Nyquist frequency ({sampleRateHz / 2} Hz).");
        }
    }
}
