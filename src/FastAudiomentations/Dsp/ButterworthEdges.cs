namespace FastAudiomentations.Dsp;

/// <summary>
/// One Butterworth design's band, order and pre-warped edges, with what all its sections share: the input of
/// <see cref="ButterworthDesign.SectionPoles"/> and <see cref="ButterworthDesign.Section"/>, which the host and the
/// GPU's design kernel both run.
/// </summary>
/// <remarks>
/// Edges are pre-warped on the host, w = tan(pi f / fs) (the only transcendental of a design besides the
/// prototype poles, which are constants per order: <see cref="ButterworthDesign.PrototypePole"/>). Band designs:
/// w0 = sqrt(w1 w2), B / 2 = (w2 - w1) / 2, and the centre theta0 = 2 atan(w0) enters only through
/// cos theta0 = (1 - w0^2) / (1 + w0^2), sin theta0 = 2 w0 / (1 + w0^2) and sin(theta0 / 2) = w0 / sqrt(1 + w0^2).
/// </remarks>
public readonly struct ButterworthEdges
{
    /// <summary>Which filter.</summary>
    public readonly ButterworthBand Band;

    /// <summary>The (prototype) order N, 1..<see cref="ButterworthDesign.MaxOrder"/>.</summary>
    public readonly int Order;

    /// <summary>The pre-warped cutoff w = tan(pi f / fs) (one-sided designs; the lower edge for band designs).</summary>
    public readonly double W;

    /// <summary>The pre-warped geometric centre w0 = sqrt(w1 w2) (band designs).</summary>
    public readonly double W0;

    /// <summary>Half the pre-warped bandwidth, (w2 - w1) / 2 (band designs).</summary>
    public readonly double Half;

    /// <summary>cos theta0 with theta0 = 2 atan(w0), the centre's angle on the unit circle (band designs).</summary>
    public readonly double Cos0;

    /// <summary>sin theta0 (band designs).</summary>
    public readonly double Sin0;

    /// <summary>sin(theta0 / 2) (band designs).</summary>
    public readonly double SinHalf;

    /// <summary>Derives what the sections share from the pre-warped edges.</summary>
    /// <param name="band">Which filter.</param>
    /// <param name="order">The (prototype) order, 1..<see cref="ButterworthDesign.MaxOrder"/> (not checked: callers do).</param>
    /// <param name="w1">tan(pi f / fs) of the cutoff, or of the lower band edge.</param>
    /// <param name="w2">tan(pi f / fs) of the upper band edge (ignored by one-sided designs).</param>
    public ButterworthEdges(ButterworthBand band, int order, double w1, double w2)
    {
        Band = band;
        Order = order;
        W = w1;
        double w0 = Math.Sqrt(w1 * w2);
        double square = w0 * w0;
        W0 = w0;
        Half = (w2 - w1) / 2;
        Cos0 = (1 - square) / (1 + square);
        Sin0 = 2 * w0 / (1 + square);
        SinHalf = w0 / Math.Sqrt(1 + square);
    }

    /// <summary>Whether this is a band design (band-pass or band-stop).</summary>
    public bool TwoSided => Band >= ButterworthBand.BandPass;
}
