using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Tests.Helpers;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Tests.Helpers;

/// <summary>Asserts that steady-state calls of a transform allocate nothing on the host or the device.</summary>
public static class SteadyStateAllocation
{
    /// <summary>
    /// Applies <paramref name="transform"/> to a batch of noise clips of <paramref name="lengths"/> three times (the
    /// pool and the JIT settle), then asserts that ten more calls allocate no host bytes beyond the accelerator's
    /// own launch path and no device buffers.
    /// </summary>
    public static void AssertNone(GpuDevice device, Transform transform, int[] lengths)
    {
        // One thread issues every launch, so the per-thread counter sees all host allocations of Apply.
        using AudioBatch batch = device.Upload(Signals.NoiseClips(2, lengths), TransformTable.SampleRate);
        for (int call = 0; call < 3; call++)
        {
            transform.Apply(batch, seed: 1, call);
        }

        long launchBytes = LaunchAllocationBytes(device, transform, batch);
        int deviceAllocations = device.Pool.Allocations;
        // Tiered JIT may recompile a method mid-test, so take the best of three windows: a real hot-path
        // allocation shows up in every window.
        long fewest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int call = 0; call < 10; call++)
            {
                transform.Apply(batch, seed: 1, 3 + (window * 10) + call);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, fewest - launchBytes);
        Assert.Equal(deviceAllocations, device.Pool.Allocations);
    }

    /// <summary>
    /// Bytes the accelerator's own launch path allocates in a steady-state window (10 calls): zero on CUDA,
    /// whose launcher marshals arguments on the stack; ILGPU's CPU accelerator allocates a task object per
    /// launch inside ILGPU (its size depends on the kernel's parameters: 248 bytes for the fused kernel in
    /// 1.5.3, about 200 for the filter kernels), which is not ours to remove. So the kernels one call launches are
    /// launched bare (a table of zeros: every group returns at once) and the window is charged for them.
    /// </summary>
    private static long LaunchAllocationBytes(GpuDevice device, Transform transform, AudioBatch batch)
    {
        if (device.Backend != GpuBackend.CpuSimulator)
        {
            return 0;
        }

        ArrayView<int> ints = device.Pool.DeviceInts(2);
        ints.SubView(0, 2).MemSetToZero(device.Stream);
        ArrayView<float> floats = device.Pool.DeviceFloats(PoolSlot.Scratch, 1);
        FilterLaunchers filters = device.Kernels.Filters;
        long fewest = long.MaxValue;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            switch (transform)
            {
                case LowPassFilter { Design: FilterDesign.WindowedSinc } or HighPassFilter { Design: FilterDesign.WindowedSinc }
                    or BandPassFilter { Design: FilterDesign.WindowedSinc } or BandStopFilter { Design: FilterDesign.WindowedSinc }:
                    var firPass = new FirPass { Taps = 3, TilesPerRow = 1, Rows = 1 };
                    filters.Halo(device.Stream, new KernelConfig(1, filters.HaloGroupSize), floats, floats, ints, firPass);
                    filters.Fir(device.Stream, new KernelConfig(1, filters.FirGroupSize), floats, floats, ints, floats, firPass);
                    break;
                case LowPassFilter or HighPassFilter or BandPassFilter or BandStopFilter:
                    // One group, through the launch accounting (it takes a ticket from the kernel's counter).
                    var iir = new IirPass { TilesPerRow = 1, SyncSections = 1 };
                    (iir.Epoch, iir.TicketBase) = filters.NextIirLaunch(1);
                    filters.Iir(device.Stream, new KernelConfig(1, filters.IirGroupSize), floats, floats, ints, floats, ints.Cast<long>(), filters.Tickets, iir);
                    break;
                default:
                    // Pointwise transforms: one fused pass per call.
                    var pass = new FusedPass { Channels = 1, ChunksPerRow = 1, Pitch = 1 };
                    device.Kernels.Fused(device.Stream, new KernelConfig(1, device.Kernels.GroupSize), floats, ints, floats, floats, floats, pass);
                    break;
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            device.Stream.Synchronize();
        }

        long launchesBefore = device.Launches;
        transform.Apply(batch, seed: 1, 1000);
        // The probe launched one FIR call's kernels (halo and filter), or one IIR or fused launch, of which a call makes several.
        bool fir = transform is LowPassFilter { Design: FilterDesign.WindowedSinc } or HighPassFilter { Design: FilterDesign.WindowedSinc }
            or BandPassFilter { Design: FilterDesign.WindowedSinc } or BandStopFilter { Design: FilterDesign.WindowedSinc };
        long probes = fir ? 1 : device.Launches - launchesBefore;
        return 10 * probes * fewest;
    }
}
