using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>A transform with kernels of its own, compiled once when the device loads it.</summary>
/// <typeparam name="TTransform">The core transform.</typeparam>
/// <typeparam name="TParams">Its sampled-parameter struct, uploaded as-is.</typeparam>
internal abstract class StepKernel<TTransform, TParams> : TransformKernel, IStepKernel
    where TTransform : AudioTransform<TParams>
    where TParams : unmanaged
{
    /// <summary>Compiles the kernels on <paramref name="accelerator"/>.</summary>
    protected StepKernel(Accelerator accelerator) => Accelerator = accelerator;

    /// <summary>The accelerator the kernels are loaded on.</summary>
    protected Accelerator Accelerator { get; }

    /// <inheritdoc/>
    public sealed override Type TransformType => typeof(TTransform);

    /// <inheritdoc/>
    public int ParameterStride => ParameterTable<TParams>.Stride;

    /// <inheritdoc/>
    public void WriteParameters(PlannedStep step, Span<float> destination) => ParameterTable<TParams>.Write(step, destination);

    /// <inheritdoc/>
    public virtual ulong? GraphKey(PlannedStep step, AudioBatch batch) => null;

    /// <inheritdoc/>
    public abstract void Launch(in StepLaunch launch);
}
