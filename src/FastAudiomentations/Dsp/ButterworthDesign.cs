using System.Numerics;

namespace FastAudiomentations.Dsp;

/// <summary>
/// Digital Butterworth filters as second-order sections, designed as scipy.signal.butter(..., output="sos")
/// does: analog prototype, frequency transformation, bilinear transform with pre-warped edges.
/// </summary>
/// <remarks>
/// <para>
/// Prototype poles p_k = exp(i pi (2k + N + 1) / (2N)), k = 0..N-1 (Butterworth 1930; scipy's buttap).
/// Edges are pre-warped, w = tan(pi f / fs), and poles mapped by the bilinear transform z = (1 + s) / (1 - s)
/// (Oppenheim and Schafer, Discrete-Time Signal Processing, 3rd ed., 7.1.2). Low-pass: s = w p, zeros at
/// z = -1. High-pass: s = w / p, zeros at z = +1. Band-pass (w0 = sqrt(w1 w2), B = w2 - w1): each p gives
/// s = pB/2 +- sqrt((pB/2)^2 - w0^2), zeros at z = +1 and -1 (one each per section). Band-stop: the same with
/// pB/2 replaced by (B/2)/p, zeros at z = exp(+-i theta0) with theta0 = 2 atan(w0).
/// </para>
/// <para>
/// Each section is scaled to unit gain where the filter has unit gain (0 Hz for low-pass and band-stop,
/// Nyquist for high-pass, the centre theta0 for band-pass), so the cascade's passband gain is exactly 1
/// whatever the order; sections are ordered by increasing pole radius (low Q first), as scipy orders them.
/// The magnitude response is that of scipy's design; the split of the gain between sections differs.
/// Host-side: designed in double, rounded to float once.
/// </para>
/// </remarks>
public static class ButterworthDesign
{
    /// <summary>The highest order designed (16: 96 dB/octave; a band filter of order 16 has 16 sections).</summary>
    public const int MaxOrder = 16;

    /// <summary>Sections of a low-pass or high-pass design of <paramref name="order"/>: ceil(order / 2).</summary>
    public static int OneSidedSectionCount(int order) => (order + 1) / 2;

    /// <summary>Sections of a band-pass or band-stop design of <paramref name="order"/>: order (the filter has order 2N).</summary>
    public static int TwoSidedSectionCount(int order) => order;

    /// <summary>Designs a low-pass filter; -3.01 dB at <paramref name="cutoffHz"/>, 6 <paramref name="order"/> dB/octave beyond.</summary>
    /// <param name="order">Butterworth order N, 1..<see cref="MaxOrder"/>.</param>
    /// <param name="cutoffHz">Cutoff in Hz, in (0, sampleRateHz / 2).</param>
    /// <param name="sampleRateHz">Sample rate in Hz, positive.</param>
    /// <param name="sections">Receives <see cref="OneSidedSectionCount"/> sections.</param>
    /// <returns>The number of sections written.</returns>
    public static int LowPass(int order, double cutoffHz, double sampleRateHz, Span<BiquadCoefficients> sections) =>
        OneSided(order, cutoffHz, sampleRateHz, sections, highPass: false);

    /// <summary>Designs a high-pass filter; -3.01 dB at <paramref name="cutoffHz"/>.</summary>
    /// <inheritdoc cref="LowPass"/>
    public static int HighPass(int order, double cutoffHz, double sampleRateHz, Span<BiquadCoefficients> sections) =>
        OneSided(order, cutoffHz, sampleRateHz, sections, highPass: true);

    /// <summary>Designs a band-pass filter; -3.01 dB at both edges, 0 dB at the (warped) geometric centre.</summary>
    /// <param name="order">Prototype order N, 1..<see cref="MaxOrder"/> (each skirt falls 6N dB/octave).</param>
    /// <param name="lowHz">Lower edge in Hz, in (0, highHz).</param>
    /// <param name="highHz">Upper edge in Hz, in (lowHz, sampleRateHz / 2).</param>
    /// <param name="sampleRateHz">Sample rate in Hz, positive.</param>
    /// <param name="sections">Receives <see cref="TwoSidedSectionCount"/> sections.</param>
    /// <returns>The number of sections written.</returns>
    public static int BandPass(int order, double lowHz, double highHz, double sampleRateHz, Span<BiquadCoefficients> sections) =>
        TwoSided(order, lowHz, highHz, sampleRateHz, sections, stop: false);

    /// <summary>Designs a band-stop filter; -3.01 dB at both edges, a zero at the (warped) geometric centre.</summary>
    /// <inheritdoc cref="BandPass"/>
    public static int BandStop(int order, double lowHz, double highHz, double sampleRateHz, Span<BiquadCoefficients> sections) =>
        TwoSided(order, lowHz, highHz, sampleRateHz, sections, stop: true);

    private static int OneSided(int order, double cutoffHz, double sampleRateHz, Span<BiquadCoefficients> sections, bool highPass)
    {
        CheckOrder(order);
        CheckFrequency(cutoffHz, sampleRateHz, nameof(cutoffHz));
        int count = OneSidedSectionCount(order);
        CheckSpace(sections, count);
        double w = Math.Tan(Math.PI * cutoffHz / sampleRateHz);
        int written = 0;
        if (order % 2 == 1)
        {
            // The real prototype pole p = -1 maps to s = -w for both low-pass and high-pass.
            double z = (1 - w) / (1 + w);
            double gain = highPass ? (1 + z) / 2 : (1 - z) / 2;
            sections[written++] = Round(gain, highPass ? -gain : gain, 0, -z, 0);
        }

        // Upper-half-plane prototype poles, from the lowest Q (nearest the real axis) to the highest.
        for (int k = (order / 2) - 1; k >= 0; k--)
        {
            Complex p = Complex.FromPolarCoordinates(1, Math.PI * ((2 * k) + order + 1) / (2 * order));
            Complex s = highPass ? w / p : w * p;
            Complex z = Bilinear(s);
            double a1 = -2 * z.Real;
            double a2 = z.Real * z.Real + z.Imaginary * z.Imaginary;
            double gain = highPass ? (1 - a1 + a2) / 4 : (1 + a1 + a2) / 4;
            sections[written++] = Round(gain, highPass ? -2 * gain : 2 * gain, gain, a1, a2);
        }

        return written;
    }

    private static int TwoSided(int order, double lowHz, double highHz, double sampleRateHz, Span<BiquadCoefficients> sections, bool stop)
    {
        CheckOrder(order);
        CheckFrequency(lowHz, sampleRateHz, nameof(lowHz));
        CheckFrequency(highHz, sampleRateHz, nameof(highHz));
        if (!(lowHz < highHz))
        {
            throw new ArgumentException($"lowHz ({lowHz}) must be below highHz ({highHz}).", nameof(lowHz));
        }

        int count = TwoSidedSectionCount(order);
        CheckSpace(sections, count);
        double w1 = Math.Tan(Math.PI * lowHz / sampleRateHz);
        double w2 = Math.Tan(Math.PI * highHz / sampleRateHz);
        double w0 = Math.Sqrt(w1 * w2);
        double half = (w2 - w1) / 2;
        double theta0 = 2 * Math.Atan(w0);
        double cos0 = Math.Cos(theta0);

        // Denominators (a1, a2) and the largest pole radius of each section, before sorting.
        Span<double> a1s = stackalloc double[count];
        Span<double> a2s = stackalloc double[count];
        Span<double> radii = stackalloc double[count];
        int written = 0;
        for (int k = 0; k < (order + 1) / 2; k++)
        {
            Complex p = Complex.FromPolarCoordinates(1, Math.PI * ((2 * k) + order + 1) / (2 * order));
            Complex q = stop ? half / p : p * half;
            Complex d = Complex.Sqrt((q * q) - (w0 * w0));
            if (2 * k + 1 == order)
            {
                // The real prototype pole: q is real; its two poles are a conjugate pair or two real poles.
                double disc = (q.Real * q.Real) - (w0 * w0);
                if (disc < 0)
                {
                    AddConjugatePair(Bilinear(new Complex(q.Real, Math.Sqrt(-disc))), a1s, a2s, radii, ref written);
                }
                else
                {
                    double z1 = Bilinear(new Complex(q.Real + Math.Sqrt(disc), 0)).Real;
                    double z2 = Bilinear(new Complex(q.Real - Math.Sqrt(disc), 0)).Real;
                    a1s[written] = -(z1 + z2);
                    a2s[written] = z1 * z2;
                    radii[written++] = Math.Max(Math.Abs(z1), Math.Abs(z2));
                }
            }
            else
            {
                AddConjugatePair(Bilinear(q + d), a1s, a2s, radii, ref written);
                AddConjugatePair(Bilinear(q - d), a1s, a2s, radii, ref written);
            }
        }

        SortByRadius(a1s, a2s, radii);

        // Numerators and per-section gains: unit gain at 0 Hz (band-stop) or at the centre (band-pass).
        Complex product = Complex.One;
        for (int i = 0; i < count; i++)
        {
            double b0 = 1, b1 = stop ? -2 * cos0 : 0, b2 = stop ? 1 : -1;
            double gain;
            if (stop)
            {
                gain = (1 + a1s[i] + a2s[i]) / (b0 + b1 + b2);
            }
            else
            {
                Complex h = Response(b0, b1, b2, a1s[i], a2s[i], theta0);
                gain = 1 / h.Magnitude;
                product *= h * gain;
            }

            sections[i] = Round(gain * b0, gain * b1, gain * b2, a1s[i], a2s[i]);
        }

        // The band-pass response at the centre is real and positive; fix the sign if the sections multiply to -1.
        if (!stop && product.Real < 0)
        {
            ref BiquadCoefficients first = ref sections[0];
            first = new BiquadCoefficients(-first.B0, -first.B1, -first.B2, first.A1, first.A2);
        }

        return count;
    }

    private static void AddConjugatePair(Complex z, Span<double> a1s, Span<double> a2s, Span<double> radii, ref int written)
    {
        a1s[written] = -2 * z.Real;
        a2s[written] = (z.Real * z.Real) + (z.Imaginary * z.Imaginary);
        radii[written++] = z.Magnitude;
    }

    private static void SortByRadius(Span<double> a1s, Span<double> a2s, Span<double> radii)
    {
        for (int i = 1; i < radii.Length; i++)
        {
            for (int j = i; j > 0 && radii[j - 1] > radii[j]; j--)
            {
                (radii[j - 1], radii[j]) = (radii[j], radii[j - 1]);
                (a1s[j - 1], a1s[j]) = (a1s[j], a1s[j - 1]);
                (a2s[j - 1], a2s[j]) = (a2s[j], a2s[j - 1]);
            }
        }
    }

    /// <summary>H(e^{i theta}) of one section, in double.</summary>
    private static Complex Response(double b0, double b1, double b2, double a1, double a2, double theta)
    {
        Complex z1 = Complex.FromPolarCoordinates(1, -theta);
        Complex z2 = z1 * z1;
        return (b0 + (b1 * z1) + (b2 * z2)) / (1 + (a1 * z1) + (a2 * z2));
    }

    private static Complex Bilinear(Complex s) => (1 + s) / (1 - s);

    private static BiquadCoefficients Round(double b0, double b1, double b2, double a1, double a2) =>
        new((float)b0, (float)b1, (float)b2, (float)a1, (float)a2);

    private static void CheckOrder(int order) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)order - 1, (uint)MaxOrder - 1, nameof(order));

    private static void CheckFrequency(double hz, double sampleRateHz, string name)
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

    private static void CheckSpace(Span<BiquadCoefficients> sections, int count)
    {
        if (sections.Length < count)
        {
            throw new ArgumentException($"Room for {count} sections is needed; {sections.Length} given.", nameof(sections));
        }
    }
}
