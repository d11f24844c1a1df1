using FastAudiomentations.Random;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// The noise baselines' generator: the library's stream (so that outputs can be compared) computed the
/// obvious way, one Philox4x32-10 block per four samples and scalar Box-Muller with MathF.
/// </summary>
/// <remarks>
/// Sample t comes from Philox block t / 4 at counter (t / 4, channel, example, (node &lt;&lt; 8) | Signal); words
/// (X, Y) give samples 4k and 4k + 1, words (Z, W) samples 4k + 2 and 4k + 3:
/// r = sqrt(-2 ln u1), z = r cos(2 pi u2), r sin(2 pi u2), with u1 = (top 24 bits + 1) / 2^24 in (0, 1] and
/// u2 = top 24 bits / 2^24 in [0, 1) (docs/architecture/random-generation.md). Box, G. E. P. and Muller, M. E.,
/// "A note on the generation of random normal deviates", Ann. Math. Statist. 29 (1958).
/// </remarks>
public static class ScalarGaussian
{
    /// <summary>Writes samples [0, destination.Length) of a channel's stream.</summary>
    public static void Fill(Span<float> destination, RandomKey key, int node, uint example, uint channel)
    {
        Span<float> four = stackalloc float[4];
        for (int t = 0; t < destination.Length; t += 4)
        {
            Block(four, key, node, example, channel, t >> 2);
            int count = Math.Min(4, destination.Length - t);
            for (int j = 0; j < count; j++)
            {
                destination[t + j] = four[j];
            }
        }
    }

    /// <summary>x[t] += scale * z[t], the noise generated as it is added.</summary>
    public static void AddScaled(Span<float> x, float scale, RandomKey key, int node, uint example, uint channel)
    {
        Span<float> four = stackalloc float[4];
        for (int t = 0; t < x.Length; t += 4)
        {
            Block(four, key, node, example, channel, t >> 2);
            int count = Math.Min(4, x.Length - t);
            for (int j = 0; j < count; j++)
            {
                x[t + j] += scale * four[j];
            }
        }
    }

    private static void Block(Span<float> four, RandomKey key, int node, uint example, uint channel, int block)
    {
        UInt4 bits = Philox4x32.Generate(new UInt4((uint)block, channel, example, ((uint)node << 8) | (uint)RandomPurpose.Signal), key);
        Pair(four, 0, bits.X, bits.Y);
        Pair(four, 2, bits.Z, bits.W);
    }

    private static void Pair(Span<float> four, int at, uint a, uint b)
    {
        float u1 = ((a >> 8) + 1) / 16_777_216f;
        float u2 = (b >> 8) / 16_777_216f;
        float radius = MathF.Sqrt(-2f * MathF.Log(u1));
        float angle = 2f * MathF.PI * u2;
        four[at] = radius * MathF.Cos(angle);
        four[at + 1] = radius * MathF.Sin(angle);
    }
}
