using FastAudiomentations.Dsp;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// <see cref="LowPassFilter"/> on the GPU: kernels of its own (<see cref="FilterKernel{TTransform, TParams}"/>),
/// each row designed on the host by <see cref="LowPassFilter"/>'s own design functions.
/// </summary>
/// <remarks>Butterworth (ceil(order / 2) sections) runs through <see cref="IirCascadeKernel"/>, windowed sinc through <see cref="FirKernel"/>.</remarks>
internal sealed class LowPassFilterKernel(FilterLaunchers launchers) : FilterKernel<LowPassFilter, LowPassFilterParameters>(launchers)
{
    /// <inheritdoc/>
    protected override FilterSettings Settings(LowPassFilter transform) => new(
        transform.Design,
        transform.ZeroPhase,
        transform.FirTaps,
        ButterworthDesign.OneSidedSectionCount(FilterChecks.Order(transform.MaxRolloffDbPerOctave, transform.ZeroPhase)));

    /// <inheritdoc/>
    protected override int DesignSections(LowPassFilter transform, in LowPassFilterParameters parameters, int sampleRate, Span<BiquadSection> sections) =>
        transform.DesignSections(parameters, sampleRate, sections);

    /// <inheritdoc/>
    protected override int FiltFiltTaps(LowPassFilter transform, in LowPassFilterParameters parameters) => transform.FiltFiltTaps(parameters);

    /// <inheritdoc/>
    protected override void DesignTaps(in LowPassFilterParameters parameters, int sampleRate, Span<float> taps) =>
        LowPassFilter.DesignTaps(parameters, sampleRate, taps);
}
