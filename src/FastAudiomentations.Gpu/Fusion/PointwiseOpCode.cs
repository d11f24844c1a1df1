namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// The operations the fused pointwise kernel interprets; one per pointwise transform. A new pointwise
/// transform adds a code here and a case in <see cref="FusedPointwiseKernel"/>.
/// </summary>
internal enum PointwiseOpCode
{
    /// <summary>y = x * 10^(g / 20).</summary>
    Gain = 1,

    /// <summary>y = -x.</summary>
    PolarityInversion = 2,

    /// <summary>y = min(max(x, aMin), aMax).</summary>
    Clip = 3,
}
