using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Amplitude;

/// <summary><see cref="Gain"/> on the GPU: an op of the fused pointwise kernel.</summary>
/// <remarks>y = x * factor with factor = <see cref="GainParameters.Factor"/> (10^(dB/20), the core's
/// <see cref="DecibelMath"/>), computed once per thread and row. One multiply per sample, as on the CPU; the
/// factor may differ from the CPU's by the GPU's fast pow (a few ulp).</remarks>
internal sealed class GainKernel : PointwiseKernel<Gain, GainParameters>
{
    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.Gain;

    /// <summary>Resolves a row's parameters (at <paramref name="parameters"/> in the float table) into the function.</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, int node, in RowContext context) =>
        new() { Factor = new GainParameters { GainDb = floats[parameters] }.Factor };

    /// <summary>y = x * Factor.</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>The linear factor.</summary>
        public float Factor;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) => x * Factor;
    }
}
