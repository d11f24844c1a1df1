using ILGPU;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// A thread's wait for a counter other groups of the same launch advance: the single-pass statistics' arrivals
/// (<see cref="FusedPointwiseKernel"/>) and the FIR tiles' hand-over flags (Transforms.Filters.FirKernel).
/// </summary>
/// <remarks>
/// Atomic reads (past the non-coherent L1), with a nanosleep between polls that doubles from 32 ns up to 1,024 ns so
/// that waiting groups do not flood the L2 with atomics; lower caps were no faster (bench/gpu-notes.md, run 54). Only
/// where every group waited for can run beside the waiting ones: the callers' launches fit on the device at once.
/// </remarks>
internal static class DeviceWait
{
    /// <summary>Returns once <paramref name="counters"/>[<paramref name="index"/>] is at least <paramref name="value"/>.</summary>
    public static void UntilAtLeast(ArrayView<int> counters, int index, int value)
    {
        int pause = 32;
        while (Atomic.Or(ref counters[index], 0) < value)
        {
            Sleep(ref pause);
        }
    }

    /// <summary>
    /// Returns once <paramref name="counters"/>[<paramref name="index"/>], a count that only grows (and wraps), has reached
    /// <paramref name="target"/>: compared by their difference, so that the wrap past int.MaxValue is no wait forever.
    /// </summary>
    public static void UntilReached(ArrayView<int> counters, int index, int target)
    {
        int pause = 32;
        while (Atomic.Or(ref counters[index], 0) - target < 0)
        {
            Sleep(ref pause);
        }
    }

    /// <summary>One pause between polls, <paramref name="pause"/> ns, then the next pause doubled up to 1,024 ns.</summary>
    private static void Sleep(ref int pause)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("nanosleep.u32 %0;", pause);
        }

        pause = Math.Min(2 * pause, 1024);
    }
}
