using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastAudiomentations.Random;

/// <summary>
/// Parameter draws computed eight at a time for the plan sampler: the same draw of eight examples' streams (their
/// decisions, or their i-th parameter draw). Each value is the word pair (X &lt;&lt; 32) | Y of a draw's Philox block,
/// as <see cref="ParameterRandom"/> reads it.
/// </summary>
/// <remarks>
/// Why: sampling a call is a few Philox blocks per example, each ~15 ns of dependent multiplies on one core, and at
/// B = 128 that sits on the call's critical path before any kernel starts (AddBackgroundNoise: ~5 blocks per example,
/// ~10 us). Eight independent blocks in one AVX2 pass cost about as much as two, and the sweeps over examples have
/// no dependence between passes, so they run at the core's throughput rather than its latency. Same arithmetic as
/// <see cref="Philox4x32.Generate"/>, so the same values; without AVX2 the sampler draws one at a time.
/// The words leave the vectors through unpacks and whole stores: reading them out lane by lane with a variable index
/// (GetElement(i)) cost more than the Philox rounds, 3.1 against 0.55 us for 128 examples on the development machine
/// (sampling a B = 128 call of LowPassFilter: 28 -> 16 us).
/// </remarks>
internal static class ParameterDraws
{
    /// <summary>Draws per batch.</summary>
    public const int Width = 8;

    /// <summary>Whether this machine computes draws eight at a time.</summary>
    public static bool Vectorised => Avx2.IsSupported;

    /// <summary>
    /// Draw <paramref name="index"/> of the streams (channel, example, node, purpose) of
    /// <paramref name="examples"/>[i], into <paramref name="destination"/>[i * <paramref name="stride"/>]. Requires
    /// <see cref="Vectorised"/>.
    /// </summary>
    // Optimised at its first call: tier-0 code runs Vector256 operations as calls, ~40x slower, and a host helper called
    // a few times per call can stay at tier 0 for hundreds of calls while the process keeps compiling (on an H100 host
    // AddBackgroundNoise's preparation took 0.7-1.1 ms instead of 17 us that way: bench/gpu-notes.md, runs 34-36).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Across(RandomKey key, int node, RandomPurpose purpose, uint channel, uint index, ReadOnlySpan<uint> examples, Span<ulong> destination, int stride = 1)
    {
        Vector256<uint> x = Vector256.Create(index), y = Vector256.Create(channel);
        Vector256<uint> w = Vector256.Create(RandomCoordinates.Counter(0, 0, 0, node, purpose).W);
        Span<uint> tail = stackalloc uint[Width];
        Span<ulong> words = stackalloc ulong[Width];
        for (int start = 0; start < examples.Length; start += Width)
        {
            int count = Math.Min(Width, examples.Length - start);
            Vector256<uint> ids;
            if (count == Width)
            {
                ids = Vector256.Create(examples.Slice(start, Width));
            }
            else
            {
                tail.Clear();
                examples.Slice(start, count).CopyTo(tail);
                ids = Vector256.Create<uint>(tail);
            }

            Philox4x32.Generate8(x, y, ids, w, key, out Vector256<uint> hi, out Vector256<uint> lo, out _, out _);

            // (hi << 32) | lo per block, in block order: the unpacks pair the words within each 128-bit half (blocks 0, 1,
            // 4, 5 and 2, 3, 6, 7), the permutes put the halves in order.
            Vector256<uint> pairsLow = Avx2.UnpackLow(lo, hi), pairsHigh = Avx2.UnpackHigh(lo, hi);
            Avx2.Permute2x128(pairsLow, pairsHigh, 0x20).AsUInt64().CopyTo(words);
            Avx2.Permute2x128(pairsLow, pairsHigh, 0x31).AsUInt64().CopyTo(words[4..]);
            if (stride == 1 && count == Width)
            {
                words.CopyTo(destination.Slice(start, Width));
                continue;
            }

            for (int i = 0; i < count; i++)
            {
                destination[(start + i) * stride] = words[i];
            }
        }
    }
}
