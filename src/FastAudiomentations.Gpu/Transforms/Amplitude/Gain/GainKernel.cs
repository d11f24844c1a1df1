using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Amplitude;

/// <summary><see cref="Gain"/> on the GPU: an op of the fused pointwise kernel.</summary>
/// <remarks>y = x * factor with factor = <see cref="GainParameters.Factor"/> (10^(dB/20), the core's
/// <see cref="DecibelMath"/>), computed on the host per row and sent in the table instead of the dB value: the CPU's
/// very factor (so the same output bit for bit), and no pow per thread and block (with its IEEE special cases, ~20
/// instructions per op in a fused chain: bench/gpu-notes.md, run 38). One multiply per sample, as on the CPU.</remarks>
internal sealed class GainKernel : PointwiseKernel<Gain, GainParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.Gain;

    /// <summary>Resolves a row's parameters (at <paramref name="parameters"/> in the float table) into the function.</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context) =>
        new() { Factor = floats[parameters] };

    /// <summary>Writes each row's linear factor (the table's one float per row).</summary>
    public override void WriteParameters(PlannedStep step, Span<float> destination)
    {
        GainParameters[] parameters = ((PlannedStep<GainParameters>)step).Parameters;
        for (int row = 0; row < parameters.Length; row++)
        {
            destination[row] = parameters[row].Factor;
        }
    }

    /// <summary>y = x * Factor.</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>The linear factor.</summary>
        public float Factor;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => x * Factor;
    }
}
