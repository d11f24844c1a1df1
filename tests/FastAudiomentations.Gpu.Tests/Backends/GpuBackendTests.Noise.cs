using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Random;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>The native kernels of the noise, normalisation and time transforms: modes, statistics, resident clips.</summary>
public abstract partial class GpuBackendTests
{
    /// <summary>Settings the table's rows do not cover, each with the table row whose tolerance applies.</summary>
    private static readonly (string Name, string Tolerance, Func<Transform> Create)[] Variants =
    [
        ("Normalize, per channel", "Normalize", () => new Normalize(p: 1, mode: TransformMode.PerChannel)),
        ("Normalize, only too loud sounds", "Normalize", () => new Normalize(NormalizeApplyTo.OnlyTooLoudSounds, p: 1)),
        ("Reverse, per channel, p 0.5", "Reverse", () => new Reverse(p: 0.5, mode: TransformMode.PerChannel)),
        ("AddGaussianNoise, per channel", "AddGaussianNoise", () => new AddGaussianNoise(p: 1, mode: TransformMode.PerChannel)),
        ("AddGaussianSNR, per channel", "AddGaussianSNR", () => new AddGaussianSnr(p: 1, mode: TransformMode.PerChannel)),
        ("AddGaussianSNR, per batch, p 0.7", "AddGaussianSNR", () => new AddGaussianSnr(p: 0.7, mode: TransformMode.PerBatch)),
        ("AddColorNoise, per channel", "AddColorNoise", () => new AddColorNoise(p: 1, mode: TransformMode.PerChannel)),
        ("AddColorNoise, per batch, A-weighted, nFft 512", "AddColorNoise", () => new AddColorNoise(pApplyAWeighting: 1, p: 1, nFft: 512, mode: TransformMode.PerBatch)),
        ("AddColorNoise, nFft 2", "AddColorNoise", () => new AddColorNoise(p: 1, nFft: 2)),
        ("AddBackgroundNoise, per channel", "AddBackgroundNoise", () => new AddBackgroundNoise(NoiseFiles.Corpus, p: 1, mode: TransformMode.PerChannel)),
        ("AddBackgroundNoise, absolute level", "AddBackgroundNoise", () => new AddBackgroundNoise(NoiseFiles.Corpus, noiseRms: NoiseRmsMode.Absolute, p: 1)),
    ];

    /// <summary>Names of <see cref="Variants"/>, for [MemberData].</summary>
    public static TheoryData<string> VariantNames => [.. Variants.Select(v => v.Name)];

    /// <summary>Lengths of the noise-stream check: a few million samples on a GPU, a few thousand on the simulator.</summary>
    protected virtual int[] NoiseLengths => [4096, 777, 1];

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void Variant_EqualsCpu_OnMultichannelClips(string name)
    {
        (_, string toleranceName, Func<Transform> create) = Variants.Single(v => v.Name == name);
        Transform transform = create();
        // Three channels of different levels (peaks 0.5, 0.25, 0.4), lengths with a partial last chunk, an empty
        // and a one-sample clip; for "only too loud" a fifth clip peaks at 1.5 so that one clip is scaled.
        var clips = new List<float[][]>
        {
            new[] { Signals.Noise(2000, 1), Signals.Noise(2000, 2, 0.25), Signals.Noise(2000, 3, 0.4) },
            new[] { Signals.Noise(4099, 4), Signals.Noise(4099, 5, 0.25), Signals.Noise(4099, 6, 0.4) },
            new[] { Array.Empty<float>(), [], [] },
            new[] { Signals.Noise(1, 7), Signals.Noise(1, 8, 0.25), Signals.Noise(1, 9, 0.4) },
        };
        if (name.Contains("too loud", StringComparison.Ordinal))
        {
            clips.Add([Signals.Noise(777, 10, 1.5), Signals.Noise(777, 11, 0.5), Signals.Noise(777, 12, 1.2)]);
        }

        Tolerance tolerance = GpuTolerances.For(toleranceName);
        Assert.True(Device.RunsNatively(transform));
        for (long call = 0; call < 2; call++)
        {
            using var cpuDevice = new CpuDevice(2);
            using AudioBatch cpuBatch = cpuDevice.Upload(clips.ToArray(), TransformTable.SampleRate);
            transform.Apply(cpuBatch, seed: 12, call);
            using AudioBatch gpuBatch = Device.Upload(clips.ToArray(), TransformTable.SampleRate);
            transform.Apply(gpuBatch, seed: 12, call);
            float[][][] cpu = cpuBatch.ToChannelArrays();
            float[][][] gpu = gpuBatch.ToChannelArrays();
            for (int b = 0; b < clips.Count; b++)
            {
                for (int c = 0; c < 3; c++)
                {
                    tolerance.AssertClose(cpu[b][c], gpu[b][c], $"{name}, call {call}, clip {b}, channel {c}");
                }
            }
        }
    }

    [Fact]
    public void WhiteNoiseOnTheDevice_IsFinite_AndWithinTheStatedBoundOfTheDefinition()
    {
        // With a = 1 on silence, the output is the device's noise stream itself: compare it with
        // GaussianNoise.Sample (the definition) evaluated on the host. 8.6e-4 is the worst case of GpuTolerances'
        // derivation (a radius near 0 through lg2.approx); the mean error, dominated by sin / cos.approx
        // (<= 2^-20.5 x r), must stay near 1e-6, or the bound would be hiding a systematic error.
        float[][] clips = [.. NoiseLengths.Select(n => new float[n])];
        using AudioBatch batch = Device.Upload(clips, TransformTable.SampleRate);
        AugmentationPlan plan = new AddGaussianNoise(1, 1, p: 1).Apply(batch, seed: 31, call: 2);
        float[][] noise = batch.ToArrays();
        double worst = 0, sum = 0;
        long count = 0;
        for (int b = 0; b < clips.Length; b++)
        {
            uint id = batch.ExampleIds[b];
            for (int t = 0; t < noise[b].Length; t++)
            {
                float expected = GaussianNoise.Sample(plan.Key, 0, id, 0, t);
                Assert.True(float.IsFinite(noise[b][t]), $"clip {b}, sample {t}: {noise[b][t]}");
                double error = Math.Abs((double)noise[b][t] - expected);
                worst = Math.Max(worst, error);
                sum += error;
                count++;
            }
        }

        Assert.True(worst <= 8.6e-4, $"worst error {worst:E3}");
        Assert.True(sum / count <= 2e-6, $"mean error {sum / count:E3} (worst {worst:E3})");
    }

    [Fact]
    public void Normalize_KeepsThePeakAtMostOne_AndPropagatesNaN_AsTheCpu()
    {
        float[] withNaN = Signals.Noise(3000, 1);
        withNaN[1234] = float.NaN;
        float[][] clips = [withNaN, Signals.Noise(5000, 2, 3.0), Signals.Noise(77, 3, 1e-3), Signals.Noise(4097, 4, 0.7)];
        var normalize = new Normalize(p: 1);
        using var cpuDevice = new CpuDevice(2);
        using AudioBatch cpuBatch = cpuDevice.Upload(clips, TransformTable.SampleRate, NonFiniteInputPolicy.Propagate);
        normalize.Apply(cpuBatch, seed: 1);
        using AudioBatch gpuBatch = Device.Upload(clips, TransformTable.SampleRate, NonFiniteInputPolicy.Propagate);
        normalize.Apply(gpuBatch, seed: 1);
        float[][] cpu = cpuBatch.ToArrays();
        float[][] gpu = gpuBatch.ToArrays();
        Assert.All(cpu[0], v => Assert.True(float.IsNaN(v)));
        Assert.All(gpu[0], v => Assert.True(float.IsNaN(v)));
        for (int b = 1; b < clips.Length; b++)
        {
            float peak = gpu[b].Max(MathF.Abs);
            Assert.InRange(peak, 1f - (2f / (1 << 24)), 1f);
            GpuTolerances.For("Normalize").AssertClose(cpu[b], gpu[b], $"clip {b}");
        }
    }

    [Fact]
    public void Statistics_RideOnThePrecedingFusedPass_AndTheChainEqualsCpu()
    {
        // Gain | Normalize (peak) | AddGaussianSNR (energy, noise energy) + Gain | AddBackgroundNoise (energy):
        // each op that needs a statistic starts a pass, and the pass before it measures its input, so the chain
        // costs 4 passes and no statistics-only pass.
        var chain = new Compose(
            new Gain(-1, 1, p: 1),
            new Normalize(p: 1),
            new AddGaussianSnr(20, 30, p: 1),
            new Gain(-1, 1, p: 1),
            new AddBackgroundNoise(NoiseFiles.Corpus, 10, 20, p: 1));
        float[][] clips = Signals.NoiseClips(5, Lengths);
        GpuDevice device = Device;
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        long before = device.Launches;
        chain.Apply(batch, seed: 23);
        Assert.Equal(4, device.Launches - before);
        float[][] cpu = RunCpu(chain, clips, seed: 23, call: 0);
        float[][] gpu = batch.ToArrays();
        // Errors of each op, relative to the clip's scale (peak 1 after Normalize), add up along the chain.
        Tolerance tolerance = GpuTolerances.Loosest("Gain", "Normalize", "AddGaussianSNR", "AddBackgroundNoise");
        tolerance = tolerance with { Relative = 4 * tolerance.Relative, Absolute = 4 * tolerance.Absolute };
        for (int b = 0; b < clips.Length; b++)
        {
            tolerance.AssertCloseToScale(cpu[b], gpu[b], Math.Max(1, Peak(cpu[b])), $"chain, clip {b}");
        }
    }

    [Fact]
    public void LatePreparedSteps_TwoBackgroundNoisesAroundAGain_EqualCpu()
    {
        // The first AddBackgroundNoise step is prepared after the statistics-only pass is launched (ILatePreparation),
        // and its parameters go up in a second copy (on CUDA on a side stream); the first copy carried stale values
        // there. The second follows a pass that writes the batch, so it is prepared before any launch. Three passes:
        // statistics, AddBackgroundNoise + Gain (measuring for the second), the second. Both modes give the CPU's result.
        var chain = new Compose(
            new AddBackgroundNoise(NoiseFiles.Corpus, 5, 15, p: 1),
            new Gain(-3, 3, p: 1),
            new AddBackgroundNoise(NoiseFiles.Corpus, 20, 30, p: 1));
        // 18 clips: below 16 rows the preparation is not late (the call stays eligible for a graph instead). These clips
        // are short enough for all their blocks to fit on an H100 at once, which would measure in the op's own pass
        // (SmallBatchSinglePass) with nothing to prepare late: off here, as for batches too large to fit.
        float[][] clips = Signals.NoiseClips(9, [.. Lengths, .. Lengths, .. Lengths]);
        GpuDevice device = Device;
        bool setting = device.LatePreparation;
        bool small = device.SmallBatchSinglePass;
        device.SmallBatchSinglePass = false;
        try
        {
            foreach (bool late in new[] { true, false })
            {
                device.LatePreparation = late;
                for (long call = 0; call < 3; call++)
                {
                    using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                    long before = device.Launches;
                    long copies = device.LateCopies;
                    chain.Apply(batch, seed: 41, call);
                    Assert.Equal(3, device.Launches - before);
                    Assert.Equal(late ? 1 : 0, device.LateCopies - copies);
                    float[][] cpu = RunCpu(chain, clips, seed: 41, call);
                    float[][] gpu = batch.ToArrays();
                    Tolerance tolerance = GpuTolerances.Loosest("Gain", "AddBackgroundNoise");
                    tolerance = tolerance with { Relative = 3 * tolerance.Relative, Absolute = 3 * tolerance.Absolute };
                    for (int b = 0; b < clips.Length; b++)
                    {
                        tolerance.AssertCloseToScale(cpu[b], gpu[b], Math.Max(1, Peak(cpu[b])), $"late {late}, call {call}, clip {b}");
                    }
                }
            }
        }
        finally
        {
            device.LatePreparation = setting;
            device.SmallBatchSinglePass = small;
        }
    }

    [Theory]
    [InlineData("Normalize", 6)]
    [InlineData("AddBackgroundNoise", 6)]
    [InlineData("Gain", 6)]
    [InlineData("Reverse", 6)]
    [InlineData("LowPassFilter FIR", 6)] // taps designed on the device (a kernel launch in the graph)
    [InlineData("LowPassFilter FIR", 2)] // taps designed on the host, in the table
    [InlineData("BandStopFilter FIR zero-phase", 1)]
    [InlineData("LowPassFilter", 6)] // Butterworth designed on the device; each launch's epoch and ticket counter in the table
    [InlineData("BandPassFilter", 1)] // designed on the host
    [InlineData("HighPassFilter zero-phase", 6)] // two IIR launches per call
    [InlineData("AddColorNoise", 6)] // its Philox key from the table
    public void GraphReplays_GiveTheSameBitsAsLaunches(string name, int clipCount)
    {
        // On CUDA a call of fused passes or graphable steps (Reverse, the filters, AddColorNoise) whose shape and buffers come back is
        // captured the second time and replayed as a graph from then on: its per-call values (parameters, Philox key,
        // filter designs or their inputs, the IIR launches' epochs and ticket counters) come from the table. Six calls on one batch
        // (each augmenting the last one's output, with a new call index) must give bit for bit what the plain launches
        // give, with at least two replays (the first call of a shape may still grow a pool buffer, which changes the
        // signature once); elsewhere there are no graphs and both runs take the launches. The first call is checked
        // against the CPU. The IIR filters' warm-up kernel is off here: whether a batch-1 call takes it follows the call's
        // random design, so the call's shape would change from call to call (GpuFilterTests.WarmUp replays it on its own).
        const int Calls = 6;
        Transform transform = TransformTable.Create(name);
        float[][] clips = Signals.NoiseClips(4, Lengths[..clipCount]);
        GpuDevice device = Device;
        bool setting = device.UseGraphs;
        bool warmUps = device.Kernels.Filters.WarmUps;
        device.Kernels.Filters.WarmUps = false;
        try
        {
            var results = new List<float[][]>();
            long replays = 0;
            foreach (bool graphs in new[] { false, true })
            {
                device.UseGraphs = graphs && setting;
                long before = device.GraphReplays;
                ApplyCalls(device, transform, clips, seed: 11, Calls, results);
                replays = device.GraphReplays - before;
            }

            Assert.True(setting ? replays >= 2 : replays == 0, $"{replays} replays with graphs {(setting ? "on" : "off")}");
            for (int call = 0; call < Calls; call++)
            {
                for (int b = 0; b < clips.Length; b++)
                {
                    Assert.Equal(results[call][b], results[Calls + call][b]);
                }
            }

            float[][] cpu = RunCpu(transform, clips, seed: 11, call: 0);
            for (int b = 0; b < clips.Length; b++)
            {
                GpuTolerances.For(name).AssertClose(cpu[b], results[Calls][b], Tolerance.Scale(clips[b], cpu[b]), $"{name}, clip {b}");
            }
        }
        finally
        {
            device.UseGraphs = setting;
            device.Kernels.Filters.WarmUps = warmUps;
        }
    }

    [Fact]
    public void AThreadThatDidNotCreateTheDevice_GetsTheCpuResult()
    {
        // The executor's direct driver calls (table copy, side-stream events of AddBackgroundNoise's late parameters) act
        // on the calling thread's context: a fresh thread must work as the creating one does.
        var transform = new AddBackgroundNoise(NoiseFiles.Corpus, 5, 15, p: 1);
        float[][] clips = Signals.NoiseClips(6, [.. Lengths, .. Lengths, .. Lengths]); // 18 rows: late preparation
        GpuDevice device = Device;
        bool small = device.SmallBatchSinglePass;
        device.SmallBatchSinglePass = false; // short clips would measure in the op's own pass, with nothing prepared late
        float[][]? gpu = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                transform.Apply(batch, seed: 5, call: 1);
                gpu = batch.ToArrays();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        device.SmallBatchSinglePass = small;
        Assert.Null(failure);
        float[][] cpu = RunCpu(transform, clips, seed: 5, call: 1);
        for (int b = 0; b < clips.Length; b++)
        {
            GpuTolerances.For("AddBackgroundNoise").AssertClose(cpu[b], gpu![b], $"clip {b}");
        }
    }

    [Theory]
    [InlineData("Normalize")]
    [InlineData("AddGaussianSNR")]
    [InlineData("AddBackgroundNoise")]
    public void SinglePassStatistics_WhereBlocksFitTogether_EqualTheTwoPassResult(string name)
    {
        // With the mode on, on CUDA, a statistics op with nothing fused before it measures its input in its own pass
        // (its blocks publish and wait for their clip's); elsewhere, and with the mode off (the default), a
        // statistics-only pass precedes it.
        // Both must give the CPU's result; LargeLengths holds real-sized clips, mono and stereo via the multichannel
        // variants above.
        GpuDevice device = Device;
        Transform transform = TransformTable.Create(name);
        float[][] clips = Signals.NoiseClips(17, LargeLengths);
        float[][] cpu = RunCpu(transform, clips, seed: 6, call: 1);
        bool single = device.Kernels.ResidentFusedBlocks > 0;
        bool setting = device.SinglePassStatistics;
        bool small = device.SmallBatchSinglePass;
        try
        {
            foreach (bool mode in new[] { true, false })
            {
                device.SinglePassStatistics = mode;
                device.SmallBatchSinglePass = mode;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                long before = device.Launches;
                transform.Apply(batch, seed: 6, call: 1);
                Assert.Equal(mode && single ? 1 : 2, device.Launches - before);
                float[][] gpu = batch.ToArrays();
                for (int b = 0; b < clips.Length; b++)
                {
                    GpuTolerances.For(name).AssertClose(cpu[b], gpu[b], $"{name}, single pass {mode}, clip {b}");
                }
            }
        }
        finally
        {
            device.SinglePassStatistics = setting;
            device.SmallBatchSinglePass = small;
        }
    }

    [Theory]
    [InlineData("Normalize")]
    [InlineData("AddGaussianSNR")]
    [InlineData("AddBackgroundNoise")]
    public void SmallBatches_MeasureInTheirOwnPass_AndReplayAsGraphs(string name)
    {
        // By default, on CUDA, a batch whose blocks all fit on the device at once (here one real-sized clip) measures in
        // the op's own pass: one launch, replayed as a graph from its second call, bit for bit the plain launches' output
        // and the CPU's result within the transform's tolerance. Elsewhere the statistics-only pass precedes (2 launches).
        const int Calls = 5;
        GpuDevice device = Device;
        Transform transform = TransformTable.Create(name);
        float[][] clips = Signals.NoiseClips(23, [LargeLengths[0]]);
        bool single = device.Kernels.ResidentFusedBlocks > 0;
        bool graphs = device.UseGraphs;
        bool asynchronous = device.Asynchronous;
        try
        {
            // Synchronous calls: asynchronous ones alternate two table slots, so each slot's graph replays from its own
            // second call (the replay count below would halve).
            device.Asynchronous = false;
            var results = new List<float[][]>();
            foreach (bool replay in new[] { false, true })
            {
                device.UseGraphs = replay && graphs;
                long launches = device.Launches;
                long replays = device.GraphReplays;
                ApplyCalls(device, transform, clips, seed: 9, Calls, results);
                Assert.Equal((single ? 1 : 2) * Calls, device.Launches - launches);
                Assert.True(!device.UseGraphs || device.GraphReplays - replays >= 2, $"{device.GraphReplays - replays} replays");
            }

            for (int call = 0; call < Calls; call++)
            {
                Assert.Equal(results[call][0], results[Calls + call][0]);
            }

            float[][] cpu = RunCpu(transform, clips, seed: 9, call: 0);
            GpuTolerances.For(name).AssertClose(cpu[0], results[0][0], $"{name}, single pass {single}");
        }
        finally
        {
            device.UseGraphs = graphs;
            device.Asynchronous = asynchronous;
        }
    }

    [Theory]
    [InlineData(TransformMode.PerExample)]
    [InlineData(TransformMode.PerChannel)]
    public void NormalizeSinglePass_FoldingThePeak_EqualsCombiningEveryBlock(TransformMode mode)
    {
        // On CUDA a one-clip Normalize measures in its own pass, and its blocks fold their peaks into one word with an
        // atomic max instead of publishing entries that every block then reads and reduces. The max of |x|'s bits does
        // not depend on the order the blocks arrive in, so both ways must agree bit for bit, and with the CPU's result;
        // stereo with p < 1 in per-channel mode, so that a clip's rows fold into their own words or skip.
        GpuDevice device = Device;
        var transform = new Normalize(mode: mode, p: mode == TransformMode.PerChannel ? 0.7 : 1);
        float[][][] clips = [[Signals.Noise(LargeLengths[0], 31), Signals.Noise(LargeLengths[0], 32)]];
        bool setting = device.PeakOnly;
        try
        {
            var outputs = new List<float[][]>();
            AugmentationPlan? plan = null;
            foreach (bool fold in new[] { true, false })
            {
                device.PeakOnly = fold;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                plan = transform.Apply(batch, seed: 4);
                outputs.Add(batch.ToChannelArrays()[0]);
            }

            using var cpuDevice = new CpuDevice(1);
            using AudioBatch cpuBatch = cpuDevice.Upload(clips, TransformTable.SampleRate);
            transform.Replay(cpuBatch, plan!);
            float[][] cpu = cpuBatch.ToChannelArrays()[0];
            for (int c = 0; c < 2; c++)
            {
                Assert.True(outputs[0][c].AsSpan().SequenceEqual(outputs[1][c]), $"{mode}, channel {c}: the folded peak differs from the combined one");
                GpuTolerances.For("Normalize").AssertClose(cpu[c], outputs[0][c], $"{mode}, channel {c}");
            }
        }
        finally
        {
            device.PeakOnly = setting;
        }
    }

    [Theory]
    [InlineData("Normalize", TransformMode.PerExample)]
    [InlineData("AddGaussianSNR", TransformMode.PerChannel)]
    [InlineData("AddBackgroundNoise", TransformMode.PerExample)]
    public void SinglePass_ChunksByGridIndex_EqualChunksByTicket(string name, TransformMode mode)
    {
        // On CUDA a one-clip call measures in the op's own pass, and its whole grid is resident: by default its blocks
        // take their chunks by grid index, not from a ticket counter in the order they start. Which block takes which
        // chunk must not change a bit of the result (the statistics are combined by chunk, not by block), and both
        // must match the CPU. Stereo with p < 1 in per-channel mode, so that a row may apply nothing.
        GpuDevice device = Device;
        double p = mode == TransformMode.PerChannel ? 0.7 : 1;
        Transform transform = name switch
        {
            "Normalize" => new Normalize(mode: mode, p: p),
            "AddGaussianSNR" => new AddGaussianSnr(mode: mode, p: p),
            _ => new AddBackgroundNoise(NoiseFiles.Corpus, mode: mode, p: p),
        };
        float[][][] clips = [[Signals.Noise(LargeLengths[0], 41), Signals.Noise(LargeLengths[0], 42)]];
        bool single = device.Kernels.ResidentFusedBlocks > 0;
        bool tickets = device.SmallGridTickets;
        try
        {
            var outputs = new List<float[][]>();
            foreach (bool useTickets in new[] { false, true })
            {
                device.SmallGridTickets = useTickets;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                long launches = device.Launches;
                transform.Apply(batch, seed: 4, call: 2);
                Assert.Equal(single ? 1 : 2, device.Launches - launches);
                outputs.Add(batch.ToChannelArrays()[0]);
            }

            using var cpuDevice = new CpuDevice(1);
            using AudioBatch cpuBatch = cpuDevice.Upload(clips, TransformTable.SampleRate);
            transform.Apply(cpuBatch, seed: 4, call: 2);
            float[][] cpu = cpuBatch.ToChannelArrays()[0];
            for (int c = 0; c < 2; c++)
            {
                Assert.True(outputs[0][c].AsSpan().SequenceEqual(outputs[1][c]), $"{name} {mode}, channel {c}: tickets changed the result");
                GpuTolerances.For(name).AssertClose(cpu[c], outputs[0][c], $"{name} {mode}, channel {c}");
            }
        }
        finally
        {
            device.SmallGridTickets = tickets;
        }
    }

    [Fact]
    public void ResidentClips_AreUploadedOnce_AndABudgetTooSmallForAnyClipStillGivesTheCpuResult()
    {
        GpuDevice device = Device;
        var transform = new AddBackgroundNoise(NoiseFiles.Corpus, p: 1);
        float[][] clips = Signals.NoiseClips(8, Lengths);
        _ = RunGpu(transform, clips, seed: 3, call: 0);
        int uploads = device.Resident.Uploads;
        _ = RunGpu(transform, clips, seed: 3, call: 0);
        Assert.Equal(uploads, device.Resident.Uploads);

        long budget = device.ResidentAudioBudgetBytes;
        try
        {
            // Every call starts with the clips over budget, drops them and uploads its own again (they exceed the
            // budget, so the buffer holds them past it for the call).
            device.ResidentAudioBudgetBytes = 1;
            int resets = device.Resident.Resets;
            for (long call = 0; call < 3; call++)
            {
                float[][] cpu = RunCpu(transform, clips, seed: 3, call);
                float[][] gpu = RunGpu(transform, clips, seed: 3, call);
                for (int b = 0; b < clips.Length; b++)
                {
                    GpuTolerances.For("AddBackgroundNoise").AssertClose(cpu[b], gpu[b], $"call {call}, clip {b}");
                }
            }

            Assert.True(device.Resident.Resets > resets);
        }
        finally
        {
            device.ResidentAudioBudgetBytes = budget;
        }
    }
}
