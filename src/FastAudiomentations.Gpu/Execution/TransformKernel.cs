namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The GPU side of one leaf transform, found by the transform's type in the <see cref="KernelRegistry"/>:
/// either a pointwise op for the fused kernel (<see cref="PointwiseKernel{TTransform, TParams}"/>) or a
/// kernel of its own (<see cref="StepKernel{TTransform, TParams}"/>).
/// </summary>
internal abstract class TransformKernel
{
    /// <summary>The core transform type this kernel runs.</summary>
    public abstract Type TransformType { get; }
}
