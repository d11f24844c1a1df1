using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms;

public class GainTests
{
    [Fact]
    public void FixedGain_IsExactMultiplication()
    {
        float[] x = Signals.Noise(1000, 4);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], 16_000);
        new Gain(6, 6, p: 1).Apply(batch, seed: 0);
        float factor = MathF.Pow(10f, 6f / 20f);
        Assert.Equal(x.Select(v => v * factor), batch.ToArrays()[0]);
    }

    [Fact]
    public void SampledGains_AreUniformInRange()
    {
        var gain = new Gain(-12, 12, p: 1);
        float[][] clips = [.. Enumerable.Range(0, 2000).Select(_ => new[] { 1f })];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, 16_000);
        AugmentationPlan plan = gain.Apply(batch, seed: 9);
        var step = (PlannedStep<GainParameters>)plan.Steps[0];
        double[] db = [.. step.Parameters.Select(p => (double)p.GainDb)];
        Assert.All(db, g => Assert.InRange(g, -12, 12));
        // Uniform on [-12, 12]: mean 0, sd 24 / sqrt(12) = 6.93; the mean of 2000 has sd 0.155, so 0.6 is ~4 sigma.
        Assert.InRange(db.Average(), -0.6, 0.6);
        Assert.InRange(Math.Sqrt(db.Select(g => g * g).Average()), 6.5, 7.4);
        // The output is the sampled factor times 1.
        float[][] y = batch.ToArrays();
        for (int b = 0; b < y.Length; b++)
        {
            Assert.Equal(step.Parameters[b].Factor, y[b][0]);
        }
    }

    [Fact]
    public void Probability_IsRespectedPerExample()
    {
        var gain = new Gain(6, 6, p: 0.3);
        float[][] clips = [.. Enumerable.Range(0, 4000).Select(_ => new[] { 1f })];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, 16_000);
        gain.Apply(batch, seed: 2);
        int changed = batch.ToArrays().Count(c => c[0] != 1f);
        // Binomial(4000, 0.3): mean 1200, sd 29; +-150 is over 5 sigma.
        Assert.InRange(changed, 1050, 1350);
    }

    [Fact]
    public void PerBatchMode_DrawsOneGainForAll()
    {
        float[][] clips = [.. Enumerable.Range(0, 50).Select(_ => new[] { 1f })];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, 16_000);
        new Gain(-12, 12, p: 1, mode: TransformMode.PerBatch).Apply(batch, seed: 4);
        Assert.Single(batch.ToArrays().Select(c => c[0]).Distinct());
    }

    [Fact]
    public void PerChannelMode_DrawsPerChannel()
    {
        float[][][] clips = [[[1f], [1f], [1f], [1f]]];
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload(clips, 16_000);
        new Gain(-12, 12, p: 1, mode: TransformMode.PerChannel).Apply(batch, seed: 4);
        Assert.Equal(4, batch.ToChannelArrays()[0].Select(c => c[0]).Distinct().Count());
    }

    [Theory]
    [InlineData(3.0, 2.0, "minGainDb")]
    [InlineData(double.NaN, 2.0, "minGainDb")]
    [InlineData(0.0, double.PositiveInfinity, "maxGainDb")]
    public void InvalidRange_ThrowsNamingParameter(double min, double max, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new Gain(min, max));
        Assert.Equal(parameter, error.ParamName);
    }
}
