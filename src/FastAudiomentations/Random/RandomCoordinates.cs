using System.Runtime.CompilerServices;

namespace FastAudiomentations.Random;

/// <summary>
/// Where a random draw sits: the Philox counter layout shared by every backend.
/// </summary>
/// <remarks>
/// Counter words: X = index within the stream (draw number, or sample index / 4 for signals);
/// Y = channel (<see cref="AllChannels"/> for a draw shared by all channels); Z = example id
/// (<see cref="WholeBatch"/> for a per-batch draw); W = (pipeline node index &lt;&lt; 8) | purpose.
/// The key carries the seed and the call index. So a value depends on (seed, call, node, example,
/// channel, index) and on nothing else: not on the batch size, the position in the batch or the thread
/// that computes it. See docs/architecture/random-generation.md.
/// </remarks>
public static class RandomCoordinates
{
    /// <summary>The channel word of a draw shared by every channel of an example.</summary>
    public const uint AllChannels = 0xFFFF_FFFFu;

    /// <summary>The example word of a draw shared by the whole batch (per-batch mode).</summary>
    public const uint WholeBatch = 0xFFFF_FFFFu;

    /// <summary>The counter of draw <paramref name="index"/> in one stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt4 Counter(uint index, uint channel, uint example, int node, RandomPurpose purpose) =>
        new(index, channel, example, ((uint)node << 8) | (uint)purpose);

    /// <summary>A uniform float in [0, 1) from the top 24 bits of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToUnitFloat(uint bits) => (int)(bits >> 8) * (1.0f / 16_777_216f);

    /// <summary>A uniform float in (0, 1] from the top 24 bits of <paramref name="bits"/>; safe to take a logarithm of.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToOpenUnitFloat(uint bits) => (int)((bits >> 8) + 1) * (1.0f / 16_777_216f);

    /// <summary>A uniform double in [0, 1) from 53 bits of two words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToUnitDouble(uint hi, uint lo) => ((((ulong)hi << 32) | lo) >> 11) * (1.0 / 9_007_199_254_740_992.0);
}
