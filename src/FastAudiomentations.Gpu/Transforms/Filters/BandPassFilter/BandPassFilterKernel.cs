using FastAudiomentations.Dsp;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// <see cref="BandPassFilter"/> on the GPU: kernels of its own (<see cref="FilterKernel{TTransform, TParams}"/>),
/// each row designed on the host by <see cref="BandPassFilter"/>'s own design functions.
/// </summary>
/// <remarks>Butterworth (N sections for prototype order N) runs through <see cref="IirCascadeKernel"/>, windowed sinc through <see cref="FirKernel"/>.</remarks>
internal sealed class BandPassFilterKernel(FilterLaunchers launchers) : FilterKernel<BandPassFilter, BandPassFilterParameters>(launchers)
{
    /// <inheritdoc/>
    protected override FilterSettings Settings(BandPassFilter transform) => new(
        transform.Design,
        transform.ZeroPhase,
        transform.FirTaps,
        ButterworthDesign.TwoSidedSectionCount(FilterChecks.Order(transform.MaxRolloffDbPerOctave, transform.ZeroPhase)));

    /// <inheritdoc/>
    protected override int DesignSections(BandPassFilter transform, in BandPassFilterParameters parameters, int sampleRate, Span<BiquadSection> sections) =>
        transform.DesignSections(parameters, sampleRate, sections);

    /// <inheritdoc/>
    protected override int FiltFiltTaps(BandPassFilter transform, in BandPassFilterParameters parameters) => transform.FiltFiltTaps(parameters);

    /// <inheritdoc/>
    protected override void DesignTaps(in BandPassFilterParameters parameters, int sampleRate, Span<float> taps) =>
        BandPassFilter.DesignTaps(parameters, sampleRate, taps);
}
