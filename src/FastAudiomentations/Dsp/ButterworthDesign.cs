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
/// Designed in double from the poles (host and GPU run the same static methods over value types:
/// <see cref="SectionPoles"/>, <see cref="Precedes"/>, <see cref="Section"/>; only + - * / and sqrt, with the
/// edges' tangents computed by the caller and the prototype poles a table of constants), realised by
/// <see cref="BiquadSection.FromPoles"/> (a form that stays accurate in float for edges far below the sample
/// rate) and rounded to float once.
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

    /// <summary>Prototype poles stored per order in <see cref="PrototypeTable"/>: ceil(N / 2) &lt;= 8 upper-half-plane poles.</summary>
    public const int PrototypesPerOrder = MaxOrder / 2;

    /// <summary>
    /// The analog prototype's upper-half-plane poles p_k = exp(i pi (2k + N + 1) / (2N)) for every order N and
    /// k &lt; ceil(N / 2), as (re, im) pairs at 2 <see cref="PrototypeIndex"/>: constants, computed once (cos and sin
    /// in double), so a design needs no transcendental but the edges' tangents. The GPU uploads this very table.
    /// </summary>
    internal static readonly double[] PrototypeTable = BuildPrototypes();

    /// <summary>The pre-warped edge w = tan(pi f / fs) of <paramref name="hz"/> at <paramref name="sampleRateHz"/>.</summary>
    public static double Prewarp(double hz, double sampleRateHz) => Math.Tan(Math.PI * hz / sampleRateHz);

    /// <summary>Sections of a design: <see cref="OneSidedSectionCount"/> or <see cref="TwoSidedSectionCount"/>.</summary>
    public static int SectionCount(ButterworthBand band, int order) =>
        band >= ButterworthBand.BandPass ? TwoSidedSectionCount(order) : OneSidedSectionCount(order);

    /// <summary>Where prototype pole k of order N sits in <see cref="PrototypeTable"/> (in pairs).</summary>
    public static int PrototypeIndex(int order, int k) => ((order - 1) * PrototypesPerOrder) + k;

    /// <summary>Prototype pole k of order <paramref name="order"/> (from <see cref="PrototypeTable"/>).</summary>
    public static DoubleComplex PrototypePole(int order, int k)
    {
        int at = 2 * PrototypeIndex(order, k);
        return new DoubleComplex(PrototypeTable[at], PrototypeTable[at + 1]);
    }

    /// <summary>
    /// Which prototype pole section <paramref name="index"/> (in design order, before band designs are sorted)
    /// comes from: one-sided designs put the first-order section of an odd order first, then k = N/2 - 1 down to 0;
    /// band designs give each pole k two sections, 2k and 2k + 1 (one for the real pole of an odd order).
    /// </summary>
    public static int PrototypeOf(ButterworthBand band, int order, int index)
    {
        if (band >= ButterworthBand.BandPass)
        {
            return index >> 1;
        }

        int odd = order & 1;
        return index < odd ? (order - 1) / 2 : (order / 2) - 1 - (index - odd);
    }

    /// <summary>
    /// The two poles of section <paramref name="index"/> (design order) in the z-plane: a conjugate pair, two real
    /// poles, or for a first-order section one real pole and 0.
    /// </summary>
    /// <param name="edges">The design.</param>
    /// <param name="index">The section in design order, below <see cref="SectionCount"/>.</param>
    /// <param name="prototype">Prototype pole <see cref="PrototypeOf"/> (unused for the real prototype pole).</param>
    /// <param name="p1">The first pole.</param>
    /// <param name="p2">The second pole (its conjugate, a second real pole, or 0).</param>
    public static void SectionPoles(in ButterworthEdges edges, int index, DoubleComplex prototype, out DoubleComplex p1, out DoubleComplex p2)
    {
        int order = edges.Order;
        if (!edges.TwoSided)
        {
            if (index < (order & 1))
            {
                // The real prototype pole p = -1 maps to s = -w for both low-pass and high-pass.
                p1 = new DoubleComplex((1 - edges.W) / (1 + edges.W), 0);
                p2 = default;
                return;
            }

            p1 = Bilinear(edges.Band == ButterworthBand.HighPass ? edges.W / prototype : edges.W * prototype);
            p2 = p1.Conjugate;
            return;
        }

        double half = edges.Half, w0 = edges.W0;
        if ((2 * (index >> 1)) + 1 == order)
        {
            // The real prototype pole -1: q = -B/2 either way; its two poles are a conjugate pair or two reals.
            double disc = (half * half) - (w0 * w0);
            DoubleComplex root = disc < 0 ? new DoubleComplex(0, Math.Sqrt(-disc)) : new DoubleComplex(Math.Sqrt(disc), 0);
            p1 = Bilinear(-half + root);
            p2 = disc < 0 ? p1.Conjugate : Bilinear(-half - root);
            return;
        }

        // s = q +- sqrt(q^2 - w0^2): section 2k takes +, 2k + 1 takes -.
        BandRoots(edges, prototype, out DoubleComplex q, out DoubleComplex d);
        p1 = Bilinear((index & 1) == 0 ? q + d : q - d);
        p2 = p1.Conjugate;
    }

    /// <summary>
    /// <see cref="SectionPoles"/> of band sections 2k (<paramref name="plus"/>) and 2k + 1 (<paramref name="minus"/>) of a
    /// complex prototype pole at once: the same arithmetic, q and its square root computed once for both.
    /// </summary>
    private static void PolePair(in ButterworthEdges edges, DoubleComplex prototype, out DoubleComplex plus, out DoubleComplex minus)
    {
        BandRoots(edges, prototype, out DoubleComplex q, out DoubleComplex d);
        plus = Bilinear(q + d);
        minus = Bilinear(q - d);
    }

    /// <summary>A band design's complex prototype pole p mapped to q = p B/2 (band-stop: (B/2) / p) and d = sqrt(q^2 - w0^2): its s-plane poles are q +- d.</summary>
    private static void BandRoots(in ButterworthEdges edges, DoubleComplex prototype, out DoubleComplex q, out DoubleComplex d)
    {
        double half = edges.Half, w0 = edges.W0;
        q = edges.Band == ButterworthBand.BandStop ? half / prototype : prototype * half;
        d = DoubleComplex.Sqrt((q * q) - (w0 * w0));
    }

    /// <summary>A section's pole radius, max(|p1|, |p2|): band designs run their sections by increasing radius.</summary>
    public static double Radius(DoubleComplex p1, DoubleComplex p2) => Math.Max(p1.Magnitude, p2.Magnitude);

    /// <summary>
    /// Whether section a (radius <paramref name="radiusA"/>, design order <paramref name="a"/>) runs before section b
    /// in a band design: smaller radius first, ties in design order (a stable sort). A section's place is the
    /// number of sections that precede it.
    /// </summary>
    public static bool Precedes(double radiusA, int a, double radiusB, int b) => radiusA < radiusB || (radiusA == radiusB && a < b);

    /// <summary>
    /// A band-pass section's response at the centre scaled to unit magnitude: the sections' product is +1 or -1,
    /// and where it is -1 the first section is negated (<see cref="Section"/>), so the passband keeps its sign.
    /// </summary>
    public static DoubleComplex CentrePhase(in ButterworthEdges edges, DoubleComplex p1, DoubleComplex p2)
    {
        DoubleComplex h = CentreResponse(edges, p1, p2);
        return h * (1 / h.Magnitude);
    }

    /// <summary>
    /// Section <paramref name="index"/> (design order) realised from its poles: zeros at z = -1 (low-pass, double),
    /// +1 (high-pass, double), +1 and -1 (band-pass) or exp(+-i theta0) (band-stop), and unit gain where the
    /// filter has it (0 Hz for low-pass and band-stop, Nyquist for high-pass, unit magnitude at the centre for
    /// band-pass).
    /// </summary>
    /// <param name="edges">The design.</param>
    /// <param name="index">The section in design order.</param>
    /// <param name="p1">Its first pole (<see cref="SectionPoles"/>).</param>
    /// <param name="p2">Its second pole.</param>
    /// <param name="negate">Negate the section (a band-pass design's first section when the centre phases multiply to -1).</param>
    public static BiquadSection Section(in ButterworthEdges edges, int index, DoubleComplex p1, DoubleComplex p2, bool negate)
    {
        double sign = negate ? -1 : 1;
        bool highPass = edges.Band == ButterworthBand.HighPass;
        if (!edges.TwoSided)
        {
            if (index < (edges.Order & 1))
            {
                // Unit gain at 0 Hz (low-pass: H(1) = 2 g / (1 - z)) or at Nyquist (high-pass: H(-1) = 2 g / (1 + z)).
                double z = p1.Re;
                double firstGain = sign * (highPass ? (1 + z) / 2 : (1 - z) / 2);
                return BiquadSection.FromPoles(firstGain, highPass ? -firstGain : firstGain, 0, p1, p2);
            }

            // Double zero at -1 (low-pass) or +1 (high-pass); unit gain there: |1 -+ z|^2 / 4.
            double edge = highPass ? (1 + p1).Magnitude : (1 - p1).Magnitude;
            double gain = sign * edge * edge / 4;
            return BiquadSection.FromPoles(gain, highPass ? -2 * gain : 2 * gain, gain, p1, p2);
        }

        if (edges.Band == ButterworthBand.BandStop)
        {
            // H(1) = (2 - 2 cos theta0) / ((1 - p1)(1 - p2)); 2 - 2 cos = 4 sin^2(theta0 / 2) without cancellation.
            double stopGain = sign * ((1 - p1) * (1 - p2)).Re / (4 * edges.SinHalf * edges.SinHalf);
            return BiquadSection.FromPoles(stopGain, stopGain * (-2 * edges.Cos0), stopGain, p1, p2);
        }

        return BandPassSection(p1, p2, negate, CentreResponse(edges, p1, p2).Magnitude);
    }

    /// <summary>A band-pass section (zeros at +1 and -1) scaled to unit magnitude at the centre, given |H(centre)| of the unscaled section.</summary>
    private static BiquadSection BandPassSection(DoubleComplex p1, DoubleComplex p2, bool negate, double centreMagnitude)
    {
        double passGain = (negate ? -1 : 1) * (1 / centreMagnitude);
        return BiquadSection.FromPoles(passGain, passGain * 0, -passGain, p1, p2);
    }

    private static int OneSided(int order, double cutoffHz, double sampleRateHz, Span<BiquadSection> sections, bool highPass)
    {
        CheckOrder(order);
        CheckFrequency(cutoffHz, sampleRateHz, nameof(cutoffHz));
        int count = OneSidedSectionCount(order);
        CheckSpace(sections, count);
        var edges = new ButterworthEdges(highPass ? ButterworthBand.HighPass : ButterworthBand.LowPass, order, Prewarp(cutoffHz, sampleRateHz), 0);
        for (int i = 0; i < count; i++)
        {
            SectionPoles(edges, i, PrototypePole(order, PrototypeOf(edges.Band, order, i)), out DoubleComplex p1, out DoubleComplex p2);
            sections[i] = Section(edges, i, p1, p2, negate: false);
        }

        return count;
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
        var edges = new ButterworthEdges(
            stop ? ButterworthBand.BandStop : ButterworthBand.BandPass,
            order,
            Prewarp(lowHz, sampleRateHz),
            Prewarp(highHz, sampleRateHz));
        Span<DoubleComplex> first = stackalloc DoubleComplex[count];
        Span<DoubleComplex> second = stackalloc DoubleComplex[count];
        Span<double> radius = stackalloc double[count];
        Span<double> centre = stackalloc double[count];
        DoubleComplex product = new(1, 0);
        for (int i = 0; i < count; i++)
        {
            if ((i & 1) == 0 && i + 1 < count && (2 * (i >> 1)) + 1 != order)
            {
                // Sections 2k and 2k + 1 of a complex prototype pole share SectionPoles' q and d: computed once here.
                PolePair(edges, PrototypePole(order, PrototypeOf(edges.Band, order, i)), out first[i], out first[i + 1]);
                second[i] = first[i].Conjugate;
                second[i + 1] = first[i + 1].Conjugate;
            }
            else if ((i & 1) == 0 || (2 * (i >> 1)) + 1 == order)
            {
                SectionPoles(edges, i, PrototypePole(order, PrototypeOf(edges.Band, order, i)), out first[i], out second[i]);
            }

            radius[i] = Radius(first[i], second[i]);
            if (!stop)
            {
                // CentrePhase, with |H| kept for the section's gain below (Section computes the same).
                DoubleComplex h = CentreResponse(edges, first[i], second[i]);
                centre[i] = h.Magnitude;
                product *= h * (1 / centre[i]);
            }
        }

        // Each section goes to its place by radius (the GPU's design kernel places them the same way, a thread each).
        for (int i = 0; i < count; i++)
        {
            int place = 0;
            for (int j = 0; j < count; j++)
            {
                place += Precedes(radius[j], j, radius[i], i) ? 1 : 0;
            }

            bool negate = place == 0 && product.Re < 0;
            sections[place] = stop ? Section(edges, i, first[i], second[i], negate) : BandPassSection(first[i], second[i], negate, centre[i]);
        }

        return count;
    }

    /// <summary>H(e^{i theta0}) of (1 - z^-2) / ((1 - p1 z^-1)(1 - p2 z^-1)): a band-pass section at the centre, in double.</summary>
    private static DoubleComplex CentreResponse(in ButterworthEdges edges, DoubleComplex p1, DoubleComplex p2)
    {
        var z1 = new DoubleComplex(edges.Cos0, -edges.Sin0);
        return (1 + (0 * z1) + (-1 * z1 * z1)) / ((1 - (p1 * z1)) * (1 - (p2 * z1)));
    }

    private static DoubleComplex Bilinear(DoubleComplex s) => (1 + s) / (1 - s);

    private static double[] BuildPrototypes()
    {
        var table = new double[2 * MaxOrder * PrototypesPerOrder];
        for (int order = 1; order <= MaxOrder; order++)
        {
            for (int k = 0; k < (order + 1) / 2; k++)
            {
                double angle = Math.PI * ((2 * k) + order + 1) / (2 * order);
                table[2 * PrototypeIndex(order, k)] = Math.Cos(angle);
                table[(2 * PrototypeIndex(order, k)) + 1] = Math.Sin(angle);
            }
        }

        return table;
    }

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
}
