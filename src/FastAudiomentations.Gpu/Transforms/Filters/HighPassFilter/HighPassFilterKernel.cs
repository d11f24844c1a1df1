using FastAudiomentations.Dsp;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// <see cref="HighPassFilter"/> on the GPU: kernels of its own (<see cref="FilterKernel{TTransform, TParams}"/>),
/// each row designed on the host by <see cref="HighPassFilter"/>'s own design functions.
/// </summary>
/// <remarks>Butterworth (ceil(order / 2) sections) runs through <see cref="IirCascadeKernel"/>, windowed sinc through <see cref="FirKernel"/>.</remarks>
internal sealed class HighPassFilterKernel(FilterLaunchers launchers) : FilterKernel<HighPassFilter, HighPassFilterParameters>(launchers)
{
    /// <inheritdoc/>
    protected override FilterSettings Settings(HighPassFilter transform) => new(
        transform.Design,
        transform.ZeroPhase,
        transform.FirTaps,
        ButterworthDesign.OneSidedSectionCount(FilterChecks.Order(transform.MaxRolloffDbPerOctave, transform.ZeroPhase)));

    /// <inheritdoc/>
    protected override int DesignSections(HighPassFilter transform, in HighPassFilterParameters parameters, int sampleRate, Span<BiquadSection> sections) =>
        transform.DesignSections(parameters, sampleRate, sections);

    /// <inheritdoc/>
    protected override int FiltFiltTaps(HighPassFilter transform, in HighPassFilterParameters parameters) => transform.FiltFiltTaps(parameters);

    /// <inheritdoc/>
    protected override void DesignTaps(in HighPassFilterParameters parameters, int sampleRate, Span<float> taps) =>
        HighPassFilter.DesignTaps(parameters, sampleRate, taps);
}
