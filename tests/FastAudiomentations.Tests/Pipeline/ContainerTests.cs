using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Pipeline;

public class ContainerTests
{
    private static float[][] Ones(int count) => [.. Enumerable.Range(0, count).Select(_ => new[] { 1f })];

    [Fact]
    public void OneOf_AppliesExactlyOneChildPerExample()
    {
        // Gains of +6 dB and +12 dB tell which child ran; never both, never none.
        var pipeline = new OneOf(new Gain(6, 6, p: 1), new Gain(12, 12, p: 1));
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(Ones(1000), 16_000);
        pipeline.Apply(batch, seed: 3);
        float six = MathF.Pow(10, 6f / 20), twelve = MathF.Pow(10, 12f / 20);
        float[] y = [.. batch.ToArrays().Select(c => c[0])];
        Assert.All(y, v => Assert.True(v == six || v == twelve));
        // Binomial(1000, 0.5): sd 16; +-100 is over 6 sigma.
        Assert.InRange(y.Count(v => v == six), 400, 600);
    }

    [Fact]
    public void OneOf_FollowsWeights()
    {
        var pipeline = new OneOf([new Gain(6, 6, p: 1), new Gain(12, 12, p: 1)], weights: [1, 3]);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(Ones(4000), 16_000);
        pipeline.Apply(batch, seed: 8);
        float six = MathF.Pow(10, 6f / 20);
        // Binomial(4000, 0.25): mean 1000, sd 27.
        Assert.InRange(batch.ToArrays().Count(c => c[0] == six), 860, 1140);
    }

    [Fact]
    public void SomeOf_AppliesCountInRange()
    {
        // Three gains of 1, 2 and 4 dB: the total dB tells exactly which subset ran.
        var pipeline = new SomeOf([new Gain(1, 1, p: 1), new Gain(2, 2, p: 1), new Gain(4, 4, p: 1)], minCount: 1, maxCount: 2);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(Ones(3000), 16_000);
        pipeline.Apply(batch, seed: 5);
        int[] counts = [.. batch.ToArrays().Select(c => (int)Math.Round(20 * Math.Log10(c[0]))).Select(db => int.PopCount(db))];
        Assert.All(counts, n => Assert.InRange(n, 1, 2));
        Assert.InRange(counts.Count(n => n == 1), 1300, 1700);
    }

    [Fact]
    public void Compose_ProbabilityGatesAllChildrenTogether()
    {
        var pipeline = new Compose([new Gain(1, 1, p: 1), new Gain(2, 2, p: 1)], p: 0.5);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(Ones(2000), 16_000);
        pipeline.Apply(batch, seed: 5);
        int[] db = [.. batch.ToArrays().Select(c => (int)Math.Round(20 * Math.Log10(c[0])))];
        Assert.All(db, v => Assert.True(v is 0 or 3));
        Assert.InRange(db.Count(v => v == 3), 850, 1150);
    }

    [Fact]
    public void Compose_ShuffleChangesOrderAcrossCalls()
    {
        // Clip(-1..1) after +12 dB differs from +12 dB after clip only through order; use two gains and
        // read the plan's order instead: over 40 calls both orders must occur.
        var a = new Gain(1, 1, p: 1);
        var b = new Gain(2, 2, p: 1);
        var pipeline = new Compose([a, b], shuffle: true);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload(Ones(1), 16_000);
        var firsts = new HashSet<Transform>();
        for (int call = 0; call < 40; call++)
        {
            firsts.Add(pipeline.Apply(batch, seed: 1, call).Steps[0].Transform);
        }

        Assert.Equal(2, firsts.Count);
    }

    [Fact]
    public void Replay_AppliesTheSameParametersToAnotherBatch()
    {
        var pipeline = new Compose(new Gain(-12, 12, p: 0.5), new PolarityInversion(p: 0.5));
        using var device = new CpuDevice(2);
        float[][] noisy = Signals.NoiseClips(1, 100, 100, 100, 100);
        using AudioBatch input = device.Upload(noisy, 16_000);
        using AudioBatch target = device.Upload(noisy, 16_000);
        AugmentationPlan plan = pipeline.Apply(input, seed: 77).Clone();
        pipeline.Replay(target, plan);
        float[][] x = input.ToArrays(), y = target.ToArrays();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i], y[i]);
        }
    }

    [Fact]
    public void EmptyContainer_Throws()
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new OneOf());
        Assert.Equal("transforms", error.ParamName);
    }

    [Fact]
    public void SomeOf_CountAboveChildren_Throws()
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new SomeOf(3, new Gain(), new Gain()));
        Assert.Equal("minCount", error.ParamName);
        Assert.Contains("[0, 2]", error.Message, StringComparison.Ordinal);
    }
}
