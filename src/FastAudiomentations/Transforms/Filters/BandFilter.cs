using System.Runtime.CompilerServices;
using FastAudiomentations.Dsp;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// The shared body of <see cref="BandPassFilter"/> and <see cref="BandStopFilter"/>: validation, properties,
/// sampling, the design plumbing the GPU backend calls and the CPU path. A leaf supplies only its defaults,
/// name, descriptor and the two design calls.
/// </summary>
/// <remarks>
/// Per example: roll-off r = 6 k dB/octave with k uniform in [min / 6, max / 6] (12 k and [min / 12, max / 12]
/// for zero-phase Butterworth), the centre c uniform in mel between the bounds (mel = 2595 log10(1 + f / 700)),
/// and the bandwidth B = c u with u uniform in [minBandwidthFraction, maxBandwidthFraction]; the band edges
/// are c -+ B / 2. Butterworth: prototype order r / 6, or r / 12 per pass for zero phase.
/// </remarks>
/// <typeparam name="TParams">The leaf's sampled-parameter struct.</typeparam>
public abstract class BandFilter<TParams> : AudioTransform<TParams>
    where TParams : unmanaged, IBandFilterParameters<TParams>
{
    private readonly MelRange _centers; // the centre range, its bounds in mels

    /// <summary>Validates and stores the settings; the parameter names are the leaves' constructor names.</summary>
    private protected BandFilter(
        double minCenterHz,
        double maxCenterHz,
        double minBandwidthFraction,
        double maxBandwidthFraction,
        int minRolloffDbPerOctave,
        int maxRolloffDbPerOctave,
        bool zeroPhase,
        FilterDesign design,
        int firTaps,
        double p,
        TransformMode mode)
        : base(p, mode)
    {
        FilterChecks.FrequencyRange(minCenterHz, maxCenterHz, nameof(minCenterHz), nameof(maxCenterHz));
        FilterChecks.BandwidthFractions(minBandwidthFraction, maxBandwidthFraction);
        FilterChecks.Design(design, firTaps);
        FilterChecks.Rolloff(minRolloffDbPerOctave, maxRolloffDbPerOctave, zeroPhase, design);
        MinCenterHz = minCenterHz;
        MaxCenterHz = maxCenterHz;
        _centers = new MelRange(minCenterHz, maxCenterHz);
        MinBandwidthFraction = minBandwidthFraction;
        MaxBandwidthFraction = maxBandwidthFraction;
        MinRolloffDbPerOctave = minRolloffDbPerOctave;
        MaxRolloffDbPerOctave = maxRolloffDbPerOctave;
        ZeroPhase = zeroPhase;
        Design = design;
        FirTaps = firTaps;
    }

    /// <summary>Lowest centre frequency, Hz.</summary>
    public double MinCenterHz { get; }

    /// <summary>Highest centre frequency, Hz.</summary>
    public double MaxCenterHz { get; }

    /// <summary>Smallest bandwidth, as a fraction of the centre frequency.</summary>
    public double MinBandwidthFraction { get; }

    /// <summary>Largest bandwidth, as a fraction of the centre frequency.</summary>
    public double MaxBandwidthFraction { get; }

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
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
    [
        new("min_center_hz", MinCenterHz),
        new("max_center_hz", MaxCenterHz),
        new("min_bandwidth_fraction", MinBandwidthFraction),
        new("max_bandwidth_fraction", MaxBandwidthFraction),
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
    internal int DesignSections(in TParams parameters, int sampleRate, Span<BiquadSection> sections) =>
        DesignButterworth(FilterChecks.Order(parameters.RolloffDbPerOctave, ZeroPhase), parameters.LowHz, parameters.HighHz, sampleRate, sections);

    /// <summary>Which Butterworth filter the leaf designs (<see cref="ButterworthBand.BandPass"/> or <see cref="ButterworthBand.BandStop"/>).</summary>
    internal abstract ButterworthBand Band { get; }

    /// <summary>
    /// One example's Butterworth order and pre-warped band edges (<see cref="ButterworthDesign.Prewarp"/>): what the
    /// GPU's design kernel designs <see cref="DesignSections"/>' sections from.
    /// </summary>
    /// <returns>The prototype order.</returns>
    internal int DesignEdges(in TParams parameters, int sampleRate, out double w1, out double w2)
    {
        w1 = ButterworthDesign.Prewarp(parameters.LowHz, sampleRate);
        w2 = ButterworthDesign.Prewarp(parameters.HighHz, sampleRate);
        return FilterChecks.Order(parameters.RolloffDbPerOctave, ZeroPhase);
    }

    /// <summary>
    /// One example's windowed-sinc edges (<see cref="WindowedSincDesign.Edges"/>): what the GPU's design kernel designs
    /// <see cref="DesignWindowedSinc"/>'s taps from (the leaf's <see cref="Band"/> says which kernel).
    /// </summary>
    internal void SincEdges(in TParams parameters, int sampleRate, out SincEdge upper, out SincEdge lower) =>
        WindowedSincDesign.Edges(Band, parameters.LowHz, parameters.HighHz, sampleRate, out upper, out lower);

    /// <summary>
    /// scipy's "ntaps" of one example's Butterworth design (2 order + 1): zero phase pads 3 ntaps samples of odd
    /// extension at each end (<see cref="FilterRunner.ZeroPhasePadding"/>).
    /// </summary>
    internal int FiltFiltTaps(in TParams parameters) => (2 * FilterChecks.Order(parameters.RolloffDbPerOctave, ZeroPhase)) + 1;

    /// <summary>The leaf's Butterworth design (<see cref="ButterworthDesign.BandPass"/> or <see cref="ButterworthDesign.BandStop"/>).</summary>
    /// <returns>The number of sections written.</returns>
    private protected abstract int DesignButterworth(int order, double lowHz, double highHz, int sampleRate, Span<BiquadSection> sections);

    /// <summary>The leaf's windowed-sinc design of one example's filter (<see cref="FirTaps"/> floats).</summary>
    internal abstract void DesignWindowedSinc(in TParams parameters, int sampleRate, Span<float> taps);

    /// <inheritdoc/>
    protected internal override void ValidateSampleRate(int sampleRate) =>
        FilterChecks.BelowNyquist(MaxCenterHz * (1 + (MaxBandwidthFraction / 2)), sampleRate, "maxCenterHz", "The highest upper band edge, maxCenterHz (1 + maxBandwidthFraction / 2),");

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override TParams SampleParameters(ref ParameterRandom random, in SamplingContext context)
    {
        float rolloff = FilterChecks.DrawRolloff(ref random, MinRolloffDbPerOctave, MaxRolloffDbPerOctave, ZeroPhase, Design);
        double center = _centers.Draw(ref random);
        double fraction = random.Uniform(MinBandwidthFraction, MaxBandwidthFraction);
        return TParams.Create((float)center, (float)(center * fraction), rolloff);
    }

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<TParams> parameters, ReadOnlySpan<bool> applied)
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
                DesignWindowedSinc(parameters[c], clip.SampleRate, taps);
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
