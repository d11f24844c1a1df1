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
    public int ParameterStride => ParameterTable<TParams>.Stride;

    /// <inheritdoc/>
    public void WriteParameters(PlannedStep step, Span<float> destination) => ParameterTable<TParams>.Write(step, destination);

    /// <inheritdoc/>
    public virtual int ConstantCount => 0;

    /// <inheritdoc/>
    public void WriteConstants(Transform transform, Span<float> destination) => WriteConstants((TTransform)transform, destination);

    /// <summary>Writes the constants of <paramref name="transform"/>; none by default.</summary>
    protected virtual void WriteConstants(TTransform transform, Span<float> destination)
    {
    }
}
