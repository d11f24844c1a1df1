using System.Runtime.CompilerServices;

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
/// Host-side: computed in double, rounded to float. Each half is walked from the centre out, k = n - M = 0..M:
/// sin(2 pi fc k / fs) and the window's cos(pi k / M) (w[M + k] = 0.54 + 0.46 cos(pi k / M)) by rotating a unit
/// vector one step per tap, so a kernel costs one sin/cos pair per cutoff plus a few multiply-adds per tap instead
/// of two transcendentals per tap evaluated twice (a GPU batch of 128 rows x 101 taps spent 145-295 us designing
/// on the host). The rotation's rounding grows by about one double ulp per step: below 1e-12 of the largest tap
/// for 4095 taps, far below float resolution.</para>
/// </remarks>
public static class WindowedSincDesign
{
    /// <summary>Designs a low-pass kernel into <paramref name="taps"/> (odd length).</summary>
    /// <param name="cutoffHz">Half-amplitude frequency in Hz, in (0, sampleRateHz / 2).</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="taps">Receives the kernel; its length N (odd, &gt;= 1) is the tap count.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
    public static void LowPass(double cutoffHz, double sampleRateHz, Span<float> taps)
    {
        CheckTaps(taps);
        Check(cutoffHz, sampleRateHz, nameof(cutoffHz));
        double sum = LowPassSum(cutoffHz / sampleRateHz, taps.Length);
        var half = new HalfKernel(cutoffHz / sampleRateHz, taps.Length);
        int middle = taps.Length / 2;
        for (int k = 0; k <= middle; k++)
        {
            float tap = (float)(half.Next() / sum);
            taps[middle + k] = tap;
            taps[middle - k] = tap;
        }
    }

    /// <summary>Designs a high-pass kernel (spectral inversion of the low-pass).</summary>
    /// <inheritdoc cref="LowPass"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
    public static void HighPass(double cutoffHz, double sampleRateHz, Span<float> taps)
    {
        CheckTaps(taps);
        Check(cutoffHz, sampleRateHz, nameof(cutoffHz));
        double sum = LowPassSum(cutoffHz / sampleRateHz, taps.Length);
        var half = new HalfKernel(cutoffHz / sampleRateHz, taps.Length);
        int middle = taps.Length / 2;
        for (int k = 0; k <= middle; k++)
        {
            float tap = (float)((k == 0 ? 1 : 0) - (half.Next() / sum));
            taps[middle + k] = tap;
            taps[middle - k] = tap;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
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
        var low = new HalfKernel(lowHz / sampleRateHz, taps.Length);
        var high = new HalfKernel(highHz / sampleRateHz, taps.Length);
        int middle = taps.Length / 2;
        for (int k = 0; k <= middle; k++)
        {
            double bandPass = (high.Next() / highSum) - (low.Next() / lowSum);
            float tap = (float)(stop ? (k == 0 ? 1 : 0) - bandPass : bandPass);
            taps[middle + k] = tap;
            taps[middle - k] = tap;
        }
    }

    /// <summary>The sum of the unnormalised low-pass kernel: h_0 + 2 (h_1 + ... + h_M).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
    private static double LowPassSum(double cutoff, int count)
    {
        var half = new HalfKernel(cutoff, count);
        double sum = half.Next();
        for (int k = 1; k <= count / 2; k++)
        {
            sum += 2 * half.Next();
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

    /// <summary>
    /// The unnormalised low-pass kernel's half h_k = w[M + k] sinc(2 (fc / fs) k), k = 0, 1, ..., M, one tap per
    /// <see cref="Next"/>: sin(k theta) (theta = 2 pi fc / fs) and cos(pi k / M) by rotation.
    /// </summary>
    private struct HalfKernel
    {
        private readonly double _cutoff;
        private readonly double _cosStep;
        private readonly double _sinStep;
        private readonly double _cosWindowStep;
        private readonly double _sinWindowStep;
        private double _cos;
        private double _sin;
        private double _windowCos;
        private double _windowSin;
        private int _k;

        public HalfKernel(double cutoff, int count)
        {
            int middle = count / 2;
            double step = 2 * Math.PI * cutoff, windowStep = middle == 0 ? 0 : Math.PI / middle;
            _cutoff = cutoff;
            _cosStep = Math.Cos(step);
            _sinStep = Math.Sin(step);
            _cosWindowStep = Math.Cos(windowStep);
            _sinWindowStep = Math.Sin(windowStep);
            _cos = 1;
            _sin = 0;
            _windowCos = 1;
            _windowSin = 0;
            _k = 0;
        }

        /// <summary>h_k, then advances to k + 1.</summary>
        public double Next()
        {
            double x = 2 * _cutoff * _k;
            double sinc = _k == 0 ? 1 : _sin / (Math.PI * x);
            double tap = sinc * (0.54 + (0.46 * _windowCos));
            (_cos, _sin) = ((_cos * _cosStep) - (_sin * _sinStep), (_sin * _cosStep) + (_cos * _sinStep));
            (_windowCos, _windowSin) = ((_windowCos * _cosWindowStep) - (_windowSin * _sinWindowStep), (_windowSin * _cosWindowStep) + (_windowCos * _sinWindowStep));
            _k++;
            return tap;
        }
    }
}
