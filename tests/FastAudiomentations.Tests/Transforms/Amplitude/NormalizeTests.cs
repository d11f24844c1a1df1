using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Amplitude;

public class NormalizeTests
{
    private const float OneMinusUlp = 1f - (1f / 16_777_216f);

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(0.999)]
    [InlineData(3.7)]
    [InlineData(1234.5)]
    public void Peak_BecomesOne_AndNoSampleExceedsIt(double amplitude)
    {
        float[] x = Signals.Noise(10_001, 7, amplitude);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], 16_000);
        new Normalize(p: 1).Apply(batch, seed: 0);
        float[] y = batch.ToArrays()[0];
        float peak = y.Max(MathF.Abs);
        Assert.InRange(peak, OneMinusUlp, 1f);
        float factor = Normalize.PeakFactor(x.Max(MathF.Abs), NormalizeApplyTo.All);
        Assert.Equal(x.Select(v => v * factor), y);
    }

    [Fact]
    public void PeakFactor_GivesAPeakOfOneWithinAnUlp_AndExactlyOneMostly()
    {
        // Over many peaks: peak * factor never exceeds 1, never falls below 1 - 2^-24, and the nudge makes it
        // exactly 1 in the large majority of cases.
        var random = new System.Random(3);
        int exact = 0;
        const int Count = 100_000;
        for (int i = 0; i < Count; i++)
        {
            float peak = (float)Math.Exp((random.NextDouble() * 20) - 10);
            float product = peak * Normalize.PeakFactor(peak, NormalizeApplyTo.All);
            Assert.InRange(product, OneMinusUlp, 1f);
            exact += product == 1f ? 1 : 0;
        }

        Assert.True(exact > Count * 0.9, $"{exact} of {Count} exact");
    }

    [Fact]
    public void OnlyTooLoudSounds_LeavesQuietClipsBitIdentical_AndScalesLoudOnes()
    {
        float[] quiet = Signals.Noise(3000, 1, 0.9);
        quiet[5] = -0f;
        float[] loud = Signals.Noise(3000, 2, 2.5);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload([quiet, loud], 16_000);
        new Normalize(NormalizeApplyTo.OnlyTooLoudSounds, p: 1).Apply(batch, seed: 0);
        float[][] y = batch.ToArrays();
        Assert.Equal(quiet.Select(BitConverter.SingleToInt32Bits), y[0].Select(BitConverter.SingleToInt32Bits));
        Assert.InRange(y[1].Max(MathF.Abs), OneMinusUlp, 1f);
    }

    [Fact]
    public void SilentClip_StaysSilent()
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new float[500]], 16_000);
        new Normalize(p: 1).Apply(batch, seed: 0);
        Assert.All(batch.ToArrays()[0], v => Assert.Equal(0f, v));
        Assert.Equal(1f, Normalize.PeakFactor(0f, NormalizeApplyTo.All));
    }

    [Fact]
    public void PerExample_OneGainForAllChannels_PerChannel_OneEach()
    {
        float[][][] clips = [[Signals.Noise(2000, 1, 0.2), Signals.Noise(2000, 2, 0.05)]];
        using var device = new CpuDevice(1);
        using AudioBatch together = device.Upload(clips, 16_000);
        new Normalize(p: 1).Apply(together, seed: 0);
        float[][] y = together.ToChannelArrays()[0];
        Assert.InRange(y[0].Max(MathF.Abs), OneMinusUlp, 1f);

        // The quieter channel keeps its level relative to the louder one.
        double ratio = clips[0][1].Max(MathF.Abs) / (double)clips[0][0].Max(MathF.Abs);
        Assert.Equal(ratio, y[1].Max(MathF.Abs), 1e-6);

        using AudioBatch apart = device.Upload(clips, 16_000);
        new Normalize(p: 1, mode: TransformMode.PerChannel).Apply(apart, seed: 0);
        Assert.All(apart.ToChannelArrays()[0], channel => Assert.InRange(channel.Max(MathF.Abs), OneMinusUlp, 1f));
    }

    [Fact]
    public void NaN_PropagatesThroughThePeak()
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([[0.5f, float.NaN, 0.25f]], 16_000, NonFiniteInputPolicy.Propagate);
        new Normalize(p: 1).Apply(batch, seed: 0);
        Assert.All(batch.ToArrays()[0], v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        var normalize = new Normalize();
        Assert.Equal((NormalizeApplyTo.All, 0.5), (normalize.ApplyTo, normalize.P));
    }

    [Fact]
    public void PipelineArguments_ParseApplyTo_AndRejectUnknownValues()
    {
        TransformCatalog.TryFind("Normalize", out TransformDescriptor descriptor);
        var loud = (Normalize)descriptor.Create(new TransformArguments(new Dictionary<string, object?> { ["apply_to"] = "only_too_loud_sounds" }));
        Assert.Equal(NormalizeApplyTo.OnlyTooLoudSounds, loud.ApplyTo);
        Assert.Contains(new KeyValuePair<string, object>("apply_to", "only_too_loud_sounds"), loud.GetParameterValues());
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => descriptor.Create(new TransformArguments(new Dictionary<string, object?> { ["apply_to"] = "some" })));
        Assert.Equal("apply_to", error.ParamName);
        Assert.Equal("applyTo", Assert.ThrowsAny<ArgumentException>(() => new Normalize((NormalizeApplyTo)7)).ParamName);
    }
}
