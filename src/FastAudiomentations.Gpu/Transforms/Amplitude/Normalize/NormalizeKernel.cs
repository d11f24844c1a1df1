using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Amplitude;

/// <summary><see cref="Normalize"/> on the GPU: an op of the fused pointwise kernel that reads the peak of its input.</summary>
/// <remarks>
/// The pass before it (or a statistics-only pass) reduces the peak per block as the integer max of
/// bits &amp; 0x7FFFFFFF, exactly as the CPU does (so the peak is bit-identical and a NaN wins); the op's pass combines
/// the blocks of the clip (per-example and per-batch modes: its applied channels) or of the channel (per-channel
/// mode), then y = <see cref="Normalize.NormalizeSample"/>(x, <see cref="Normalize.PeakFactor"/>(peak, applyTo)).
/// A factor of 1 leaves the samples untouched, as on the CPU (which skips them). The factor may differ from the
/// CPU's by an ulp or two where the GPU's fast reciprocal is an ulp off (PeakFactor then steps so that the new peak
/// stays at most 1), and products that would be subnormal flush to zero.
/// </remarks>
internal sealed class NormalizeKernel : PointwiseKernel<Normalize, NormalizeParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.Normalize;

    /// <inheritdoc/>
    public override RowStatistic Needs => RowStatistic.Peak;

    /// <inheritdoc/>
    public override int ConstantCount => 1;

    /// <summary>The factor from the peak the pass read and the transform's apply_to (its constant).</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context) =>
        new() { Factor = Normalize.PeakFactor(context.Peak, (NormalizeApplyTo)(int)floats[constants]) };

    /// <inheritdoc/>
    protected override void WriteConstants(Normalize transform, Span<float> destination) => destination[0] = (int)transform.ApplyTo;

    /// <summary>y = x * Factor, or x itself when Factor is 1.</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>The clip's (or channel's) factor.</summary>
        public float Factor;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => Factor == 1f ? x : Normalize.NormalizeSample(x, Factor);
    }
}
