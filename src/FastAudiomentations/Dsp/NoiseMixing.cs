using System.Runtime.CompilerServices;

namespace FastAudiomentations;

/// <summary>How much of a noise to add for a target signal-to-noise ratio; shared by the CPU paths and the GPU kernels.</summary>
public static class NoiseMixing
{
    /// <summary>
    /// The factor k such that adding k times the noise gives exactly <paramref name="snrDb"/>:
    /// 10 log10(signal power / (k^2 noise power)) = snrDb, i.e. k = sqrt(S / (N 10^(snrDb / 10))).
    /// </summary>
    /// <remarks>
    /// Both sums run over the same samples (the valid samples of the same channels), so their counts cancel.
    /// A silent signal (S = 0) gets no noise (k = 0), as in audiomentations, where the desired noise RMS is
    /// then 0; so does an all-zero or empty noise (N = 0): no division by zero. Computed in double: the
    /// ratio of two sums can span many decades.
    /// </remarks>
    /// <param name="signalSumOfSquares">Sum of the squared signal samples.</param>
    /// <param name="noiseSumOfSquares">Sum of the squared noise samples, over the same sample positions.</param>
    /// <param name="snrDb">The target signal-to-noise ratio, dB.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SnrNoiseScale(float signalSumOfSquares, float noiseSumOfSquares, float snrDb)
    {
        if (!(signalSumOfSquares > 0) || !(noiseSumOfSquares > 0))
        {
            return 0f;
        }

        return (float)Math.Sqrt(signalSumOfSquares / (noiseSumOfSquares * Math.Pow(10.0, snrDb / 10.0)));
    }

    /// <summary>
    /// <see cref="SnrNoiseScale"/> in float arithmetic, for GPU kernels (they run float math; a double power there is a
    /// software routine). Within a few float ulp of the double form over the SNRs and sums the transforms draw; the
    /// GPU tolerances of AddGaussianSNR and AddColorNoise state the bound.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SnrNoiseScaleSingle(float signalSumOfSquares, float noiseSumOfSquares, float snrDb)
    {
        if (!(signalSumOfSquares > 0) || !(noiseSumOfSquares > 0))
        {
            return 0f;
        }

        return MathF.Sqrt(signalSumOfSquares / (noiseSumOfSquares * MathF.Pow(10f, snrDb / 10f)));
    }
}
