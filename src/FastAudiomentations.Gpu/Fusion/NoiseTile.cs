using System.Runtime.CompilerServices;
using FastAudiomentations.Random;
using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// A block's chunk of a white Gaussian noise stream in shared memory: the group fills it cooperatively, one
/// Philox block (four samples, <see cref="GaussianNoise.SampleBlock"/>) per thread and step, then every thread
/// reads the samples its lanes hold.
/// </summary>
/// <remarks>
/// Why a tile: a thread's lanes are 256 samples apart (coalesced loads), so the four samples of one Philox block
/// belong to four threads; generating per lane would run the generator four times per block of four. Filling the
/// tile costs one Philox call and two Box-Muller pairs per four samples, as on the CPU. Layout: sample i sits at
/// <see cref="Slot"/>(i) = i + i / 32, one pad word per 32, so that the fill's stride-4 stores and the lanes'
/// stride-1 loads are both free of bank conflicts.
/// </remarks>
internal static class NoiseTile
{
    /// <summary>The most samples a tile holds: the largest chunk.</summary>
    public const int MaxSamples = 256 * Lanes.Count;

    /// <summary>Floats of shared memory a tile of <see cref="MaxSamples"/> takes, padding included.</summary>
    public const int Length = MaxSamples + (MaxSamples / 32);

    /// <summary>Where sample <paramref name="index"/> of the tile sits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Slot(int index) => index + (index >> 5);

    /// <summary>
    /// Fills <paramref name="tile"/> with samples [start, start + count) of stream (key, node, example, channel);
    /// start and count are multiples of 4. Every thread of the group must call it (it synchronises the group
    /// before, so earlier readers are done, and after, so the tile is complete).
    /// </summary>
    public static void Fill(ArrayView<float> tile, RandomKey key, int node, uint example, uint channel, int start, int count)
    {
        Group.Barrier();
        int first = start >> 2;
        for (int q = Group.IdxX; q < count >> 2; q += Group.DimX)
        {
            GaussianNoise.SampleBlock(key, node, example, channel, first + q, out float z0, out float z1, out float z2, out float z3);
            int slot = Slot(4 * q);
            tile[slot] = z0;
            tile[slot + 1] = z1;
            tile[slot + 2] = z2;
            tile[slot + 3] = z3;
        }

        Group.Barrier();
    }

    /// <summary>
    /// This thread's share of the sum of squares of stream samples [start, start + count) below <paramref name="valid"/>
    /// (start and count multiples of 4) without a tile: thread t takes Philox blocks t, t + G, ..., a whole block as its
    /// two squared radii (<see cref="GaussianNoise.BlockEnergy"/>), the block that straddles <paramref name="valid"/>
    /// sample by sample. The caller reduces over the group.
    /// </summary>
    /// <remarks>
    /// Why: a pass that needs only the energy of the noise the next pass adds (AddGaussianSNR's statistics) filled a tile
    /// (a logarithm, a square root, a sine and a cosine per pair, shared-memory stores, two barriers) to square it; the
    /// energy needs one logarithm per pair. The sum's order differs from the tile's per-lane order: equal up to float
    /// rounding.
    /// </remarks>
    public static float Energy(RandomKey key, int node, uint example, uint channel, int start, int count, int valid)
    {
        float sum = 0f;
        int first = start >> 2;
        int blocks = Math.Min(count, Math.Max(valid - start, 0) + 3) >> 2;
        for (int q = Group.IdxX; q < blocks; q += Group.DimX)
        {
            int sample = start + (4 * q);
            if (sample + 4 <= valid)
            {
                sum += GaussianNoise.BlockEnergy(key, node, example, channel, first + q);
            }
            else
            {
                GaussianNoise.SampleBlock(key, node, example, channel, first + q, out float z0, out float z1, out float z2, out float z3);
                sum += z0 * z0;
                sum += sample + 1 < valid ? z1 * z1 : 0f;
                sum += sample + 2 < valid ? z2 * z2 : 0f;
            }
        }

        return sum;
    }

    /// <summary>Sum of squares of the tile samples a thread's lanes hold (lane j: sample first + j stride), below <paramref name="valid"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SumOfSquares(ArrayView<float> tile, int first, int stride, int valid)
    {
        float sum = 0f;
        for (int j = 0; j < Lanes.Count; j++)
        {
            int i = first + (j * stride);
            if (i < valid)
            {
                float n = tile[Slot(i)];
                sum += n * n;
            }
        }

        return sum;
    }
}
