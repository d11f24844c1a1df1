using FastAudiomentations.Dsp;

namespace FastAudiomentations;

/// <summary>
/// Removes frequencies below a random cutoff (audiomentations' HighPassFilter): Butterworth by default,
/// optionally zero-phase or a windowed-sinc FIR.
/// </summary>
/// <remarks>
/// <para>
/// Per example: roll-off r = 6 k dB/octave with k uniform in [min / 6, max / 6] (12 k and [min / 12, max / 12]
/// for zero-phase Butterworth), then the cutoff uniform in mel between the bounds
/// (mel = 2595 log10(1 + f / 700)). Butterworth: order r / 6 (<see cref="ButterworthDesign.HighPass"/>), run as
/// scipy's <c>sosfilt</c> from the steady state for the first sample; zero phase: order r / 12 run forward
/// and backward (<c>sosfiltfilt</c>, odd-extended edges), so the total roll-off is r and the cutoff is at
/// -6.02 dB. Windowed sinc: <see cref="CutoffFilter{TParams}.FirTaps"/> taps (<see cref="WindowedSincDesign.HighPass"/>), causal or,
/// with zero phase, centred (delay compensated).
/// </para>
/// <para>
/// Only the first Length samples of each channel are filtered; padding stays zero. A cutoff range reaching
/// the Nyquist frequency of the batch's sample rate throws when applied (audiomentations clamps instead).
/// </para>
/// </remarks>
public sealed class HighPassFilter : CutoffFilter<HighPassFilterParameters>
{
    /// <summary>Default lowest cutoff, Hz.</summary>
    public const double DefaultMinCutoffHz = 20;

    /// <summary>Default highest cutoff, Hz.</summary>
    public const double DefaultMaxCutoffHz = 2400;

    /// <summary>Default gentlest roll-off, dB/octave.</summary>
    public const int DefaultMinRolloffDbPerOctave = 12;

    /// <summary>Default steepest roll-off, dB/octave.</summary>
    public const int DefaultMaxRolloffDbPerOctave = 24;

    /// <summary>Default FIR length (fast-audiomentations' 101 taps).</summary>
    public const int DefaultFirTaps = 101;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a high-pass filter transform.</summary>
    /// <param name="minCutoffHz">Lowest cutoff in Hz, positive.</param>
    /// <param name="maxCutoffHz">Highest cutoff in Hz, at least <paramref name="minCutoffHz"/>, below the Nyquist frequency of the audio it is applied to.</param>
    /// <param name="minRolloffDbPerOctave">Gentlest roll-off, dB/octave: a positive multiple of 6 (of 12 with zero-phase Butterworth), at most 96.</param>
    /// <param name="maxRolloffDbPerOctave">Steepest roll-off, dB/octave, likewise, at least <paramref name="minRolloffDbPerOctave"/>.</param>
    /// <param name="zeroPhase">Filter forward and backward (Butterworth) or centre the FIR: no phase shift.</param>
    /// <param name="design">Butterworth (default) or windowed-sinc FIR.</param>
    /// <param name="firTaps">Taps of the windowed-sinc FIR: odd, in [3, 4095].</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel.</param>
    public HighPassFilter(
        double minCutoffHz = DefaultMinCutoffHz,
        double maxCutoffHz = DefaultMaxCutoffHz,
        int minRolloffDbPerOctave = DefaultMinRolloffDbPerOctave,
        int maxRolloffDbPerOctave = DefaultMaxRolloffDbPerOctave,
        bool zeroPhase = false,
        FilterDesign design = FilterDesign.Butterworth,
        int firTaps = DefaultFirTaps,
        double p = DefaultP,
        TransformMode mode = TransformMode.PerExample)
        : base(minCutoffHz, maxCutoffHz, minRolloffDbPerOctave, maxRolloffDbPerOctave, zeroPhase, design, firTaps, p, mode)
    {
    }

    /// <inheritdoc/>
    public override string Name => nameof(HighPassFilter);

    /// <summary>Describes HighPassFilter for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(HighPassFilter),
        "Removes frequencies below a random cutoff (Butterworth or windowed-sinc FIR).",
        [
            new("min_cutoff_hz", ParameterKind.Number, DefaultMinCutoffHz, "Lowest cutoff, Hz, positive."),
            new("max_cutoff_hz", ParameterKind.Number, DefaultMaxCutoffHz, "Highest cutoff, Hz, >= min_cutoff_hz and below Nyquist."),
            new("min_rolloff_db_per_octave", ParameterKind.Integer, DefaultMinRolloffDbPerOctave, "Gentlest roll-off, dB/octave: a multiple of 6 (of 12 with zero_phase), at most 96."),
            new("max_rolloff_db_per_octave", ParameterKind.Integer, DefaultMaxRolloffDbPerOctave, "Steepest roll-off, dB/octave, >= min_rolloff_db_per_octave."),
            new("zero_phase", ParameterKind.Boolean, false, "Filter forward and backward (no phase shift, -6 dB at the cutoff)."),
            new("design", ParameterKind.Choice, "butterworth", "butterworth or windowed_sinc."),
            new("fir_taps", ParameterKind.Integer, DefaultFirTaps, "Taps of the windowed_sinc FIR, odd, in [3, 4095]."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new HighPassFilter(
            a.Number("min_cutoff_hz", DefaultMinCutoffHz),
            a.Number("max_cutoff_hz", DefaultMaxCutoffHz),
            a.Integer("min_rolloff_db_per_octave", DefaultMinRolloffDbPerOctave),
            a.Integer("max_rolloff_db_per_octave", DefaultMaxRolloffDbPerOctave),
            a.Boolean("zero_phase", false),
            a.Choice("design", FilterDesign.Butterworth),
            a.Integer("fir_taps", DefaultFirTaps),
            a.Number("p", DefaultP),
            a.Choice("mode", TransformMode.PerExample)));

    /// <summary>The windowed-sinc taps of one example's filter (<see cref="CutoffFilter{TParams}.FirTaps"/> floats).</summary>
    internal static void DesignTaps(in HighPassFilterParameters parameters, int sampleRate, Span<float> taps) =>
        WindowedSincDesign.HighPass(parameters.CutoffHz, sampleRate, taps);

    /// <inheritdoc/>
    internal override ButterworthBand Band => ButterworthBand.HighPass;

    /// <inheritdoc/>
    private protected override int DesignButterworth(int order, double cutoffHz, int sampleRate, Span<BiquadSection> sections) =>
        ButterworthDesign.HighPass(order, cutoffHz, sampleRate, sections);

    /// <inheritdoc/>
    internal override void DesignWindowedSinc(in HighPassFilterParameters parameters, int sampleRate, Span<float> taps) =>
        DesignTaps(parameters, sampleRate, taps);
}
