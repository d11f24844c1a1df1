using System.Runtime.CompilerServices;

namespace FastAudiomentations;

/// <summary>The arithmetic of <see cref="AddBackgroundNoise"/>, shared by the CPU path and the GPU kernels.</summary>
public static class BackgroundNoiseMath
{
    /// <summary>Below this RMS a noise segment counts as silent and the clip is left unchanged (as in audiomentations).</summary>
    public const double SilentNoiseRms = 1e-9;

    /// <summary>The largest float below 1, the top of <see cref="AddBackgroundNoiseParameters.OffsetFraction"/>.</summary>
    public const float MaxFraction = 0.99999994f;

    /// <summary>A uniform draw in [0, 1) as a float that stays below 1 (a plain cast can round up to 1).</summary>
    public static float ToFraction(double u) => (float)u < 1f ? (float)u : MaxFraction;

    /// <summary>The file a drawn index names: floor, clamped to [0, <paramref name="count"/> - 1] (so an edited plan cannot point outside).</summary>
    public static int FileIndex(float drawn, int count) =>
        float.IsNaN(drawn) ? 0 : (int)Math.Clamp(MathF.Floor(drawn), 0f, count - 1);

    /// <summary>
    /// The first noise sample mixed in. A noise at least as long as the clip is cropped: the start is one of
    /// the N - n + 1 positions that keep the crop inside the noise. A shorter noise is looped: the start is any
    /// of its N samples. start = min(floor(f * positions), positions - 1), f clamped to [0, 1).
    /// </summary>
    /// <param name="offsetFraction">The drawn fraction, in [0, 1).</param>
    /// <param name="noiseLength">Noise samples per channel, N.</param>
    /// <param name="clipLength">Valid samples of the clip, n.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int StartSample(float offsetFraction, int noiseLength, int clipLength)
    {
        if (noiseLength <= 0)
        {
            return 0;
        }

        long positions = noiseLength >= clipLength ? (long)noiseLength - clipLength + 1 : noiseLength;
        double f = offsetFraction > 0 ? Math.Min(offsetFraction, MaxFraction) : 0;
        return (int)Math.Min(positions - 1, (long)(f * positions));
    }

    /// <summary>Index into the noise of clip sample <paramref name="t"/>: (start + t) mod N.</summary>
    /// <remarks>
    /// In 32-bit unsigned arithmetic, which cannot overflow for start in [0, N) and t in [0, 2^31): a GPU divides
    /// 32-bit integers several times faster than 64-bit ones, and this runs once per sample.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NoiseIndex(int start, int t, int noiseLength) => (int)(((uint)start + (uint)t) % (uint)noiseLength);

    /// <summary>
    /// The factor the noise is scaled by: relative, g = (sqrt(Ec / count) / 10^(SNR / 20)) / sqrt(En / count);
    /// absolute, g = 10^(RMS dB / 20) / sqrt(En / count); 0 when the noise segment is silent (RMS below
    /// <see cref="SilentNoiseRms"/>) or, relative, the clip is. Ec and En are sums of squares over the same
    /// <paramref name="count"/> samples (the clip's valid samples of the channels mixed), so the achieved SNR
    /// over those samples is the drawn one.
    /// </summary>
    public static float NoiseGain(NoiseRmsMode mode, double cleanEnergy, double noiseEnergy, long count, float snrDb, float absoluteRmsDb)
    {
        if (count <= 0)
        {
            return 0;
        }

        double noiseRms = Math.Sqrt(noiseEnergy / count);
        if (!(noiseRms >= SilentNoiseRms))
        {
            return 0;
        }

        double target = mode == NoiseRmsMode.Relative
            ? Math.Sqrt(cleanEnergy / count) / Math.Pow(10, snrDb / 20.0)
            : Math.Pow(10, absoluteRmsDb / 20.0);
        return (float)(target / noiseRms);
    }

    /// <summary>
    /// <see cref="NoiseGain"/> in float arithmetic, for GPU kernels (they run float math; a double power there is a
    /// software routine): the same formula, within a few float ulp (the GPU tolerance of AddBackgroundNoise).
    /// </summary>
    public static float NoiseGainSingle(NoiseRmsMode mode, float cleanEnergy, float noiseEnergy, long count, float snrDb, float absoluteRmsDb)
    {
        if (count <= 0)
        {
            return 0;
        }

        float samples = count;
        float noiseRms = MathF.Sqrt(noiseEnergy / samples);
        if (!(noiseRms >= (float)SilentNoiseRms))
        {
            return 0;
        }

        float target = mode == NoiseRmsMode.Relative
            ? MathF.Sqrt(cleanEnergy / samples) / MathF.Pow(10f, snrDb / 20f)
            : MathF.Pow(10f, absoluteRmsDb / 20f);
        return target / noiseRms;
    }

    /// <summary>One mixed sample: clean + gain * noise, in this order of operations on every device.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Mix(float clean, float noise, float gain) => (noise * gain) + clean;
}
