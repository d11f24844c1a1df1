using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Gpu.Tests.Helpers;
using ILGPU;
using ILGPU.Runtime;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>Small calls whose table travels as the kernels' first argument instead of being copied to the device.</summary>
public abstract partial class GpuBackendTests
{
    /// <summary>
    /// Cases: transform, clips, whether the calls travel inline where single passes run (CUDA), and elsewhere (ILGPU's
    /// CPU accelerator, where a statistics transform takes a statistics pass and a reading pass, whose multi-chunk
    /// kernels copy the table, and AddColorNoise its two kernels, which do too).
    /// </summary>
    public static TheoryData<string, int, bool, bool> InlineCases => new()
    {
        { "Gain", 1, true, true },
        { "Compose of 5", 2, true, true }, // 50-64 words: all eight of the table's blocks of 8
        { "Normalize", 1, true, false }, // a single pass on CUDA: its ticket, arrivals and peak in the call counters
        { "AddGaussianSNR", 1, true, false }, // a single pass that also generates its noise's energy
        { "AddBackgroundNoise", 1, true, false },
        { "AddColorNoise", 1, true, false }, // a step kernel of its own: its groups design the taps from the inputs in the table
        { "AddColorNoise", 2, true, false },
        { "Normalize", 2, true, false }, // stereo-sized: still a single pass on CUDA
        { "Normalize", 3, false, false }, // on the H100 a statistics pass and a reading pass (their kernels copy the table)
        { "Compose of 5", 4, false, false }, // more than InlineTable.Capacity words (five ops' entries and flags): copied
    };

    [Theory]
    [MemberData(nameof(InlineCases))]
    public void InlineTables_GiveTheSameBitsAsCopiedTables(string name, int clipCount, bool inlineWithSinglePasses, bool inlineElsewhere)
    {
        // A call whose commands are all fused passes and whose table fits 64 words gives its table to the kernels as
        // their first argument: each group stages it into shared memory and reads that, and on CUDA a replayed graph
        // gets it by a kernel-node update. Six calls on one batch (each augmenting the last one's output, with a new call
        // index, so that replays must see each call's own parameters) must give the bits the copied tables give, and
        // the CPU's result within the transform's tolerance; the calls travel inline exactly when the table is small.
        // Single passes count in the call counters' alternating halves, so consecutive calls also check that each call
        // clears the next one's half.
        const int Calls = 6;
        Transform transform = name == "Compose of 5" ? ComposeOfFive() : TransformTable.Create(name);
        int[] lengths = [.. Enumerable.Range(0, clipCount).Select(i => LargeLengths[i % LargeLengths.Length])];
        float[][] clips = Signals.NoiseClips(21, lengths);
        GpuDevice device = Device;
        bool setting = device.InlineTables;
        bool aheadSteps = device.AheadSteps;
        try
        {
            // Without work ahead (AddColorNoise's noise coloured ahead, GpuBackendTests.ColorNoiseAhead): an asynchronous
            // call takes it only where the device has caught up, so its graph's signature would change with the timing.
            device.AheadSteps = false;
            var results = new List<float[][]>();
            var inlineCalls = new List<long>();
            long inlineReplays = 0;
            foreach (bool inline in new[] { false, true })
            {
                device.InlineTables = inline;
                long before = device.InlineCalls;
                long replays = device.GraphReplays;
                ApplyCalls(device, transform, clips, seed: 17, Calls, results);
                inlineCalls.Add(device.InlineCalls - before);
                inlineReplays = device.GraphReplays - replays;
            }

            Assert.Equal(0, inlineCalls[0]);
            bool travelsInline = device.Backend == GpuBackend.Cuda ? inlineWithSinglePasses : inlineElsewhere;
            Assert.Equal(travelsInline ? Calls : 0, inlineCalls[1]);
            // On CUDA the calls from the third on replay a graph whose kernel nodes get each call's table by an update.
            Assert.True(!device.UseGraphs || inlineReplays >= 2, $"{inlineReplays} replays of the inline calls");
            for (int call = 0; call < Calls; call++)
            {
                for (int b = 0; b < clips.Length; b++)
                {
                    Assert.True(results[call][b].AsSpan().SequenceEqual(results[Calls + call][b]), $"{name}, call {call}, clip {b}: inline differs from copied");
                }
            }

            float[][] cpu = RunCpu(transform, clips, seed: 17, call: 0);
            Tolerance tolerance = name == "Compose of 5"
                ? GpuTolerances.Loosest("Gain", "PolarityInversion", "AddGaussianNoise", "Clip") // two gains: their roundings add
                : GpuTolerances.For(name);
            tolerance = name == "Compose of 5" ? tolerance with { Relative = 2 * tolerance.Relative } : tolerance;
            for (int b = 0; b < clips.Length; b++)
            {
                tolerance.AssertClose(cpu[b], results[Calls][b], Tolerance.Scale(clips[b], cpu[b]), $"{name}, clip {b}");
            }
        }
        finally
        {
            device.InlineTables = setting;
            device.AheadSteps = aheadSteps;
        }
    }

    // Every op applies to every clip, so that the six calls have one shape and replay a graph: whether a pass's ops all
    // apply is part of a graph's signature, and asynchronous calls alternate two table slots, which are too, so a call
    // replays only at the third sighting of its shape and slot (runs 166-167: p = 0.5 at two clips left one replay).
    private static Compose ComposeOfFive() => new(
        new Gain(-6, 6, p: 1),
        new PolarityInversion(p: 1),
        new AddGaussianNoise(p: 1),
        new Clip(-0.5, 0.5, p: 1),
        new Gain(-3, 3, p: 1));

    [Fact]
    public void CallCounters_GiveEachCountingCallAHalfOfZeros()
    {
        // The protocol an inline call's single pass relies on (its arrivals would otherwise never add up, or add up too
        // soon): a call that counts in n words takes a half whose first n words are zero, dirties them, and its kernels
        // clear the other half up to Clear words (CallCounters.ClearOther, spread over the launch's groups). Calls of
        // growing and shrinking needs, a call that counts nothing between them (which must leave the halves alone), and
        // growth (a new buffer, all zeros), on a pool of its own.
        GpuDevice device = Device;
        using var pool = new DeviceMemoryPool(device.Accelerator);
        var counters = new CallCounters();
        var clear = device.Accelerator.LoadKernel<ArrayView<int>, int, int>(ClearOtherHalf);
        foreach (int needed in new[] { 5, 3, 8, 0, 2, 8, 20, 4, 0, 20, 1, 33, 2 })
        {
            CallCounters.Halves halves = counters.Take(pool, device.Stream, needed);
            if (needed == 0)
            {
                continue;
            }

            device.Stream.Synchronize();
            int[] words = new int[needed];
            halves.View.SubView(halves.Base, needed).CopyToCPU(words);
            Assert.True(words.All(w => w == 0), $"need {needed}: the half at {halves.Base} holds {string.Join(",", words)}");
            Assert.True(Math.Abs(halves.Other - halves.Base) >= needed && halves.Clear >= needed, $"need {needed}: halves {halves.Base} / {halves.Other}, clear {halves.Clear}");
            halves.View.SubView(halves.Base, needed).CopyFromCPU(Enumerable.Repeat(7, needed).ToArray());
            clear(device.Stream, new KernelConfig(3, Math.Min(device.Kernels.GroupSize, 4)), halves.View, halves.Other, halves.Clear);
        }

        device.Stream.Synchronize();
    }

    private static void ClearOtherHalf(ArrayView<int> counters, int other, int clear) => CallCounters.ClearOther(counters, other, clear);
}
