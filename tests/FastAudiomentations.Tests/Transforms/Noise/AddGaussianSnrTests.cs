using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Noise;

public class AddGaussianSnrTests
{
    private const int SampleRate = 44_100;
    private const int FiveSeconds = 5 * SampleRate;

    [Theory]
    [InlineData(1, 5.0)]
    [InlineData(2, 5.0)]
    [InlineData(3, 20.0)]
    [InlineData(4, 20.0)]
    [InlineData(5, 40.0)]
    [InlineData(6, -10.0)]
    public void AchievedSnr_IsTheSampledOne_OnAFiveSecondClip(long seed, double snrDb)
    {
        float[] x = Speechlike(FiveSeconds, (int)seed);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], SampleRate);
        AugmentationPlan plan = new AddGaussianSnr(snrDb - 2, snrDb + 2, p: 1).Apply(batch, seed);
        float sampled = ((PlannedStep<AddGaussianSnrParameters>)plan.Steps[0]).Parameters[0].SnrDb;
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x], batch.ToArrays()), sampled - 0.05, sampled + 0.05);
    }

    [Fact]
    public void Stereo_PerExample_HitsTheSnrOverTheWholeClip_PerChannel_OnEachChannel()
    {
        float[][] x = [Speechlike(20_000, 1), [.. Speechlike(20_000, 2).Select(v => v * 0.1f)]];
        using var device = new CpuDevice(1);
        using AudioBatch together = device.Upload([x], SampleRate);
        AugmentationPlan plan = new AddGaussianSnr(10, 10, p: 1).Apply(together, seed: 5);
        float[][] y = together.ToChannelArrays()[0];
        Assert.InRange(NoiseMeasures.AchievedSnrDb(x, y), 9.95, 10.05);

        // One noise level for both channels: each gets half the noise power, (P0 + P1) / 10 / 2, so the quiet
        // channel's SNR is 10 log10(P1 / that). The split of the noise between 2 x 20000 samples varies by
        // ~1% (0.04 dB); 0.2 dB is 5 sigma.
        double p0 = x[0].Sum(v => (double)v * v), p1 = x[1].Sum(v => (double)v * v);
        double quiet = 10 * Math.Log10(p1 / ((p0 + p1) / 10 / 2));
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x[1]], [y[1]]), quiet - 0.2, quiet + 0.2);

        using AudioBatch apart = device.Upload([x], SampleRate);
        new AddGaussianSnr(10, 10, p: 1, mode: TransformMode.PerChannel).Apply(apart, seed: 5);
        float[][] z = apart.ToChannelArrays()[0];
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x[0]], [z[0]]), 9.95, 10.05);
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x[1]], [z[1]]), 9.95, 10.05);
    }

    [Fact]
    public void SilentClip_StaysSilent()
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new float[1000]], SampleRate);
        new AddGaussianSnr(p: 1).Apply(batch, seed: 1);
        Assert.All(batch.ToArrays()[0], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Noise_DiffersBetweenChannels()
    {
        float[] x = Speechlike(8000, 3);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([[x, x]], SampleRate);
        new AddGaussianSnr(0, 0, p: 1).Apply(batch, seed: 2);
        float[][] y = batch.ToChannelArrays()[0];

        // Independent noise: correlation of 8000 pairs has sd 0.011; 0.06 is over 5 sigma.
        Assert.InRange(NoiseMeasures.Correlation(NoiseMeasures.Added(x, y[0]), NoiseMeasures.Added(x, y[1])), -0.06, 0.06);
    }

    [Fact]
    public void NameAndDefaults_MatchAudiomentations()
    {
        var transform = new AddGaussianSnr();
        Assert.Equal(("AddGaussianSNR", 5.0, 40.0, 0.5), (transform.Name, transform.MinSnrDb, transform.MaxSnrDb, transform.P));
        Assert.True(TransformCatalog.TryFind("AddGaussianSNR", out _));
    }

    [Theory]
    [InlineData(30.0, 20.0, "minSnrDb")]
    [InlineData(double.NegativeInfinity, 20.0, "minSnrDb")]
    [InlineData(5.0, double.NaN, "maxSnrDb")]
    public void InvalidRange_ThrowsNamingParameter(double min, double max, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new AddGaussianSnr(min, max));
        Assert.Equal(parameter, error.ParamName);
    }

    /// <summary>A sine with a slow amplitude envelope and a little noise: a non-stationary test signal.</summary>
    internal static float[] Speechlike(int length, int seed)
    {
        float[] noise = Signals.Noise(length, seed, 0.05);
        var x = new float[length];
        for (int t = 0; t < length; t++)
        {
            double envelope = 0.5 + (0.4 * Math.Sin(2 * Math.PI * 3 * t / SampleRate));
            x[t] = (float)((envelope * 0.5 * Math.Sin(2 * Math.PI * 220 * t / SampleRate)) + noise[t]);
        }

        return x;
    }
}
