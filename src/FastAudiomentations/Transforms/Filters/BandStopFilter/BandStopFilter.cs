using FastAudiomentations.Dsp;

namespace FastAudiomentations;

/// <summary>
/// Removes a band around a random centre frequency (audiomentations' BandStopFilter, a notch): Butterworth by
/// default, optionally zero-phase or a windowed-sinc FIR.
/// </summary>
/// <remarks>
/// <para>
/// Per example: roll-off r = 6 k dB/octave with k uniform in [min / 6, max / 6] (12 k and [min / 12, max / 12]
/// for zero-phase Butterworth), the centre c uniform in mel between the bounds (mel = 2595 log10(1 + f / 700)),
/// and the bandwidth B = c u with u uniform in [minBandwidthFraction, maxBandwidthFraction]; the band edges
/// are c -+ B / 2. Butterworth: prototype order r / 6 (<see cref="ButterworthDesign.BandStop"/>: -3.01 dB at
/// both edges, a zero at the centre), run as scipy's <c>sosfilt</c> from the steady state for the first sample; zero phase: order
/// r / 12 forward and backward (<c>sosfiltfilt</c>). Windowed sinc: <see cref="BandFilter{TParams}.FirTaps"/> taps
/// (<see cref="WindowedSincDesign.BandStop"/>), causal or, with zero phase, centred.
/// </para>
/// <para>
/// Only the first Length samples of each channel are filtered; padding stays zero. An upper edge that can
/// reach the Nyquist frequency of the batch's sample rate, maxCenterHz (1 + maxBandwidthFraction / 2),
/// throws when applied (audiomentations clamps instead).
/// </para>
/// </remarks>
public sealed class BandStopFilter : BandFilter<BandStopFilterParameters>
{
    /// <summary>Default lowest centre frequency, Hz.</summary>
    public const double DefaultMinCenterHz = 200;

    /// <summary>Default highest centre frequency, Hz.</summary>
    public const double DefaultMaxCenterHz = 4000;

    /// <summary>Default smallest bandwidth, as a fraction of the centre frequency.</summary>
    public const double DefaultMinBandwidthFraction = 0.5;

    /// <summary>Default largest bandwidth, as a fraction of the centre frequency.</summary>
    public const double DefaultMaxBandwidthFraction = 1.99;

    /// <summary>Default gentlest roll-off, dB/octave.</summary>
    public const int DefaultMinRolloffDbPerOctave = 12;

    /// <summary>Default steepest roll-off, dB/octave.</summary>
    public const int DefaultMaxRolloffDbPerOctave = 24;

    /// <summary>Default FIR length (fast-audiomentations' 101 taps).</summary>
    public const int DefaultFirTaps = 101;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a band-stop filter transform.</summary>
    /// <param name="minCenterHz">Lowest centre frequency in Hz, positive.</param>
    /// <param name="maxCenterHz">Highest centre frequency in Hz, at least <paramref name="minCenterHz"/>; its upper edge must stay below the Nyquist frequency.</param>
    /// <param name="minBandwidthFraction">Smallest bandwidth relative to the centre, in (0, 2).</param>
    /// <param name="maxBandwidthFraction">Largest bandwidth relative to the centre, in (0, 2), at least <paramref name="minBandwidthFraction"/>.</param>
    /// <param name="minRolloffDbPerOctave">Gentlest roll-off, dB/octave: a positive multiple of 6 (of 12 with zero-phase Butterworth), at most 96.</param>
    /// <param name="maxRolloffDbPerOctave">Steepest roll-off, dB/octave, likewise, at least <paramref name="minRolloffDbPerOctave"/>.</param>
    /// <param name="zeroPhase">Filter forward and backward (Butterworth) or centre the FIR: no phase shift.</param>
    /// <param name="design">Butterworth (default) or windowed-sinc FIR.</param>
    /// <param name="firTaps">Taps of the windowed-sinc FIR: odd, in [3, 4095].</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel.</param>
    public BandStopFilter(
        double minCenterHz = DefaultMinCenterHz,
        double maxCenterHz = DefaultMaxCenterHz,
        double minBandwidthFraction = DefaultMinBandwidthFraction,
        double maxBandwidthFraction = DefaultMaxBandwidthFraction,
        int minRolloffDbPerOctave = DefaultMinRolloffDbPerOctave,
        int maxRolloffDbPerOctave = DefaultMaxRolloffDbPerOctave,
        bool zeroPhase = false,
        FilterDesign design = FilterDesign.Butterworth,
        int firTaps = DefaultFirTaps,
        double p = DefaultP,
        TransformMode mode = TransformMode.PerExample)
        : base(minCenterHz, maxCenterHz, minBandwidthFraction, maxBandwidthFraction, minRolloffDbPerOctave, maxRolloffDbPerOctave, zeroPhase, design, firTaps, p, mode)
    {
    }

    /// <inheritdoc/>
    public override string Name => nameof(BandStopFilter);

    /// <summary>Describes BandStopFilter for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(BandStopFilter),
        "Removes a band around a random centre frequency (Butterworth or windowed-sinc FIR).",
        [
            new("min_center_hz", ParameterKind.Number, DefaultMinCenterHz, "Lowest centre frequency, Hz, positive."),
            new("max_center_hz", ParameterKind.Number, DefaultMaxCenterHz, "Highest centre frequency, Hz, >= min_center_hz; the upper edge must stay below Nyquist."),
            new("min_bandwidth_fraction", ParameterKind.Number, DefaultMinBandwidthFraction, "Smallest bandwidth relative to the centre, in (0, 2)."),
            new("max_bandwidth_fraction", ParameterKind.Number, DefaultMaxBandwidthFraction, "Largest bandwidth relative to the centre, in (0, 2), >= min_bandwidth_fraction."),
            new("min_rolloff_db_per_octave", ParameterKind.Integer, DefaultMinRolloffDbPerOctave, "Gentlest roll-off, dB/octave: a multiple of 6 (of 12 with zero_phase), at most 96."),
            new("max_rolloff_db_per_octave", ParameterKind.Integer, DefaultMaxRolloffDbPerOctave, "Steepest roll-off, dB/octave, >= min_rolloff_db_per_octave."),
            new("zero_phase", ParameterKind.Boolean, false, "Filter forward and backward (no phase shift, -6 dB at the edges)."),
            new("design", ParameterKind.Choice, "butterworth", "butterworth or windowed_sinc."),
            new("fir_taps", ParameterKind.Integer, DefaultFirTaps, "Taps of the windowed_sinc FIR, odd, in [3, 4095]."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new BandStopFilter(
            a.Number("min_center_hz", DefaultMinCenterHz),
            a.Number("max_center_hz", DefaultMaxCenterHz),
            a.Number("min_bandwidth_fraction", DefaultMinBandwidthFraction),
            a.Number("max_bandwidth_fraction", DefaultMaxBandwidthFraction),
            a.Integer("min_rolloff_db_per_octave", DefaultMinRolloffDbPerOctave),
            a.Integer("max_rolloff_db_per_octave", DefaultMaxRolloffDbPerOctave),
            a.Boolean("zero_phase", false),
            a.Choice("design", FilterDesign.Butterworth),
            a.Integer("fir_taps", DefaultFirTaps),
            a.Number("p", DefaultP),
            a.Choice("mode", TransformMode.PerExample)));

    /// <summary>The windowed-sinc taps of one example's filter (<see cref="BandFilter{TParams}.FirTaps"/> floats).</summary>
    internal static void DesignTaps(in BandStopFilterParameters parameters, int sampleRate, Span<float> taps) =>
        WindowedSincDesign.BandStop(parameters.LowHz, parameters.HighHz, sampleRate, taps);

    /// <inheritdoc/>
    internal override ButterworthBand Band => ButterworthBand.BandStop;

    /// <inheritdoc/>
    private protected override int DesignButterworth(int order, double lowHz, double highHz, int sampleRate, Span<BiquadSection> sections) =>
        ButterworthDesign.BandStop(order, lowHz, highHz, sampleRate, sections);

    /// <inheritdoc/>
    internal override void DesignWindowedSinc(in BandStopFilterParameters parameters, int sampleRate, Span<float> taps) =>
        DesignTaps(parameters, sampleRate, taps);
}
