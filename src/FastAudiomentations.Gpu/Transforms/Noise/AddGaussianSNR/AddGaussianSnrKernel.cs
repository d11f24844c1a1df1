using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary><see cref="AddGaussianSnr"/> on the GPU: an op of the fused pointwise kernel that reads two energies.</summary>
/// <remarks>
/// The pass before it (or a statistics-only pass) reduces per block the sum of x^2 of its input and the sum of n^2
/// of this op's own white stream over the valid samples (the noise regenerated there: a pure function of its
/// coordinates); the op's pass combines the blocks of the clip (per-example and per-batch modes: its applied
/// channels, as the CPU sums) or the channel (per-channel mode), computes
/// k = <see cref="NoiseMixing.SnrNoiseScale"/>(sum x^2, sum n^2, snr), fills its noise tile again and adds
/// y = fma(k, n[t], x), as the CPU's multiply-add does. A silent clip gets k = 0.
/// </remarks>
internal sealed class AddGaussianSnrKernel : PointwiseKernel<AddGaussianSnr, AddGaussianSnrParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.AddGaussianSnr;

    /// <inheritdoc/>
    public override RowStatistic Needs => RowStatistic.Energy | RowStatistic.NoiseEnergy;

    /// <summary>The scale from the energies the pass read; fills the block's noise tile (every thread calls this).</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context)
    {
        float scale = NoiseMixing.SnrNoiseScaleSingle(context.Energy, context.NoiseEnergy, floats[parameters]);
        if (context.TileNode != node)
        {
            // Not left in the tile by the pass's own statistics: generate it again.
            NoiseTile.Fill(context.Tile, context.Key, node, context.ExampleId, (uint)context.Channel, context.ChunkStart, context.ChunkLength);
        }

        return new() { Scale = scale, Tile = context.Tile, ChunkStart = context.ChunkStart };
    }

    /// <summary>y = fma(Scale, n[t], x).</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>The noise's scale k.</summary>
        public float Scale;

        /// <summary>The block's noise tile.</summary>
        public ArrayView<float> Tile;

        /// <summary>The sample the tile starts at.</summary>
        public int ChunkStart;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => GpuMath.FusedMultiplyAdd(Scale, Tile[NoiseTile.Slot(t - ChunkStart)], x);
    }
}
