using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Tests.Helpers;
using ILGPU;

namespace FastAudiomentations.Gpu.Tests.Helpers;

/// <summary>Asserts that steady-state calls of a transform allocate nothing on the host or the device.</summary>
public static class SteadyStateAllocation
{
    /// <summary>
    /// Applies <paramref name="transform"/> to a batch of noise clips of <paramref name="lengths"/> three times (the
    /// pool, the resident clips and the JIT settle), then asserts that windows of <paramref name="calls"/> more calls
    /// allocate no host bytes beyond the accelerator's own launch path, no device buffers and no resident uploads.
    /// </summary>
    public static void AssertNone(GpuDevice device, Transform transform, int[] lengths, int calls)
    {
        // One thread issues every launch, so the per-thread counter sees all host allocations of Apply.
        using AudioBatch batch = device.Upload(Signals.NoiseClips(2, lengths), TransformTable.SampleRate);
        for (int call = 0; call < 3; call++)
        {
            transform.Apply(batch, seed: 1, call);
        }

        (long fusedBytes, long stepBytesAtMost) = LaunchAllocationBytes(device, transform, batch, calls);
        int deviceAllocations = device.Pool.Allocations;
        int uploads = device.Resident.Uploads;
        (long fewest, string log) = AllocationWindows.Measure(
            window =>
            {
                for (int call = 0; call < calls; call++)
                {
                    transform.Apply(batch, seed: 1, 3 + (window * calls) + call);
                }
            },
            bytes => bytes - fusedBytes >= 0 && bytes - fusedBytes <= stepBytesAtMost);
        Assert.True(
            fewest - fusedBytes >= 0 && fewest - fusedBytes <= stepBytesAtMost,
            $"{transform.GetType().Name}: {fewest - fusedBytes} B over the launch path's {fusedBytes} B (slack {stepBytesAtMost} B) in the best window ({log})");
        Assert.Equal(deviceAllocations, device.Pool.Allocations);
        Assert.Equal(uploads, device.Resident.Uploads);
    }

    /// <summary>
    /// Bytes the accelerator's own launch path allocates in a steady-state window of <paramref name="calls"/> calls: zero on CUDA,
    /// whose launcher marshals arguments on the stack. ILGPU's CPU accelerator allocates a task object per launch
    /// inside ILGPU, sized by the kernel's arguments (248 bytes for the fused walk kernel in 1.5.3; a little more for the
    /// one-chunk kernel, whose first argument is its table's source; ~1 KB for its inline instance, whose task carries
    /// the table; ~200 for the filter kernels), which is not ours to remove: bare launches of the fused kernels (no ops)
    /// measure it, the window's fused passes are charged exactly that per kernel, and its step-kernel launches at most
    /// the largest each (returned as the second value, the slack).
    /// </summary>
    private static (long Fused, long StepAtMost) LaunchAllocationBytes(GpuDevice device, Transform transform, AudioBatch batch, int calls)
    {
        if (device.Backend != GpuBackend.CpuSimulator)
        {
            return (0, 0);
        }

        long launchesBefore = device.Launches;
        long stepLaunchesBefore = device.StepLaunches;
        long oneChunkBefore = device.OneChunkLaunches;
        long inlineBefore = device.InlineCalls;
        transform.Apply(batch, seed: 1, 1000);
        long stepLaunchesPerCall = device.StepLaunches - stepLaunchesBefore;
        long oneChunkPerCall = device.OneChunkLaunches - oneChunkBefore;
        long walkPerCall = device.Launches - launchesBefore - stepLaunchesPerCall - oneChunkPerCall;
        // A call whose table travels as the kernel's argument launches the one-chunk kernel's inline instance, whose
        // task object carries the table.
        bool inline = device.InlineCalls > inlineBefore;
        ArrayView<int> ints = device.Pool.DeviceInts(2);
        ArrayView<float> floats = device.Pool.DeviceFloats(PoolSlot.Scratch, 1);
        var config = new KernelConfig(1, device.Kernels.GroupSize);
        var pass = new FusedPass { Channels = 1, ChunksPerRow = 1, BlocksPerRow = 1, Pitch = 1 };
        long walk = Fewest(() => device.Kernels.Fused(device.Stream, config, floats, ints, floats, floats, floats, floats, ints, pass));
        long oneChunk = inline
            ? Fewest(() => device.Kernels.FusedOneChunkInline(device.Stream, config, default, floats, ints, floats, floats, floats, floats, ints, ints, pass))
            : Fewest(() => device.Kernels.FusedOneChunk(device.Stream, config, default, floats, ints, floats, floats, floats, floats, ints, ints, pass));
        return (calls * ((walkPerCall * walk) + (oneChunkPerCall * oneChunk)), calls * stepLaunchesPerCall * Math.Max(walk, oneChunk));

        long Fewest(Action launch)
        {
            long fewest = long.MaxValue;
            for (int window = 0; window < 3; window++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                launch();
                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
                device.Stream.Synchronize();
            }

            return fewest;
        }
    }
}
