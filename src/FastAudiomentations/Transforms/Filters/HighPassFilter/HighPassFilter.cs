using FastAudiomentations.Dsp;
using FastAudiomentations.Random;

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
/// -6.02 dB. Windowed sinc: <see cref="FirTaps"/> taps (<see cref="WindowedSincDesign.HighPass"/>), causal or,
/// with zero phase, centred (delay compensated).
/// </para>
/// <para>
/// Only the first Length samples of each channel are filtered; padding stays zero. A cutoff range reaching
/// the Nyquist frequency of the batch's sample rate throws when applied (audiomentations clamps instead).
/// </para>
/// </remarks>
public sealed class HighPassFilter : AudioTransform<HighPassFilterParameters>
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
        : base(p, mode)
    {
        FilterChecks.FrequencyRange(minCutoffHz, maxCutoffHz, nameof(minCutoffHz), nameof(maxCutoffHz));
        FilterChecks.Design(design, firTaps);
        FilterChecks.Rolloff(minRolloffDbPerOctave, maxRolloffDbPerOctave, zeroPhase, design);
        MinCutoffHz = minCutoffHz;
        MaxCutoffHz = maxCutoffHz;
        MinRolloffDbPerOctave = minRolloffDbPerOctave;
        MaxRolloffDbPerOctave = maxRolloffDbPerOctave;
        ZeroPhase = zeroPhase;
        Design = design;
        FirTaps = firTaps;
    }

    /// <summary>Lowest cutoff, Hz.</summary>
    public double MinCutoffHz { get; }

    /// <summary>Highest cutoff, Hz.</summary>
    public double MaxCutoffHz { get; }

    /// <summary>Gentlest roll-off, dB/octave.</summary>
    public int MinRolloffDbPerOctave { get; }

    /// <summary>Steepest roll-off, dB/octave.</summary>
    public int MaxRolloffDbPerOctave { get; }

    /// <summary>Whether the filter leaves phase unchanged.</summary>
    public bool ZeroPhase { get; }

    /// <summary>Butterworth or windowed-sinc FIR.</summary>
    public FilterDesign Design { get; }

    /// <summary>Taps of the windowed-sinc FIR.</summary>
    public int FirTaps { get; }

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

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
    [
        new("min_cutoff_hz", MinCutoffHz),
        new("max_cutoff_hz", MaxCutoffHz),
        new("min_rolloff_db_per_octave", MinRolloffDbPerOctave),
        new("max_rolloff_db_per_octave", MaxRolloffDbPerOctave),
        new("zero_phase", ZeroPhase),
        new("design", Naming.ToSnakeCase(Design.ToString())),
        new("fir_taps", FirTaps),
        .. CommonParameters.Values(P, Mode),
    ];

    /// <summary>
    /// The Butterworth sections of one example's filter (host-side; the GPU backend uploads them). For zero
    /// phase these are the sections of each of the two passes.
    /// </summary>
    /// <returns>The number of sections written (at most <see cref="ButterworthDesign.MaxOrder"/>).</returns>
    internal int DesignSections(in HighPassFilterParameters parameters, int sampleRate, Span<BiquadSection> sections) =>
        ButterworthDesign.HighPass(FilterChecks.Order(parameters.RolloffDbPerOctave, ZeroPhase), parameters.CutoffHz, sampleRate, sections);

    /// <summary>
    /// scipy's "ntaps" of one example's Butterworth design (order + 1): zero phase pads 3 ntaps samples of odd
    /// extension at each end (<see cref="FilterRunner.ZeroPhasePadding"/>).
    /// </summary>
    internal int FiltFiltTaps(in HighPassFilterParameters parameters) => FilterChecks.Order(parameters.RolloffDbPerOctave, ZeroPhase) + 1;

    /// <summary>The windowed-sinc taps of one example's filter (<see cref="FirTaps"/> floats).</summary>
    internal static void DesignTaps(in HighPassFilterParameters parameters, int sampleRate, Span<float> taps) =>
        WindowedSincDesign.HighPass(parameters.CutoffHz, sampleRate, taps);

    /// <inheritdoc/>
    protected internal override void ValidateSampleRate(int sampleRate) =>
        FilterChecks.BelowNyquist(MaxCutoffHz, sampleRate, "maxCutoffHz", "The highest cutoff");

    /// <inheritdoc/>
    protected internal override HighPassFilterParameters SampleParameters(ref ParameterRandom random, in SamplingContext context)
    {
        float rolloff = FilterChecks.DrawRolloff(ref random, MinRolloffDbPerOctave, MaxRolloffDbPerOctave, ZeroPhase, Design);
        return new() { RolloffDbPerOctave = rolloff, CutoffHz = (float)FilterChecks.DrawMel(ref random, MinCutoffHz, MaxCutoffHz) };
    }

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<HighPassFilterParameters> parameters, ReadOnlySpan<bool> applied)
    {
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        for (int c = 0; c < clip.Channels; c++)
        {
            if (!applied[c])
            {
                continue;
            }

            if (Design == FilterDesign.WindowedSinc)
            {
                Span<float> taps = clip.Scratch.MoreFloats(FirTaps);
                DesignTaps(parameters[c], clip.SampleRate, taps);
                FilterRunner.Fir(clip.Channel(c), taps, ZeroPhase, clip.Scratch);
            }
            else
            {
                int count = DesignSections(parameters[c], clip.SampleRate, sections);
                FilterRunner.Iir(clip.Channel(c), sections[..count], ZeroPhase, FiltFiltTaps(parameters[c]), clip.Scratch);
            }
        }
    }
}
