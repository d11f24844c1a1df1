using System.Runtime.CompilerServices;

namespace FastAudiomentations.Random;

/// <summary>
/// Standard normal noise as a pure function of (key, node, example, channel, sample index): the same
/// value on every backend, whatever the batch or thread layout.
/// </summary>
/// <remarks>
/// Sample t takes Philox block t / 4 of its stream; Box-Muller turns words (X, Y) into samples 4k and
/// 4k + 1 and words (Z, W) into 4k + 2 and 4k + 3: r = sqrt(-2 ln u1), z = r cos(2 pi u2) or r sin(2 pi u2),
/// with u1 in (0, 1] (so the logarithm is finite) and u2 in [0, 1). Values are bounded by
/// sqrt(-2 ln 2^-24) ~ 5.77.
/// </remarks>
public static class GaussianNoise
{
    /// <summary>The noise value of sample <paramref name="sampleIndex"/>; what each GPU thread computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sample(RandomKey key, int node, uint example, uint channel, int sampleIndex)
    {
        UInt4 block = Philox4x32.Generate(
            RandomCoordinates.Counter((uint)sampleIndex >> 2, channel, example, node, RandomPurpose.Signal), key);
        int lane = sampleIndex & 3;
        uint a = lane < 2 ? block.X : block.Z;
        uint b = lane < 2 ? block.Y : block.W;
        float radius = MathF.Sqrt(-2f * MathF.Log(RandomCoordinates.ToOpenUnitFloat(a)));
        float angle = 2f * MathF.PI * RandomCoordinates.ToUnitFloat(b);
        return (lane & 1) == 0 ? radius * MathF.Cos(angle) : radius * MathF.Sin(angle);
    }

    /// <summary>
    /// Writes samples [<paramref name="start"/>, start + destination.Length) of the stream into
    /// <paramref name="destination"/>. Scalar reference; each block of four costs one Philox call and two
    /// Box-Muller pairs.
    /// </summary>
    public static void Fill(Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
    {
        int i = 0;
        while (i < destination.Length)
        {
            int t = start + i;
            if ((t & 3) != 0 || destination.Length - i < 4)
            {
                destination[i++] = Sample(key, node, example, channel, t);
                continue;
            }

            UInt4 block = Philox4x32.Generate(
                RandomCoordinates.Counter((uint)t >> 2, channel, example, node, RandomPurpose.Signal), key);
            float r0 = MathF.Sqrt(-2f * MathF.Log(RandomCoordinates.ToOpenUnitFloat(block.X)));
            float r1 = MathF.Sqrt(-2f * MathF.Log(RandomCoordinates.ToOpenUnitFloat(block.Z)));
            (float s0, float c0) = MathF.SinCos(2f * MathF.PI * RandomCoordinates.ToUnitFloat(block.Y));
            (float s1, float c1) = MathF.SinCos(2f * MathF.PI * RandomCoordinates.ToUnitFloat(block.W));
            destination[i] = r0 * c0;
            destination[i + 1] = r0 * s0;
            destination[i + 2] = r1 * c1;
            destination[i + 3] = r1 * s1;
            i += 4;
        }
    }
}
