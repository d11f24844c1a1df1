using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>Calls planned ahead (GpuExecutor.PrepareAhead): the same results as calls planned when made, taken only when they are the call made.</summary>
public abstract partial class GpuBackendTests
{
    /// <summary>
    /// Call indices of the planning-ahead tests: runs of consecutive calls (each planned by the one before), a jump (the
    /// call planned ahead is dropped), and calls on a clip of another length (dropped by its shape).
    /// </summary>
    private static readonly (long Call, int Length)[] AheadCalls = [(0, 4096), (1, 4096), (2, 4096), (3, 4096), (9, 4096), (10, 4096), (11, 3000), (12, 3000), (13, 4096), (14, 4096)];

    /// <summary>Calls of <see cref="AheadCalls"/> that find themselves planned: the ones whose predecessor was the call before, on a clip of the same length.</summary>
    private static readonly int AheadHits = AheadCalls.Skip(1).Zip(AheadCalls).Count(pair => pair.First.Call == pair.Second.Call + 1 && pair.First.Length == pair.Second.Length);

    public static TheoryData<string, bool> AheadCases()
    {
        var cases = new TheoryData<string, bool>();
        foreach (string name in new[] { "Gain", "chain", "Normalize", "AddGaussianSNR", "AddColorNoise", "AddBackgroundNoise", "LowPassFilter", "BandPassFilter", "BandStopFilter zero-phase" })
        {
            cases.Add(name, false);
            cases.Add(name, true);
        }

        return cases;
    }

    /// <summary>
    /// One-clip calls (each on a batch of its own, as a training loop uploads them) made with planning ahead equal the
    /// same calls planned when made, bit for bit. Every call plans the next (all are kernels alone), and a call takes the
    /// call planned ahead exactly when it is the next index on a clip of the same length. Synchronous and asynchronous:
    /// the table slot the next call is planned into is the running call's other slot either way, and waits differ. Calls
    /// whose tables are copied (look-back filters, two-pass statistics on the CPU accelerator) must not see the next
    /// call's table; where calls count in the call counters (single passes and AddColorNoise's, on CUDA), dropped calls
    /// give their half back, or the next call would find counts in it.
    /// </summary>
    [Theory]
    [MemberData(nameof(AheadCases))]
    public void CallsPlannedAhead_EqualCallsPlannedWhenMade(string name, bool asynchronous)
    {
        GpuDevice device = Device;
        Transform pipeline = AheadTransform(name);
        bool wasAsynchronous = device.Asynchronous;
        bool wasAhead = device.PlanAhead;
        try
        {
            device.Asynchronous = asynchronous;
            device.PlanAhead = false;
            (float[][] planned, AheadCall[] off) = RunAheadCalls(device, pipeline);
            Assert.DoesNotContain(off, call => call.PlannedNext || call.TookPlanned);

            device.PlanAhead = true;
            (float[][] ahead, AheadCall[] on) = RunAheadCalls(device, pipeline);
            for (int k = 0; k < AheadCalls.Length; k++)
            {
                Assert.True(planned[k].AsSpan().SequenceEqual(ahead[k]), $"{name}: call {AheadCalls[k].Call} differs planned ahead");
                bool next = k > 0 && AheadCalls[k].Call == AheadCalls[k - 1].Call + 1 && AheadCalls[k].Length == AheadCalls[k - 1].Length;
                Assert.True(on[k].PlannedNext, $"{name}: call {AheadCalls[k].Call} did not plan the next");
                Assert.True(on[k].TookPlanned == next, $"{name}: call {AheadCalls[k].Call} took the call planned ahead: {on[k].TookPlanned}");
            }

            Assert.Equal(AheadHits, on.Count(call => call.TookPlanned));
        }
        finally
        {
            device.Synchronize();
            device.Asynchronous = wasAsynchronous;
            device.PlanAhead = wasAhead;
        }
    }

    /// <summary>
    /// The plan a call returns is its own, not the next call's, which was sampled ahead while it ran (into another plan:
    /// the returned one is refilled only by the next call, as <see cref="Transform.Apply"/> documents).
    /// </summary>
    [Fact]
    public void Apply_ReturnsItsOwnPlan_WhileTheNextCallIsPlannedAhead()
    {
        GpuDevice device = Device;
        var gain = new Gain(-12, 12, p: 1);
        using AudioBatch batch = device.Upload(Signals.NoiseClips(81, [4096]), TransformTable.SampleRate);
        long plannedAhead = device.CallsPlannedAhead;
        gain.Apply(batch, seed: 3, call: 5);
        for (long call = 6; call < 9; call++)
        {
            AugmentationPlan plan = gain.Apply(batch, seed: 3, call);
            AugmentationPlan expected = gain.Sample(batch, seed: 3, call);
            Assert.Equal(call, plan.Call);
            Assert.Equal(expected.Key, plan.Key);
            Assert.Equal(((PlannedStep<GainParameters>)expected.Steps[0]).Parameters[0], ((PlannedStep<GainParameters>)plan.Steps[0]).Parameters[0]);
        }

        // Gain's calls are kernels alone, so each planned the next.
        Assert.Equal(plannedAhead + 4, device.CallsPlannedAhead);
    }

    private static Transform AheadTransform(string name) => name switch
    {
        "chain" => new Compose([new Gain(-6, 6, p: 0.8), new PolarityInversion(p: 0.5), new Clip(-0.5f, 0.5f, p: 0.7)]),
        "BandStopFilter zero-phase" => new BandStopFilter(zeroPhase: true, p: 1),
        _ => TransformTable.Create(name),
    };

    /// <summary>Makes <see cref="AheadCalls"/> of <paramref name="pipeline"/>, each on a new one-clip batch, and returns each call's output and what it did.</summary>
    private static (float[][] Outputs, AheadCall[] Calls) RunAheadCalls(GpuDevice device, Transform pipeline)
    {
        var outputs = new float[AheadCalls.Length][];
        var calls = new AheadCall[AheadCalls.Length];
        for (int k = 0; k < AheadCalls.Length; k++)
        {
            (long call, int length) = AheadCalls[k];
            using AudioBatch batch = device.Upload(Signals.NoiseClips(90, [length]), TransformTable.SampleRate);
            (long planned, long taken) = (device.CallsPlannedAhead, device.PreparedAheadCalls);
            pipeline.Apply(batch, seed: 2, call);
            calls[k] = new AheadCall(device.CallsPlannedAhead > planned, device.PreparedAheadCalls > taken);
            outputs[k] = batch.ToArrays()[0];
        }

        return (outputs, calls);
    }

    /// <summary>What one call did: it planned the next call, it took the call planned ahead for it.</summary>
    private readonly record struct AheadCall(bool PlannedNext, bool TookPlanned);
}
