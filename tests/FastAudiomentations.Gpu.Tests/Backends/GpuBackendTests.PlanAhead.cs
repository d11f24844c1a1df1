using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>Calls planned ahead (GpuExecutor.PrepareAhead): the same results as calls planned when made, taken only when they are the call made.</summary>
public abstract partial class GpuBackendTests
{
    /// <summary>
    /// Calls of the planning-ahead tests (seed, call index, clip length): runs of consecutive call indices, then of
    /// consecutive seeds (a loop passing its step as the seed), jumps (the call planned ahead is dropped, and the call after
    /// a jump plans nothing: it follows no step), and changes of length (the call planned ahead is dropped by the batch's
    /// shape, and the call after the change plans nothing either).
    /// </summary>
    private static readonly (long Seed, long Call, int Length)[] AheadCalls =
    [
        (2, 0, 4096), (2, 1, 4096), (2, 2, 4096), (2, 3, 4096), (2, 9, 4096), (2, 10, 4096), (2, 11, 4096), (2, 12, 3000),
        (2, 13, 3000), (2, 14, 3000), (3, 14, 3000), (4, 14, 3000), (5, 14, 4096), (6, 14, 4096), (8, 14, 4096), (9, 14, 4096),
    ];

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
    /// same calls planned when made, bit for bit. A call plans the next exactly when it follows the call before it by one
    /// step of the call index or the seed on a clip of the same length (all these calls are kernels alone), predicting the
    /// same step again, and a call takes the call planned ahead exactly when it is the one predicted, on a clip of the same
    /// length. Synchronous and
    /// asynchronous: the slot the next call is planned into and the waits differ. Calls whose tables are copied
    /// (look-back filters, two-pass statistics on the CPU accelerator) must not see the next call's table; where calls
    /// count in the call counters (single passes and AddColorNoise's, on CUDA), dropped calls give their half back, or the
    /// next call would find counts in it.
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
            (float[][] planned, AheadCall[] off) = RunAheadCalls(device, pipeline, AheadCalls);
            Assert.DoesNotContain(off, call => call.PlannedNext || call.TookPlanned);

            device.PlanAhead = true;
            (float[][] ahead, AheadCall[] on) = RunAheadCalls(device, pipeline, AheadCalls);
            for (int k = 0; k < AheadCalls.Length; k++)
            {
                Assert.True(planned[k].AsSpan().SequenceEqual(ahead[k]), $"{name}: call {AheadCalls[k]} differs planned ahead");
                Assert.True(on[k].PlannedNext == Follows(k), $"{name}: call {AheadCalls[k]} planned the next: {on[k].PlannedNext}");
                bool predicted = k > 1 && Follows(k - 1)
                    && AheadCalls[k].Seed - AheadCalls[k - 1].Seed == AheadCalls[k - 1].Seed - AheadCalls[k - 2].Seed
                    && AheadCalls[k].Call - AheadCalls[k - 1].Call == AheadCalls[k - 1].Call - AheadCalls[k - 2].Call
                    && AheadCalls[k].Length == AheadCalls[k - 1].Length;
                Assert.True(on[k].TookPlanned == predicted, $"{name}: call {AheadCalls[k]} took the call planned ahead: {on[k].TookPlanned}");
            }

            Assert.Contains(on, call => call.TookPlanned);
        }
        finally
        {
            device.Synchronize();
            device.Asynchronous = wasAsynchronous;
            device.PlanAhead = wasAhead;
        }

        static bool Follows(int k) => k > 0 && AheadCalls[k].Length == AheadCalls[k - 1].Length
            && ((AheadCalls[k].Seed == AheadCalls[k - 1].Seed && AheadCalls[k].Call == AheadCalls[k - 1].Call + 1)
                || (AheadCalls[k].Call == AheadCalls[k - 1].Call && AheadCalls[k].Seed == AheadCalls[k - 1].Seed + 1));
    }

    /// <summary>
    /// Two pipelines applied in turn, each with consecutive call indices: no call follows the call before it, so none is
    /// planned ahead (a call planned for the other pipeline would be dropped every time), and the results are the calls'.
    /// </summary>
    [Fact]
    public void PipelinesAppliedInTurn_AreNotPlannedAhead()
    {
        GpuDevice device = Device;
        var gain = new Gain(-12, 12, p: 1);
        var inversion = new PolarityInversion(p: 1);
        long plannedAhead = device.CallsPlannedAhead;
        for (long call = 0; call < 4; call++)
        {
            using AudioBatch batch = device.Upload(Signals.NoiseClips(83, [4096]), TransformTable.SampleRate);
            gain.Apply(batch, seed: 4, call);
            inversion.Apply(batch, seed: 4, call);
            float[][] expected = RunCpu(inversion, RunCpu(gain, Signals.NoiseClips(83, [4096]), seed: 4, call), seed: 4, call);
            GpuTolerances.For("Gain").AssertClose(expected[0], batch.ToArrays()[0], $"call {call}");
        }

        Assert.Equal(plannedAhead, device.CallsPlannedAhead);
    }

    /// <summary>
    /// A replay between two calls drops the call planned ahead (it takes the table slot and the counters' half the planned
    /// call held): the replay, and the call after it, planned again when made, give what they give without planning ahead.
    /// </summary>
    [Theory]
    [InlineData("Gain")]
    [InlineData("LowPassFilter")]
    public void ReplayBetweenCalls_DropsTheCallPlannedAhead(string name)
    {
        GpuDevice device = Device;
        Transform pipeline = TransformTable.Create(name);
        bool wasAhead = device.PlanAhead;
        try
        {
            device.PlanAhead = false;
            float[][] unplanned = RunWithReplay(device, pipeline);
            device.PlanAhead = true;
            long taken = device.PreparedAheadCalls;
            float[][] planned = RunWithReplay(device, pipeline);
            for (int k = 0; k < unplanned.Length; k++)
            {
                Assert.True(unplanned[k].AsSpan().SequenceEqual(planned[k]), $"{name}: output {k} differs planned ahead");
            }

            // Call 6 took the call planned by call 5; call 7, after the replay, was planned again.
            Assert.Equal(taken + 1, device.PreparedAheadCalls);
        }
        finally
        {
            device.Synchronize();
            device.PlanAhead = wasAhead;
        }

        static float[][] RunWithReplay(GpuDevice device, Transform pipeline)
        {
            float[][] clips = Signals.NoiseClips(84, [4096]);
            using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
            using AudioBatch other = device.Upload(clips, TransformTable.SampleRate);
            pipeline.Apply(batch, seed: 6, call: 4);
            AugmentationPlan fifth = pipeline.Apply(batch, seed: 6, call: 5).Clone();
            pipeline.Apply(batch, seed: 6, call: 6);
            pipeline.Replay(other, fifth);
            pipeline.Apply(batch, seed: 6, call: 7);
            return [batch.ToArrays()[0], other.ToArrays()[0]];
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
        gain.Apply(batch, seed: 3, call: 4);
        gain.Apply(batch, seed: 3, call: 5);
        for (long call = 6; call < 9; call++)
        {
            AugmentationPlan plan = gain.Apply(batch, seed: 3, call);
            AugmentationPlan expected = gain.Sample(batch, seed: 3, call);
            Assert.Equal(call, plan.Call);
            Assert.Equal(expected.Key, plan.Key);
            Assert.Equal(((PlannedStep<GainParameters>)expected.Steps[0]).Parameters[0], ((PlannedStep<GainParameters>)plan.Steps[0]).Parameters[0]);
        }

        // Gain's calls are kernels alone, so each call after the first planned the next.
        Assert.Equal(plannedAhead + 4, device.CallsPlannedAhead);
    }

    private static Transform AheadTransform(string name) => name switch
    {
        "chain" => new Compose([new Gain(-6, 6, p: 0.8), new PolarityInversion(p: 0.5), new Clip(-0.5f, 0.5f, p: 0.7)]),
        "BandStopFilter zero-phase" => new BandStopFilter(zeroPhase: true, p: 1),
        _ => TransformTable.Create(name),
    };

    /// <summary>Makes <paramref name="calls"/> of <paramref name="pipeline"/>, each on a new one-clip batch, and returns each call's output and what it did.</summary>
    private static (float[][] Outputs, AheadCall[] Calls) RunAheadCalls(GpuDevice device, Transform pipeline, (long Seed, long Call, int Length)[] calls)
    {
        var outputs = new float[calls.Length][];
        var made = new AheadCall[calls.Length];
        for (int k = 0; k < calls.Length; k++)
        {
            (long seed, long call, int length) = calls[k];
            using AudioBatch batch = device.Upload(Signals.NoiseClips(90, [length]), TransformTable.SampleRate);
            (long planned, long taken) = (device.CallsPlannedAhead, device.PreparedAheadCalls);
            pipeline.Apply(batch, seed, call);
            made[k] = new AheadCall(device.CallsPlannedAhead > planned, device.PreparedAheadCalls > taken);
            outputs[k] = batch.ToArrays()[0];
        }

        return (outputs, made);
    }

    /// <summary>What one call did: it planned the next call, it took the call planned ahead for it.</summary>
    private readonly record struct AheadCall(bool PlannedNext, bool TookPlanned);
}
