using FastAudiomentations.Dsp;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// <see cref="BandStopFilter"/> on the GPU: kernels of its own (<see cref="FilterKernel{TTransform, TParams}"/>),
/// each row designed on the host by <see cref="BandStopFilter"/>'s own design functions.
/// </summary>
/// <remarks>Butterworth (N sections for prototype order N) runs through <see cref="IirCascadeKernel"/>, windowed sinc through <see cref="FirKernel"/>.</remarks>
internal sealed class BandStopFilterKernel(FilterLaunchers launchers) : FilterKernel<BandStopFilter, BandStopFilterParameters>(launchers)
{
    /// <inheritdoc/>
    protected override FilterSettings Settings(BandStopFilter transform) => new(
        transform.Design,
        transform.ZeroPhase,
        transform.FirTaps,
        ButterworthDesign.TwoSidedSectionCount(FilterChecks.Order(transform.MaxRolloffDbPerOctave, transform.ZeroPhase)));

    /// <inheritdoc/>
    protected override int DesignSections(BandStopFilter transform, in BandStopFilterParameters parameters, int sampleRate, Span<BiquadSection> sections) =>
        transform.DesignSections(parameters, sampleRate, sections);

    /// <inheritdoc/>
    protected override int FiltFiltTaps(BandStopFilter transform, in BandStopFilterParameters parameters) => transform.FiltFiltTaps(parameters);

    /// <inheritdoc/>
    protected override void DesignTaps(in BandStopFilterParameters parameters, int sampleRate, Span<float> taps) =>
        BandStopFilter.DesignTaps(parameters, sampleRate, taps);
}
