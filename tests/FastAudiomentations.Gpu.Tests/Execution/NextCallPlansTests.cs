using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Execution;

/// <summary>
/// The GPU device's prediction of the next call (<see cref="NextCallPlans"/>) and the batch shapes it compares
/// (<see cref="BatchShape"/>): host logic, tested on batches of the CPU device.
/// </summary>
public sealed class NextCallPlansTests : IDisposable
{
    private readonly CpuDevice _device = new(1);

    public void Dispose() => _device.Dispose();

    [Fact]
    public void Follows_OnlyAStepOfTheCallIndexOrTheSeed_OnABatchOfTheSameShape()
    {
        var plans = new NextCallPlans();
        var gain = new Gain(p: 1);
        using AudioBatch batch = Batch(4096);
        using AudioBatch same = Batch(4096);
        using AudioBatch longer = Batch(5000);

        Assert.False(plans.Follows(gain, batch, seed: 3, call: 10, out _, out _));
        Assert.True(plans.Follows(gain, same, seed: 3, call: 11, out long seed, out long call));
        Assert.Equal((3L, 12L), (seed, call));
        Assert.False(plans.Follows(gain, batch, seed: 3, call: 13, out _, out _)); // a jump
        Assert.False(plans.Follows(gain, batch, seed: 4, call: 14, out _, out _)); // both moved
        Assert.True(plans.Follows(gain, batch, seed: 5, call: 14, out seed, out call));
        Assert.Equal((6L, 14L), (seed, call));
        Assert.False(plans.Follows(gain, longer, seed: 6, call: 14, out _, out _)); // another shape
        Assert.True(plans.Follows(gain, longer, seed: 6, call: 15, out _, out _));
        Assert.False(plans.Follows(new Gain(p: 1), longer, seed: 6, call: 16, out _, out _)); // another pipeline
    }

    [Fact]
    public void Take_GivesThePlanSampledAhead_OnlyToThatCall_AndOnlyOnce()
    {
        var plans = new NextCallPlans();
        var gain = new Gain(-12, 12, p: 1);
        using AudioBatch batch = Batch(4096);
        using AudioBatch same = Batch(4096);
        using AudioBatch shorter = Batch(3000);
        AugmentationPlan current = gain.Sample(batch, seed: 2, call: 4);

        AugmentationPlan ahead = plans.Sample(gain, current, batch, seed: 2, call: 5);
        Assert.Same(ahead, plans.Take(gain, same, seed: 2, call: 5));
        Assert.Null(plans.Take(gain, same, seed: 2, call: 5));

        plans.Sample(gain, current, batch, seed: 2, call: 5);
        Assert.Null(plans.Take(gain, batch, seed: 2, call: 6));
        plans.Sample(gain, current, batch, seed: 2, call: 5);
        Assert.Null(plans.Take(gain, batch, seed: 3, call: 5));
        plans.Sample(gain, current, batch, seed: 2, call: 5);
        Assert.Null(plans.Take(gain, shorter, seed: 2, call: 5));
        plans.Sample(gain, current, batch, seed: 2, call: 5);
        Assert.Null(plans.Take(new Gain(-12, 12, p: 1), batch, seed: 2, call: 5));
    }

    [Fact]
    public void Sample_NeverRefillsThePlanTheCallReturns_AndDrawsAsAFreshSample()
    {
        var plans = new NextCallPlans();
        var gain = new Gain(-12, 12, p: 1);
        using AudioBatch batch = Batch(4096);
        AugmentationPlan returned = gain.Sample(batch, seed: 7, call: 0);
        for (long call = 1; call < 5; call++)
        {
            AugmentationPlan next = plans.Sample(gain, returned, batch, seed: 7, call);
            Assert.NotSame(returned, next);
            Assert.Equal(call - 1, returned.Call);
            AugmentationPlan expected = gain.Sample(batch, seed: 7, call);
            Assert.Equal(expected.Key, next.Key);
            Assert.Equal(((PlannedStep<GainParameters>)expected.Steps[0]).Parameters[0], ((PlannedStep<GainParameters>)next.Steps[0]).Parameters[0]);
            returned = next;
        }
    }

    [Fact]
    public void BatchShape_MatchesBatchesOfTheSameLengthsIdsAndRate_NotOthers()
    {
        var shape = new BatchShape();
        using AudioBatch batch = Batch(4096);
        shape.Keep(batch);
        using AudioBatch same = Batch(4096);
        Assert.True(shape.Matches(same));
        using AudioBatch otherLength = Batch(4095);
        Assert.False(shape.Matches(otherLength));
        using AudioBatch otherRate = _device.Upload(Signals.NoiseClips(1, [4096]), 22_050);
        Assert.False(shape.Matches(otherRate));
        using AudioBatch otherIds = _device.Upload(Signals.NoiseClips(1, [4096]), TransformTable.SampleRate, exampleIds: [5u]);
        Assert.False(shape.Matches(otherIds));
        using AudioBatch twoClips = _device.Upload(Signals.NoiseClips(1, [4096, 4096]), TransformTable.SampleRate);
        Assert.False(shape.Matches(twoClips));
    }

    private AudioBatch Batch(int length) => _device.Upload(Signals.NoiseClips(1, [length]), TransformTable.SampleRate);
}
