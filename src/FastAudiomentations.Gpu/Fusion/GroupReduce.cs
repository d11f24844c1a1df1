using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// Block-wide reductions that leave the result in every thread: a shuffle tree inside each warp, then every
/// thread combines the warps' results from shared memory in warp order. Deterministic (a fixed order of
/// operations), and two barriers instead of one per halving step of a shared-memory tree.
/// </summary>
/// <remarks>
/// Why it matters: a fused pass's block holds 2048 samples, so its reduction runs once per 8 KB read; a tree
/// with eight barriers left the memory system idle long enough to cost the statistics pass half its bandwidth.
/// Every thread of the group must call these (they synchronise the group).
/// </remarks>
internal static class GroupReduce
{
    /// <summary>Warps a group of <see cref="FusedPointwiseKernel.MaxGroupSize"/> threads holds at the smallest warp size (4, ILGPU's CPU accelerator).</summary>
    private const int MaxWarps = FusedPointwiseKernel.MaxGroupSize / 4;

    /// <summary>Max of <paramref name="peakBits"/> and sums of <paramref name="a"/> and <paramref name="b"/> over the group.</summary>
    public static void MaxSumSum(ref int peakBits, ref float a, ref float b)
    {
        for (int delta = Warp.WarpSize / 2; delta > 0; delta /= 2)
        {
            peakBits = Math.Max(peakBits, Warp.ShuffleDown(peakBits, delta));
            a += Warp.ShuffleDown(a, delta);
            b += Warp.ShuffleDown(b, delta);
        }

        ArrayView<int> peaks = SharedMemory.Allocate<int>(MaxWarps);
        ArrayView<float> firsts = SharedMemory.Allocate<float>(MaxWarps);
        ArrayView<float> seconds = SharedMemory.Allocate<float>(MaxWarps);
        if (Warp.IsFirstLane)
        {
            peaks[Warp.WarpIdx] = peakBits;
            firsts[Warp.WarpIdx] = a;
            seconds[Warp.WarpIdx] = b;
        }

        Group.Barrier();
        int warps = (Group.DimX + Warp.WarpSize - 1) / Warp.WarpSize;
        peakBits = peaks[0];
        a = firsts[0];
        b = seconds[0];
        for (int w = 1; w < warps; w++)
        {
            peakBits = Math.Max(peakBits, peaks[w]);
            a += firsts[w];
            b += seconds[w];
        }

        Group.Barrier();
    }

    /// <summary>Sums of <paramref name="a"/> and <paramref name="b"/> over the group.</summary>
    public static void SumSum(ref float a, ref float b)
    {
        int unused = 0;
        MaxSumSum(ref unused, ref a, ref b);
    }
}
