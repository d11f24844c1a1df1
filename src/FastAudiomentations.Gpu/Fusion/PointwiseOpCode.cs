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

    /// <summary>y = x * PeakFactor(peak of the clip or channel).</summary>
    Normalize = 4,

    /// <summary>y = fma(a, n[t], x), n the white stream of (node, example, channel).</summary>
    AddGaussianNoise = 5,

    /// <summary>y = fma(k, n[t], x), k from the signal's and the noise's energies and the drawn SNR.</summary>
    AddGaussianSnr = 6,

    /// <summary>y = x + g z[(start + t) mod N], z a resident corpus clip, g from the energies and the drawn SNR or level.</summary>
    AddBackgroundNoise = 7,
}
