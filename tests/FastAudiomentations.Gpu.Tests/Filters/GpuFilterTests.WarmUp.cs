using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Filters;

public abstract partial class GpuFilterTests
{
    /// <summary>
    /// Warm-up launches (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>): cutoff, roll-off, channels. High cutoffs settle
    /// within half a tile (of either accelerator's warm-up group); low ones need more, so the call looks back.
    /// </summary>
    public static TheoryData<double, int, int> WarmUpCases => new()
    {
        { 5000, 24, 1 },
        { 5000, 12, 2 },
        { 3000, 48, 1 },
        { 4000, 36, 2 },
        { 1000, 18, 2 },
        { 40, 12, 1 },
        { 10, 24, 1 },
    };

    [Theory]
    [MemberData(nameof(WarmUpCases))]
    public void WarmUp_TakenWhenTheCascadeSettlesInATile_AndMatchesLookBackAndCpu(double cutoffHz, int rolloff, int channels)
    {
        // One clip of 5.5 half tiles (so that windows start at the row's start and further on, and the last is partial),
        // every sample filtered by both kernels; the warm-up drops what the state held more than its settling time back, below
        // 2^-32 of it, so the two agree far inside the filters' tolerance, and both match the CPU path.
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        int half = launchers.MaxWarmUp;
        int length = (11 * half / 2) + 7;
        float[][][] clips = [[.. Enumerable.Range(0, channels).Select(c => Signals.Noise(length, 70 + c))]];
        var transform = new LowPassFilter(cutoffHz, cutoffHz, rolloff, rolloff, p: 1);
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        int count = ButterworthDesign.LowPass(rolloff / 6, cutoffHz, TransformTable.SampleRate, sections);
        long settling = CascadeSettling(sections[..count]);
        bool expected = settling <= half;
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 5);
        Assert.Equal(expected ? 1 : 0, run.WarmUpLaunches);
        Assert.True(expected || cutoffHz < 4000, $"{cutoffHz} Hz should settle within half a tile ({half} samples), not {settling}");
        AssertMatchesLookBackAndCpu(transform, clips, run, $"LowPass {cutoffHz} Hz {rolloff} dB/oct, settling {settling} samples");
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 1)]
    [InlineData(4, 2)]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    public void WarmUp_WindowsInParts_MatchLookBackAndCpu(int parts, int channels)
    {
        // Windows cut into 2, 4 or 8 parts, each group writing the last: a group's part is read by the groups of the
        // next parts - 1 parts, all of which it waits for. A low-pass that settles within the shortest reach, over a clip of
        // 3.3 windows (windows at the row's start, whole ones, and a partial last part), equals the look-back within 1e-6
        // of the clip's scale and the CPU path within the filters' tolerance, in a warm-up launch of that shape.
        WarmUpShape shape = ShapeOfParts(parts, channels, centred: false);
        Assert.Equal(parts, shape.Parts);
        int length = (33 * shape.Window / 10) + 5;
        float[][][] clips = [[.. Enumerable.Range(0, channels).Select(c => Signals.Noise(length, 90 + c))]];
        var transform = new LowPassFilter(6000, 6000, 24, 24, p: 1);
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 8, parts);
        Assert.Equal(1, run.WarmUpLaunches);
        AssertMatchesLookBackAndCpu(transform, clips, run, $"windows of {shape.Window} in {parts} parts");
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(8, 1)]
    public void WarmUp_ZeroPhase_BothPassesMatchLookBackAndCpu(int parts, int channels)
    {
        // Zero phase in warm-up launches: the forward pass reads the odd extension into the padded scratch, the backward
        // pass reads the scratch from its end into the row, each in windows of the given parts (no hand-over: each reads
        // another buffer than it writes). Over a clip of 3.3 windows both passes take the warm-up kernel, and the output
        // equals the look-back's (the causal kernel's two passes) within 1e-6 of the clip's scale and the CPU path's
        // (scipy's sosfiltfilt) within the filters' tolerance.
        FilterLaunchers launchers = Device.Kernels.Filters;
        WarmUpShape shape = ShapeOfParts(parts, channels, centred: false);
        int length = (33 * shape.Window / 10) + 5;
        float[][][] clips = [[.. Enumerable.Range(0, channels).Select(c => Signals.Noise(length, 110 + c))]];
        var transform = new LowPassFilter(6000, 6000, 24, 24, zeroPhase: true, p: 1);
        bool windows = launchers.ZeroPhaseWindows;
        launchers.ZeroPhaseWindows = false;
        try
        {
            WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 9, parts);
            Assert.Equal(2, run.WarmUpLaunches);
            AssertMatchesLookBackAndCpu(transform, clips, run, $"zero phase, windows of {shape.Window} in {parts} parts");
        }
        finally
        {
            launchers.ZeroPhaseWindows = windows;
        }
    }

    /// <summary>
    /// Zero phase in one launch (<see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>): parts per window, channels,
    /// clip length in windows (tenths), cutoff. A short clip (one window, reaching the padded end) and longer ones whose
    /// middle windows start and end inside the row; low cutoffs settle later than high ones.
    /// </summary>
    public static TheoryData<int, int, int, double> ZeroPhaseWindowCases => new()
    {
        { 4, 1, 7, 6000 },
        { 4, 1, 33, 6000 },
        { 8, 1, 33, 3000 },
        { 4, 2, 26, 6000 },
        { 8, 1, 51, 6000 },
    };

    [Theory]
    [MemberData(nameof(ZeroPhaseWindowCases))]
    public void ZeroPhaseWindow_OneLaunch_MatchesLookBackAndCpu(int parts, int channels, int tenths, double cutoffHz)
    {
        // Both passes in one launch of centred windows (forwards, turned around in shared memory, backwards, the middle part
        // written; on CUDA in place behind the hand-over, on the CPU accelerator from a copy of the row): the output equals
        // the look-back's two passes within 1e-6 of the clip's scale, and scipy's sosfiltfilt (the CPU path) within the
        // filters' tolerance. A mutation that wrote the window's forward output instead (no backward pass) or the own part
        // one lane off made it fail.
        WarmUpShape shape = ShapeOfParts(parts, channels, centred: true);
        Assert.True(shape.Centred && shape.Parts == parts, $"no centred shape of {parts} parts for {channels} rows");
        int length = (tenths * shape.Window / 10) + 3;
        float[][][] clips = [[.. Enumerable.Range(0, channels).Select(c => Signals.Noise(length, 130 + c))]];
        var transform = new LowPassFilter(cutoffHz, cutoffHz, 24, 24, zeroPhase: true, p: 1);
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 10, parts);
        Assert.Equal(1, run.WarmUpLaunches);
        AssertMatchesLookBackAndCpu(transform, clips, run, $"zero phase in one launch, windows of {shape.Window} in {parts} parts, {length} samples");
    }

    [Fact]
    public void ZeroPhaseWindow_TwoClipsOfTheirOwnLengths_MatchLookBackAndCpu()
    {
        // Two mono clips in one window launch, 2.6 and 1.3 windows long: each row's padding, odd extension and backward
        // start come from its own length (the shorter row's groups past its signal return at once).
        WarmUpShape shape = ShapeOfParts(4, 2, centred: true);
        Assert.True(shape.Centred, "no centred shape for two rows");
        float[][][] clips = [[Signals.Noise((26 * shape.Window / 10) + 1, 140)], [Signals.Noise((13 * shape.Window / 10) + 2, 141)]];
        var transform = new LowPassFilter(5000, 5000, 24, 24, zeroPhase: true, p: 1);
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 11, 4);
        Assert.Equal(1, run.WarmUpLaunches);
        AssertMatchesLookBackAndCpu(transform, clips, run, $"zero phase in one launch over two clips, windows of {shape.Window}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(301)]
    public void ZeroPhaseWindow_ShortClips_MatchLookBackAndCpu(int length)
    {
        // Clips shorter than a part, down to one sample (no padding: sosfiltfilt's padding is cut to length - 1): one group,
        // whose window is the whole padded signal, starts the forward pass at the row's start and the backward pass at its
        // end, both from the steady state.
        var transform = new LowPassFilter(3000, 3000, 24, 24, zeroPhase: true, p: 1);
        float[][][] clips = [[Signals.Noise(length, 150 + length)]];
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 12);
        Assert.Equal(1, run.WarmUpLaunches);
        AssertMatchesLookBackAndCpu(transform, clips, run, $"zero phase in one launch, {length} samples");
    }

    /// <summary>Warm-up calls at batch 1 whose compact records fit an inline table: causal, and zero phase in one launch or two.</summary>
    public static TheoryData<string> InlineWarmUpCases => new()
    {
        "LowPass 24 dB/oct",
        "HighPass 12 dB/oct",
        "BandStop 12 dB/oct",
        "zero phase in one launch",
        "zero phase in two launches",
    };

    [Theory]
    [MemberData(nameof(InlineWarmUpCases))]
    public void WarmUp_InlineTable_GivesTheSameBitsAsCopiedTable(string name)
    {
        // A warm-up call reads only its compact record (the header and each section's 12 coefficients: 38-62 words at
        // batch 1, IirRecord.Compact), so its table travels as the windowed kernel's argument. Each group stages it and
        // computes the scans' levels from A as the copied instance does from the device table: the same bits, call after
        // call (on CUDA the third call on replays a graph whose node gets each call's table). Both instances take the
        // warm-up kernel; only the second set of calls travels inline; both match the CPU path.
        const int Calls = 3;
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        Transform transform = name switch
        {
            "LowPass 24 dB/oct" => new LowPassFilter(5000, 5000, 24, 24, p: 1),
            "HighPass 12 dB/oct" => new HighPassFilter(4000, 4000, 12, 12, p: 1),
            "BandStop 12 dB/oct" => new BandStopFilter(4000, 4000, 0.5, 0.5, 12, 12, p: 1),
            _ => new LowPassFilter(6000, 6000, 24, 24, zeroPhase: true, p: 1),
        };
        float[][][] clips = [[Signals.Noise((33 * launchers.MaxWarmUp / 10) + 7, 160)]];
        bool setting = device.InlineTables;
        bool windows = launchers.ZeroPhaseWindows;
        launchers.ZeroPhaseWindows = name != "zero phase in two launches";
        var results = new List<float[]>();
        var inlineCalls = new List<long>();
        var warmUps = new List<long>();
        try
        {
            foreach (bool inline in new[] { false, true })
            {
                device.InlineTables = inline;
                long calls = device.InlineCalls;
                long launches = launchers.WarmUpLaunches;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                for (long call = 0; call < Calls; call++)
                {
                    transform.Apply(batch, seed: 6, call);
                    results.Add(batch.ToChannelArrays()[0][0]);
                }

                inlineCalls.Add(device.InlineCalls - calls);
                warmUps.Add(launchers.WarmUpLaunches - launches);
            }
        }
        finally
        {
            device.InlineTables = setting;
            launchers.ZeroPhaseWindows = windows;
        }

        Assert.Equal([0L, Calls], inlineCalls);
        // A replayed graph launches nothing the counter sees: at least the first call of each set takes the warm-up kernel.
        Assert.True(warmUps.All(n => n >= 1), $"{name}: warm-up launches {string.Join(", ", warmUps)}");
        for (int call = 0; call < Calls; call++)
        {
            Assert.True(results[call].AsSpan().SequenceEqual(results[Calls + call]), $"{name}, call {call}: inline differs from copied");
        }

        using var cpuDevice = new CpuDevice(2);
        float[] expected = clips[0][0];
        for (long call = 0; call < Calls; call++)
        {
            using AudioBatch cpuBatch = cpuDevice.Upload([[expected]], TransformTable.SampleRate);
            transform.Apply(cpuBatch, seed: 6, call);
            float[] input = expected;
            expected = cpuBatch.ToChannelArrays()[0][0];
            GpuTolerances.Iir.AssertClose(expected, results[Calls + (int)call], Tolerance.Scale(input, expected), $"{name}, call {call} against the CPU path");
        }
    }

    /// <summary>
    /// The shape of <paramref name="parts"/> parts a call of <paramref name="rows"/> short rows takes (a causal warm-up
    /// window, or a <paramref name="centred"/> zero-phase window); the launchers' parts setting is restored.
    /// </summary>
    private WarmUpShape ShapeOfParts(int parts, int rows, bool centred)
    {
        FilterLaunchers launchers = Device.Kernels.Filters;
        int setting = launchers.WarmUpParts;
        launchers.WarmUpParts = parts;
        try
        {
            return centred ? launchers.ZeroPhaseWindowFor(0, rows, 1) : launchers.WarmUpShapeFor(0, rows, 1);
        }
        finally
        {
            launchers.WarmUpParts = setting;
        }
    }

    /// <summary>A cascade's warm-up as <see cref="IirRecord"/> stores it: its sections' settling samples summed.</summary>
    private static long CascadeSettling(ReadOnlySpan<BiquadSection> sections)
    {
        long settling = 0;
        foreach (BiquadSection section in sections)
        {
            settling += BiquadChunkScan.SettlingSamples(section, IirCascadeKernel.ChunkLength);
        }

        return settling;
    }

    /// <summary>What <see cref="WarmUpAndLookBack"/> gives: each run's output, the plan both replayed, the warm-up launches of the first.</summary>
    private sealed record WarmUpRun(float[][][] Warm, float[][][] LookBack, AugmentationPlan Plan, long WarmUpLaunches);

    /// <summary>
    /// Applies <paramref name="transform"/> to <paramref name="clips"/> with warm-up launches allowed (only windows of
    /// <paramref name="parts"/> parts, or any for 0), counting them, then replays the plan with the look-back everywhere.
    /// Graphs are off: a call replayed from a graph launches nothing the counter sees. <paramref name="split"/>: rows too
    /// slow for a window may split (<see cref="FilterLaunchers.SplitLookBacks"/>); off, such a call looks back whole.
    /// </summary>
    private WarmUpRun WarmUpAndLookBack(Transform transform, float[][][] clips, int seed, int parts = 0, bool split = false)
    {
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        bool warmUps = launchers.WarmUps;
        int setting = launchers.WarmUpParts;
        bool splits = launchers.SplitLookBacks;
        bool graphs = device.UseGraphs;
        device.UseGraphs = false;
        try
        {
            launchers.WarmUps = true;
            launchers.WarmUpParts = parts;
            launchers.SplitLookBacks = split;
            long before = launchers.WarmUpLaunches;
            AugmentationPlan plan;
            float[][][] warm, lookBack;
            using (AudioBatch batch = device.Upload(clips, TransformTable.SampleRate))
            {
                plan = transform.Apply(batch, seed: seed);
                warm = batch.ToChannelArrays();
            }

            long launches = launchers.WarmUpLaunches - before;
            launchers.WarmUps = false;
            using (AudioBatch batch = device.Upload(clips, TransformTable.SampleRate))
            {
                transform.Replay(batch, plan);
                lookBack = batch.ToChannelArrays();
            }

            return new WarmUpRun(warm, lookBack, plan, launches);
        }
        finally
        {
            launchers.WarmUps = warmUps;
            launchers.WarmUpParts = setting;
            launchers.SplitLookBacks = splits;
            device.UseGraphs = graphs;
        }
    }

    /// <summary>
    /// Every clip's channels: warm-up and look-back outputs each within the IIR tolerance of the CPU path, and within 1e-6
    /// of the clip's scale of each other (the kernels differ only in where their float rounding falls: a few ulps).
    /// </summary>
    private static void AssertMatchesLookBackAndCpu(Transform transform, float[][][] clips, WarmUpRun run, string what)
    {
        float[][][] cpu = CpuReplay.Channels(transform, clips, run.Plan);
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < clips[b].Length; c++)
            {
                string where = $"{what}, clip {b}, channel {c}";
                float[] warm = run.Warm[b][c], lookBack = run.LookBack[b][c];
                double scale = Tolerance.Scale(clips[b][c], cpu[b][c]);
                GpuTolerances.Iir.AssertClose(cpu[b][c], warm, scale, where + " (warm-up)");
                GpuTolerances.Iir.AssertClose(cpu[b][c], lookBack, scale, where + " (look-back)");
                for (int i = 0; i < warm.Length; i++)
                {
                    Assert.True(Math.Abs(warm[i] - lookBack[i]) <= 1e-6 * scale, $"{where}: sample {i} warm-up {warm[i]} against look-back {lookBack[i]}");
                }
            }
        }
    }

    [Theory]
    [InlineData("causal")]
    [InlineData("zero phase")]
    [InlineData("split")]
    public void WarmUp_GraphReplays_GiveTheSameBitsAsLaunches(string kind)
    {
        // A fixed cutoff that settles within half a tile: every call takes the warm-up kernel (zero phase: one window
        // launch; split: a 40 Hz band edge too slow for a window, whose first sections take one before the rest look
        // back), so on CUDA the call's shape repeats and replays as a graph from the third call; the per-call epochs of
        // the hand-over and look-back flags come from the table.
        const int Calls = 6;
        GpuDevice device = Device;
        int half = device.Kernels.Filters.MaxWarmUp;
        float[][][] clips = [[Signals.Noise((7 * half) + 3, 90)]];
        Transform transform = kind == "split"
            ? new BandPassFilter(SplitCentreHz, SplitCentreHz, SplitBandwidthHz / SplitCentreHz, SplitBandwidthHz / SplitCentreHz, 48, 48, p: 1)
            : new LowPassFilter(5000, 5000, 24, 24, zeroPhase: kind == "zero phase", p: 1);
        bool setting = device.UseGraphs;
        long warmUpLaunches = device.Kernels.Filters.WarmUpLaunches;
        long splitCalls = device.Kernels.Filters.SplitCalls;
        var results = new List<float[]>();
        long replays = 0;
        try
        {
            foreach (bool graphs in new[] { false, true })
            {
                device.UseGraphs = graphs && setting;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                long before = device.GraphReplays;
                for (long call = 0; call < Calls; call++)
                {
                    transform.Apply(batch, seed: 3, call);
                    results.Add(batch.ToChannelArrays()[0][0]);
                }

                replays = device.GraphReplays - before;
            }
        }
        finally
        {
            device.UseGraphs = setting;
        }

        Assert.True(device.Kernels.Filters.WarmUpLaunches - warmUpLaunches >= Calls, "the calls did not take the warm-up kernel");
        Assert.True(kind != "split" || device.Kernels.Filters.SplitCalls - splitCalls >= Calls, "the calls did not split");
        Assert.True(setting ? replays >= 2 : replays == 0, $"{replays} replays with graphs {(setting ? "on" : "off")}");
        for (int call = 0; call < Calls; call++)
        {
            Assert.Equal(results[call], results[Calls + call]);
        }
    }

    [Fact]
    public void WarmUp_PerChannelDraws_TakeItOnlyWhenEveryAppliedRowSettles()
    {
        // Stereo, a cutoff and roll-off per channel, p = 0.7: a call takes the warm-up kernel exactly when every applied
        // row's cascade settles within half the largest window (rows that do not apply do not count), and its output is
        // the CPU path's either way. Sixteen calls give both outcomes on either accelerator's windows.
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        int half = launchers.MaxWarmUp;
        float[][][] clips = [[Signals.Noise((5 * half) + 11, 3), Signals.Noise((5 * half) + 11, 4)]];
        var transform = new HighPassFilter(20, 6000, 12, 24, mode: TransformMode.PerChannel, p: 0.7);
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        var outcomes = new HashSet<bool>();
        bool graphs = device.UseGraphs;
        device.UseGraphs = false; // a call replayed from a graph launches nothing the counter sees
        try
        {
            for (int seed = 0; seed < 16; seed++)
            {
                long before = launchers.WarmUpLaunches;
                AugmentationPlan plan;
                float[][][] gpu;
                using (AudioBatch batch = device.Upload(clips, TransformTable.SampleRate))
                {
                    plan = transform.Apply(batch, seed);
                    gpu = batch.ToChannelArrays();
                }

                var step = (PlannedStep<HighPassFilterParameters>)plan.Steps[0];
                bool expected = step.AnyApplied;
                for (int row = 0; row < 2; row++)
                {
                    if (step.Applied[row])
                    {
                        int count = transform.DesignSections(step.Parameters[row], TransformTable.SampleRate, sections);
                        expected &= CascadeSettling(sections[..count]) <= half;
                    }
                }

                Assert.Equal(expected ? 1 : 0, launchers.WarmUpLaunches - before);
                outcomes.Add(expected);
                float[][][] cpu = CpuReplay.Channels(transform, clips, plan);
                for (int c = 0; c < 2; c++)
                {
                    GpuTolerances.Iir.AssertClose(cpu[0][c], gpu[0][c], Tolerance.Scale(clips[0][c], cpu[0][c]), $"seed {seed}, channel {c}, warm-up {expected}");
                }
            }
        }
        finally
        {
            device.UseGraphs = graphs;
        }

        Assert.Equal(2, outcomes.Count);
    }
}
