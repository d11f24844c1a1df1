using FastAudiomentations.Gpu.Fusion;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// A transform that runs as one op of the fused pointwise kernel: its per-sample function lives beside it
/// (a struct implementing <see cref="IPointwiseFunction"/>) and calls the core's per-sample math.
/// </summary>
/// <typeparam name="TTransform">The core transform.</typeparam>
/// <typeparam name="TParams">Its sampled-parameter struct, uploaded as-is.</typeparam>
internal abstract class PointwiseKernel<TTransform, TParams> : TransformKernel, IPointwiseKernel
    where TTransform : AudioTransform<TParams>
    where TParams : unmanaged
{
    /// <inheritdoc/>
    public sealed override Type TransformType => typeof(TTransform);

    /// <inheritdoc/>
    public abstract PointwiseOpCode Code { get; }

    /// <inheritdoc/>
    public virtual RowStatistic Needs => RowStatistic.None;

    /// <inheritdoc/>
    public virtual int ParameterStride => ParameterTable<TParams>.Stride;

    /// <inheritdoc/>
    public virtual int ConstantCount => 0;

    /// <inheritdoc/>
    public RowStatistic NeedsFor(Transform transform) => NeedsFor((TTransform)transform);

    /// <inheritdoc/>
    /// <remarks>As the CPU paths measure: one value per clip in per-example and per-batch modes, per channel in per-channel mode.</remarks>
    public bool PerClip(Transform transform) => ((TTransform)transform).Mode != TransformMode.PerChannel;

    /// <inheritdoc/>
    public virtual void WriteParameters(PlannedStep step, Span<float> destination) => ParameterTable<TParams>.Write(step, destination);

    /// <inheritdoc/>
    public virtual void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination) => WriteParameters(step, destination);

    /// <inheritdoc/>
    public void WriteConstants(Transform transform, Span<float> destination) => WriteConstants((TTransform)transform, destination);

    /// <summary>The statistics this transform needs; <see cref="Needs"/> by default.</summary>
    protected virtual RowStatistic NeedsFor(TTransform transform) => Needs;

    /// <summary>Writes the constants of <paramref name="transform"/>; none by default.</summary>
    protected virtual void WriteConstants(TTransform transform, Span<float> destination)
    {
    }
}
