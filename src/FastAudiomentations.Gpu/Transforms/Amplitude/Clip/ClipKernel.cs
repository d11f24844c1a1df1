using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Amplitude;

/// <summary><see cref="Clip"/> on the GPU: an op of the fused pointwise kernel, exact.</summary>
/// <remarks>y = <see cref="Clip.ClipSample"/>(x, aMin, aMax), the core's per-sample function; the bounds are
/// properties of the transform, passed as the op's two constants.</remarks>
internal sealed class ClipKernel : PointwiseKernel<Clip, ClipParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.Clip;

    /// <inheritdoc/>
    public override int ConstantCount => 2;

    /// <summary>Reads the bounds from the op's constants.</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context) =>
        new() { Min = floats[constants], Max = floats[constants + 1] };

    /// <inheritdoc/>
    protected override void WriteConstants(Clip transform, Span<float> destination)
    {
        destination[0] = (float)transform.AMin;
        destination[1] = (float)transform.AMax;
    }

    /// <summary>y = clip(x, Min, Max).</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>Lower bound.</summary>
        public float Min;

        /// <summary>Upper bound.</summary>
        public float Max;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => Clip.ClipSample(x, Min, Max);
    }
}
