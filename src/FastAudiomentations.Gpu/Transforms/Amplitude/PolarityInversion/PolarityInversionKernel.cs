using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Amplitude;

/// <summary><see cref="PolarityInversion"/> on the GPU: an op of the fused pointwise kernel; y = -x, exact.</summary>
internal sealed class PolarityInversionKernel : PointwiseKernel<PolarityInversion, PolarityInversionParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.PolarityInversion;

    /// <summary>Nothing to resolve: the op has no parameters.</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context) => default;

    /// <summary>y = -x.</summary>
    public struct Function : IPointwiseFunction
    {
        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => -x;
    }
}
