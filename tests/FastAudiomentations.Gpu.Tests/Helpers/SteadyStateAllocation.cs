using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Tests.Helpers;
using ILGPU;

namespace FastAudiomentations.Gpu.Tests.Helpers;

/// <summary>Asserts that steady-state calls of a transform allocate nothing on the host or the device.</summary>
public static class SteadyStateAllocation
{
    /// <summary>
    /// Applies <paramref name="transform"/> to a batch of noise clips of <paramref name="lengths"/>
    /// <paramref name="warmUpCalls"/> times (the pool, the resident clips and the JIT settle), then asserts that windows of
    /// <paramref name="calls"/> more calls allocate no host bytes beyond the accelerator's own launch path, and that calling
    /// again with the draws the windows made allocates no device buffers and uploads no resident clips.
    /// </summary>
    /// <remarks>
    /// Why the device check replays the windows' draws: the pool grows to the largest request it has seen, by design, and
    /// a call's shape may vary with its draw (a filter's settling windows, a split call's synchronisation slots), so a
    /// rare draw in a window may grow it once. The host check tolerates that (a window that grew the pool is over its
    /// bytes, and the next window counts); CI once failed when a window's draw grew the pool after forty warm-up calls
    /// (stop 20). A pool that allocated on every call, or ping-ponged between sizes, still fails the replay.
    /// </remarks>
    public static void AssertNone(GpuDevice device, Transform transform, int[] lengths, int calls, int warmUpCalls = 3)
    {
        // One thread issues every launch, so the per-thread counter sees all host allocations of Apply.
        using AudioBatch batch = device.Upload(Signals.NoiseClips(2, lengths), TransformTable.SampleRate);
        for (int call = 0; call < warmUpCalls; call++)
        {
            transform.Apply(batch, seed: 1, call);
        }

        LaunchBytes launchBytes = LaunchAllocationBytes(device);
        // Each window's calls are charged their own launches, so the window's bounds are known only after it ran.
        var window = default(LaunchBytes.Window);
        bool accepted = false;
        int windows = 0;
        (_, string log) = AllocationWindows.Measure(
            w =>
            {
                windows = w + 1;
                window = default;
                for (int call = 0; call < calls; call++)
                {
                    var counts = LaunchCounts.Of(device);
                    transform.Apply(batch, seed: 1, warmUpCalls + (w * calls) + call);
                    window += launchBytes.For(LaunchCounts.Of(device) - counts);
                }
            },
            bytes => accepted = window.Accepts(bytes));
        Assert.True(accepted, $"{transform.GetType().Name}: no window within the launch path's bytes (the last: {window.Fused} B exactly, {window.Slack} B of slack; {log})");

        int deviceAllocations = device.Pool.Allocations;
        int uploads = device.Resident.Uploads;
        for (int call = warmUpCalls; call < warmUpCalls + (windows * calls); call++)
        {
            transform.Apply(batch, seed: 1, call);
        }

        Assert.True(deviceAllocations == device.Pool.Allocations, $"{transform.GetType().Name}: replaying the windows' draws allocated {device.Pool.Allocations - deviceAllocations} device buffers");
        Assert.True(uploads == device.Resident.Uploads, $"{transform.GetType().Name}: replaying the windows' draws uploaded {device.Resident.Uploads - uploads} resident clips");
    }

    /// <summary>
    /// Bytes the accelerator's own launch path allocates per launch: zero on CUDA, whose launcher marshals arguments on the
    /// stack. ILGPU's CPU accelerator allocates a task object per launch inside ILGPU, sized by the kernel's arguments (248
    /// bytes for the fused walk kernel in 1.5.3; a little more for the one-chunk kernel, whose first argument is its
    /// table's source; ~1 KB for its inline instance, whose task carries the table; ~200 for the filter kernels), which is
    /// not ours to remove: bare launches of the fused kernels (no ops) measure it, each fused pass of a window is charged
    /// exactly that, and each step-kernel launch at most the largest (the slack). Launches are counted call by call: a
    /// transform's calls may launch different kernels from call to call (a split filter call launches two).
    /// </summary>
    private static LaunchBytes LaunchAllocationBytes(GpuDevice device)
    {
        if (device.Backend != GpuBackend.CpuSimulator)
        {
            return default;
        }

        ArrayView<int> ints = device.Pool.DeviceInts(2);
        ArrayView<float> floats = device.Pool.DeviceFloats(PoolSlot.Scratch, 1);
        var config = new KernelConfig(1, device.Kernels.GroupSize);
        var pass = new FusedPass { Channels = 1, ChunksPerRow = 1, BlocksPerRow = 1, Pitch = 1 };
        long walk = Fewest(() => device.Kernels.Fused(device.Stream, config, floats, ints, floats, floats, floats, floats, ints, pass));
        long oneChunk = Fewest(() => device.Kernels.FusedOneChunk(device.Stream, config, default, floats, ints, floats, floats, floats, floats, ints, ints, pass));
        // A call whose table travels as the kernel's argument launches the kernels' inline instances, whose task objects
        // carry the table.
        long oneChunkInline = Fewest(() => device.Kernels.FusedOneChunkInline(device.Stream, config, default, floats, ints, floats, floats, floats, floats, ints, ints, pass));
        return new LaunchBytes(walk, oneChunk, oneChunkInline);

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

    /// <summary>A device's launch counters: every launch, the step kernels' and the fused one-chunk kernel's, and the calls whose table travelled inline.</summary>
    private readonly record struct LaunchCounts(long All, long Step, long OneChunk, long Inline)
    {
        public static LaunchCounts Of(GpuDevice device) => new(device.Launches, device.StepLaunches, device.OneChunkLaunches, device.InlineCalls);

        public static LaunchCounts operator -(LaunchCounts a, LaunchCounts b) => new(a.All - b.All, a.Step - b.Step, a.OneChunk - b.OneChunk, a.Inline - b.Inline);
    }

    /// <summary>The launch path's bytes per launch of the fused walk and one-chunk kernels, the latter's inline instance apart (all 0 on CUDA).</summary>
    private readonly record struct LaunchBytes(long Walk, long OneChunk, long OneChunkInline)
    {
        /// <summary>A call's expected bytes: exactly those of its fused launches, and at most the slack more for its step launches.</summary>
        public Window For(LaunchCounts call)
        {
            long oneChunk = call.Inline > 0 ? OneChunkInline : OneChunk;
            return new((call.All - call.Step - call.OneChunk) * Walk + (call.OneChunk * oneChunk), call.Step * Math.Max(Walk, oneChunk));
        }

        public readonly record struct Window(long Fused, long Slack)
        {
            public static Window operator +(Window a, Window b) => new(a.Fused + b.Fused, a.Slack + b.Slack);

            public bool Accepts(long bytes) => bytes >= Fused && Over(bytes) <= 0;

            /// <summary>Bytes beyond what the launch path may allocate (at most 0 where the window allocated nothing of ours).</summary>
            private long Over(long bytes) => bytes - Fused - Slack;
        }
    }
}
