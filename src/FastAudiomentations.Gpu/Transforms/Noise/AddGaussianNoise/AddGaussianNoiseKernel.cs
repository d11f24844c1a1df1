using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary><see cref="AddGaussianNoise"/> on the GPU: an op of the fused pointwise kernel.</summary>
/// <remarks>
/// y[t] = fma(a, n[t], x[t]) with n[t] = <see cref="FastAudiomentations.Random.GaussianNoise.Sample"/>(key, node,
/// example id, channel, t), the CPU's formula and channel word: the block fills its chunk of the row's stream into
/// shared memory (<see cref="NoiseTile"/>, through <see cref="FastAudiomentations.Random.GaussianNoise.SampleBlock"/>,
/// bit for bit Sample) and each lane adds its sample. The noise differs from the CPU's by the rounding of log, sin and
/// cos (the CPU's vectorised Box-Muller, the GPU's approximate PTX functions): see GpuTolerances in the tests.
/// </remarks>
internal sealed class AddGaussianNoiseKernel : PointwiseKernel<AddGaussianNoise, AddGaussianNoiseParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.AddGaussianNoise;

    /// <summary>Fills the block's noise tile (every thread of the group calls this) and reads the row's amplitude.</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context)
    {
        NoiseTile.Fill(context.Tile, context.Key, node, context.ExampleId, (uint)context.Channel, context.ChunkStart, context.ChunkLength);
        return new() { Amplitude = floats[parameters], Tile = context.Tile, ChunkStart = context.ChunkStart };
    }

    /// <summary>y = fma(Amplitude, n[t], x).</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>The noise's standard deviation.</summary>
        public float Amplitude;

        /// <summary>The block's noise tile.</summary>
        public ArrayView<float> Tile;

        /// <summary>The sample the tile starts at.</summary>
        public int ChunkStart;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => GpuMath.FusedMultiplyAdd(Amplitude, Tile[NoiseTile.Slot(t - ChunkStart)], x);
    }
}
