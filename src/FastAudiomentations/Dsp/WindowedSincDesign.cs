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
    public static void LowPass(double cutoffHz, double sampleRateHz, Span<float> taps)
    {
        CheckTaps(taps);
        Check(cutoffHz, sampleRateHz, nameof(cutoffHz));
        Design(ButterworthBand.LowPass, SincEdge.Of(cutoffHz, sampleRateHz), default, taps);
    }

    /// <summary>Designs a high-pass kernel (spectral inversion of the low-pass).</summary>
    /// <inheritdoc cref="LowPass"/>
    public static void HighPass(double cutoffHz, double sampleRateHz, Span<float> taps)
    {
        CheckTaps(taps);
        Check(cutoffHz, sampleRateHz, nameof(cutoffHz));
        Design(ButterworthBand.HighPass, SincEdge.Of(cutoffHz, sampleRateHz), default, taps);
    }

    /// <summary>Designs a band-pass kernel: low-pass(<paramref name="highHz"/>) - low-pass(<paramref name="lowHz"/>).</summary>
    /// <param name="lowHz">Lower half-amplitude edge in Hz, in (0, highHz).</param>
    /// <param name="highHz">Upper half-amplitude edge in Hz, below sampleRateHz / 2.</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="taps">Receives the kernel; odd length.</param>
    public static void BandPass(double lowHz, double highHz, double sampleRateHz, Span<float> taps) =>
        Band(lowHz, highHz, sampleRateHz, taps, ButterworthBand.BandPass);

    /// <summary>Designs a band-stop kernel: delta - band-pass.</summary>
    /// <inheritdoc cref="BandPass"/>
    public static void BandStop(double lowHz, double highHz, double sampleRateHz, Span<float> taps) =>
        Band(lowHz, highHz, sampleRateHz, taps, ButterworthBand.BandStop);

    /// <summary>
    /// Checks a design's edges and returns them as a device designs from them: the upper edge (a one-sided design's
    /// cutoff) and, for band designs, the lower one (default otherwise). The checks are the host design's.
    /// </summary>
    /// <param name="band">Which kernel: low-pass, high-pass, band-pass or band-stop.</param>
    /// <param name="lowHz">A one-sided design's cutoff, or the band's lower edge, in Hz.</param>
    /// <param name="highHz">The band's upper edge in Hz (ignored for one-sided designs).</param>
    /// <param name="sampleRateHz">Sample rate in Hz.</param>
    /// <param name="upper">The upper edge's rotation.</param>
    /// <param name="lower">The lower edge's rotation (band designs).</param>
    internal static void Edges(ButterworthBand band, double lowHz, double highHz, double sampleRateHz, out SincEdge upper, out SincEdge lower)
    {
        if (band is ButterworthBand.LowPass or ButterworthBand.HighPass)
        {
            Check(lowHz, sampleRateHz, nameof(lowHz));
            upper = SincEdge.Of(lowHz, sampleRateHz);
            lower = default;
            return;
        }

        CheckBand(lowHz, highHz, sampleRateHz);
        upper = SincEdge.Of(highHz, sampleRateHz);
        lower = SincEdge.Of(lowHz, sampleRateHz);
    }

    /// <summary>
    /// Tap M + k (and M - k) of a <paramref name="band"/> kernel from the normalised low-pass halves at k: the
    /// upper edge's h_k / sum and, for band designs, the lower edge's. In float, as the kernel is stored.
    /// </summary>
    internal static float Combine(ButterworthBand band, int k, double upper, double lower)
    {
        // Double literals: ILGPU 1.5.3 compiles (double)(k == 0 ? 1 : 0) to a select of the integers' bits (1 became
        // 4.9e-324 in the PTX), which put no delta in the device's high-pass and band-stop taps.
        double centre = k == 0 ? 1.0 : 0.0;
        return band switch
        {
            ButterworthBand.LowPass => (float)upper,
            ButterworthBand.HighPass => (float)(centre - upper),
            ButterworthBand.BandPass => (float)(upper - lower),
            _ => (float)(centre - (upper - lower)),
        };
    }

    /// <summary>
    /// The unnormalised low-pass kernel's value h_k = w[M + k] sinc(2 (fc / fs) k) from the rotations' state at k:
    /// sin(2 pi fc k / fs) and the window's cos(pi k / M).
    /// </summary>
    internal static double HalfValue(double cutoff, int k, double sin, double windowCos)
    {
        double x = 2 * cutoff * k;
        double sinc = k == 0 ? 1 : sin / (Math.PI * x);
        return sinc * (0.54 + (0.46 * windowCos));
    }

    /// <summary>The symmetric Hamming window, w[n] = 0.54 - 0.46 cos(2 pi n / (N - 1)); 1 for N = 1.</summary>
    public static double Hamming(int n, int count) =>
        count == 1 ? 1 : 0.54 - (0.46 * Math.Cos(2 * Math.PI * n / (count - 1)));

    private static void Band(double lowHz, double highHz, double sampleRateHz, Span<float> taps, ButterworthBand band)
    {
        CheckTaps(taps);
        CheckBand(lowHz, highHz, sampleRateHz);
        Design(band, SincEdge.Of(highHz, sampleRateHz), SincEdge.Of(lowHz, sampleRateHz), taps);
    }

    /// <summary>Designs a checked kernel: each half walked from the centre out (<see cref="Combine"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
    private static void Design(ButterworthBand band, SincEdge upperEdge, SincEdge lowerEdge, Span<float> taps)
    {
        bool twoSided = band is ButterworthBand.BandPass or ButterworthBand.BandStop;
        var window = SincRotation.Window(taps.Length);
        double upperSum = LowPassSum(upperEdge, window, taps.Length);
        double lowerSum = twoSided ? LowPassSum(lowerEdge, window, taps.Length) : 1;
        var upper = new HalfKernel(upperEdge, window);
        var lower = new HalfKernel(lowerEdge, window);
        int middle = taps.Length / 2;
        for (int k = 0; k <= middle; k++)
        {
            double lowerValue = twoSided ? lower.Next() / lowerSum : 0;
            float tap = Combine(band, k, upper.Next() / upperSum, lowerValue);
            taps[middle + k] = tap;
            taps[middle - k] = tap;
        }
    }

    /// <summary>The sum of the unnormalised low-pass kernel: h_0 + 2 (h_1 + ... + h_M).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
    private static double LowPassSum(SincEdge edge, SincRotation window, int count)
    {
        var half = new HalfKernel(edge, window);
        double sum = half.Next();
        for (int k = 1; k <= count / 2; k++)
        {
            sum += 2 * half.Next();
        }

        return sum;
    }

    private static void CheckBand(double lowHz, double highHz, double sampleRateHz)
    {
        Check(lowHz, sampleRateHz, nameof(lowHz));
        Check(highHz, sampleRateHz, nameof(highHz));
        if (!(lowHz < highHz))
        {
            throw new ArgumentException($"lowHz ({lowHz}) must be below highHz ({highHz}).", nameof(lowHz));
        }
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
    private struct HalfKernel(SincEdge edge, SincRotation window)
    {
        private readonly double _cutoff = edge.Cutoff;
        private SincRotation _edge = edge.Rotation;
        private SincRotation _window = window;
        private int _k;

        /// <summary>h_k, then advances to k + 1.</summary>
        public double Next()
        {
            double tap = HalfValue(_cutoff, _k, _edge.Sin, _window.Cos);
            _edge.Advance();
            _window.Advance();
            _k++;
            return tap;
        }
    }
}
