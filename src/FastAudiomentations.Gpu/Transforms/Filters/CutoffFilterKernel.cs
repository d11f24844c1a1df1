using FastAudiomentations.Dsp;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// <see cref="LowPassFilter"/> or <see cref="HighPassFilter"/> on the GPU: kernels of its own
/// (<see cref="FilterKernel{TTransform, TParams}"/>), each row designed by the transform's own
/// design functions (on the device for larger batches) (<see cref="CutoffFilter{TParams}"/>).
/// </summary>
/// <remarks>Butterworth (ceil(order / 2) sections) runs through <see cref="IirCascadeKernel"/>, windowed sinc through <see cref="FirKernel"/>.</remarks>
/// <typeparam name="TTransform">The core filter transform.</typeparam>
/// <typeparam name="TParams">Its sampled-parameter struct.</typeparam>
internal sealed class CutoffFilterKernel<TTransform, TParams>(FilterLaunchers launchers) : FilterKernel<TTransform, TParams>(launchers)
    where TTransform : CutoffFilter<TParams>
    where TParams : unmanaged, ICutoffFilterParameters<TParams>
{
    /// <inheritdoc/>
    protected override FilterSettings Settings(TTransform transform) => new(
        transform.Design,
        transform.ZeroPhase,
        transform.FirTaps,
        ButterworthDesign.OneSidedSectionCount(FilterChecks.Order(transform.MaxRolloffDbPerOctave, transform.ZeroPhase)));

    /// <inheritdoc/>
    protected override int DesignSections(TTransform transform, in TParams parameters, int sampleRate, Span<BiquadSection> sections) =>
        transform.DesignSections(parameters, sampleRate, sections);

    /// <inheritdoc/>
    protected override ButterworthBand Band(TTransform transform) => transform.Band;

    /// <inheritdoc/>
    protected override int DesignEdges(TTransform transform, in TParams parameters, int sampleRate, out double w1, out double w2) =>
        transform.DesignEdges(parameters, sampleRate, out w1, out w2);

    /// <inheritdoc/>
    protected override int FiltFiltTaps(TTransform transform, in TParams parameters) => transform.FiltFiltTaps(parameters);

    /// <inheritdoc/>
    protected override void SincEdges(TTransform transform, in TParams parameters, int sampleRate, out SincEdge upper, out SincEdge lower) =>
        transform.SincEdges(parameters, sampleRate, out upper, out lower);

    /// <inheritdoc/>
    protected override void DesignTaps(TTransform transform, in TParams parameters, int sampleRate, Span<float> taps) =>
        transform.DesignWindowedSinc(parameters, sampleRate, taps);
}
