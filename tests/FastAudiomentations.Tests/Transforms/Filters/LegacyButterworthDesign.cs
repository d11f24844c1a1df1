using System.Numerics;

using FastAudiomentations.Dsp;

namespace FastAudiomentations.Tests.Transforms.Filters;

/// <summary>
/// The Butterworth design as it was before it was restructured for the GPU's design kernel (System.Numerics.Complex,
/// transcendentals for the centre, an insertion sort by pole radius): the reference the restructured design is
/// held to. Kept verbatim apart from the realisation call, which takes the same poles as value types.
/// </summary>
internal static class LegacyButterworthDesign
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
    public static int LowPass(int order, double cutoffHz, double sampleRateHz, Span<BiquadSection> sections) =>
        OneSided(order, cutoffHz, sampleRateHz, sections, highPass: false);

    /// <summary>Designs a high-pass filter; -3.01 dB at <paramref name="cutoffHz"/>.</summary>
    /// <inheritdoc cref="LowPass"/>
    public static int HighPass(int order, double cutoffHz, double sampleRateHz, Span<BiquadSection> sections) =>
        OneSided(order, cutoffHz, sampleRateHz, sections, highPass: true);

    /// <summary>Designs a band-pass filter; -3.01 dB at both edges, 0 dB at the (warped) geometric centre.</summary>
    /// <param name="order">Prototype order N, 1..<see cref="MaxOrder"/> (each skirt falls 6N dB/octave).</param>
    /// <param name="lowHz">Lower edge in Hz, in (0, highHz).</param>
    /// <param name="highHz">Upper edge in Hz, in (lowHz, sampleRateHz / 2).</param>
    /// <param name="sampleRateHz">Sample rate in Hz, positive.</param>
    /// <param name="sections">Receives <see cref="TwoSidedSectionCount"/> sections.</param>
    /// <returns>The number of sections written.</returns>
    public static int BandPass(int order, double lowHz, double highHz, double sampleRateHz, Span<BiquadSection> sections) =>
        TwoSided(order, lowHz, highHz, sampleRateHz, sections, stop: false);

    /// <summary>Designs a band-stop filter; -3.01 dB at both edges, a zero at the (warped) geometric centre.</summary>
    /// <inheritdoc cref="BandPass"/>
    public static int BandStop(int order, double lowHz, double highHz, double sampleRateHz, Span<BiquadSection> sections) =>
        TwoSided(order, lowHz, highHz, sampleRateHz, sections, stop: true);

    private static int OneSided(int order, double cutoffHz, double sampleRateHz, Span<BiquadSection> sections, bool highPass)
    {
        CheckOrder(order);
        CheckFrequency(cutoffHz, sampleRateHz, nameof(cutoffHz));
        int count = OneSidedSectionCount(order);
        CheckSpace(sections, count);
        double w = Math.Tan(Math.PI * cutoffHz / sampleRateHz);
        int written = 0;
        if (order % 2 == 1)
        {
            // The real prototype pole p = -1 maps to s = -w for both low-pass and high-pass; unit gain at
            // 0 Hz (low-pass: H(1) = 2 g / (1 - z)) or at Nyquist (high-pass: H(-1) = 2 g / (1 + z)).
            double z = (1 - w) / (1 + w);
            double gain = highPass ? (1 + z) / 2 : (1 - z) / 2;
            sections[written++] = FromPoles(gain, highPass ? -gain : gain, 0, z, Complex.Zero);
        }

        // Upper-half-plane prototype poles, from the lowest Q (nearest the real axis) to the highest.
        for (int k = (order / 2) - 1; k >= 0; k--)
        {
            Complex p = Complex.FromPolarCoordinates(1, Math.PI * ((2 * k) + order + 1) / (2 * order));
            Complex z = Bilinear(highPass ? w / p : w * p);

            // Double zero at -1 (low-pass) or +1 (high-pass); unit gain there: |1 -+ z|^2 / 4.
            double edge = highPass ? (1 + z).Magnitude : (1 - z).Magnitude;
            double gain = edge * edge / 4;
            sections[written++] = FromPoles(gain, highPass ? -2 * gain : 2 * gain, gain, z, Complex.Conjugate(z));
        }

        return written;
    }

    private static int TwoSided(int order, double lowHz, double highHz, double sampleRateHz, Span<BiquadSection> sections, bool stop)
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

        // The pole pair of each section (a conjugate pair or two real poles), then sorted by radius.
        Span<Complex> first = stackalloc Complex[count];
        Span<Complex> second = stackalloc Complex[count];
        int written = 0;
        for (int k = 0; k < (order + 1) / 2; k++)
        {
            Complex p = Complex.FromPolarCoordinates(1, Math.PI * ((2 * k) + order + 1) / (2 * order));
            if ((2 * k) + 1 == order)
            {
                // The real prototype pole -1: q = -B/2 either way; its two poles are a conjugate pair or two reals.
                double disc = (half * half) - (w0 * w0);
                Complex root = disc < 0 ? new Complex(0, Math.Sqrt(-disc)) : new Complex(Math.Sqrt(disc), 0);
                first[written] = Bilinear(-half + root);
                second[written++] = disc < 0 ? Complex.Conjugate(first[written - 1]) : Bilinear(-half - root);
            }
            else
            {
                Complex q = stop ? half / p : p * half;
                Complex d = Complex.Sqrt((q * q) - (w0 * w0));
                first[written] = Bilinear(q + d);
                second[written] = Complex.Conjugate(first[written]);
                written++;
                first[written] = Bilinear(q - d);
                second[written] = Complex.Conjugate(first[written]);
                written++;
            }
        }

        SortByRadius(first, second);

        // Numerators: zeros at +1 and -1 (band-pass) or at exp(+-i theta0) (band-stop); each section gets
        // unit gain at 0 Hz (band-stop) or unit magnitude at the centre theta0 (band-pass).
        double cos0 = Math.Cos(theta0);
        double sinHalf = Math.Sin(theta0 / 2);
        Complex product = Complex.One;
        for (int i = 0; i < count; i++)
        {
            double b0 = 1, b1 = stop ? -2 * cos0 : 0, b2 = stop ? 1 : -1;
            double gain;
            if (stop)
            {
                // H(1) = (2 - 2 cos theta0) / ((1 - p1)(1 - p2)); 2 - 2 cos = 4 sin^2(theta0 / 2) without cancellation.
                gain = ((1 - first[i]) * (1 - second[i])).Real / (4 * sinHalf * sinHalf);
            }
            else
            {
                Complex h = Response(b0, b1, b2, first[i], second[i], theta0);
                gain = 1 / h.Magnitude;
                product *= h * gain;
            }

            sections[i] = FromPoles(gain * b0, gain * b1, gain * b2, first[i], second[i]);
        }

        // The band-pass response at the centre is real and positive; fix the sign if the sections multiply to -1.
        if (!stop && product.Real < 0)
        {
            ref BiquadSection s = ref sections[0];
            s.C1 = -s.C1;
            s.C2 = -s.C2;
            s.D = -s.D;
        }

        return count;
    }

    private static void SortByRadius(Span<Complex> first, Span<Complex> second)
    {
        for (int i = 1; i < first.Length; i++)
        {
            for (int j = i; j > 0 && Radius(first[j - 1], second[j - 1]) > Radius(first[j], second[j]); j--)
            {
                (first[j - 1], first[j]) = (first[j], first[j - 1]);
                (second[j - 1], second[j]) = (second[j], second[j - 1]);
            }
        }
    }

    private static double Radius(Complex p1, Complex p2) => Math.Max(p1.Magnitude, p2.Magnitude);

    /// <summary>H(e^{i theta}) of (b0 + b1 z^-1 + b2 z^-2) / ((1 - p1 z^-1)(1 - p2 z^-1)), in double.</summary>
    private static Complex Response(double b0, double b1, double b2, Complex p1, Complex p2, double theta)
    {
        Complex z1 = Complex.FromPolarCoordinates(1, -theta);
        return (b0 + (b1 * z1) + (b2 * z1 * z1)) / ((1 - (p1 * z1)) * (1 - (p2 * z1)));
    }

    private static Complex Bilinear(Complex s) => (1 + s) / (1 - s);

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

    private static void CheckSpace(Span<BiquadSection> sections, int count)
    {
        if (sections.Length < count)
        {
            throw new ArgumentException($"Room for {count} sections is needed; {sections.Length} given.", nameof(sections));
        }
    }

    private static BiquadSection FromPoles(double b0, double b1, double b2, Complex p1, Complex p2) =>
        BiquadSection.FromPoles(b0, b1, b2, new DoubleComplex(p1.Real, p1.Imaginary), new DoubleComplex(p2.Real, p2.Imaginary));
}
