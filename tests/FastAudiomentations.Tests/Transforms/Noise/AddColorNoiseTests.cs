using NWaves.Operations;
using NWaves.Signals;
using NWaves.Windows;

namespace FastAudiomentations.Tests.Transforms.Noise;

public class AddColorNoiseTests
{
    private const int SampleRate = 44_100;
    private const int FiveSeconds = 5 * SampleRate;

    [Theory]
    [InlineData(1, 5.0, -6.0)]
    [InlineData(2, 5.0, 6.0)]
    [InlineData(3, 20.0, -3.01)]
    [InlineData(4, 20.0, 0.0)]
    [InlineData(5, 40.0, 3.01)]
    [InlineData(6, 0.0, -6.02)]
    public void AchievedSnr_IsTheSampledOne_OnAFiveSecondClip(long seed, double snrDb, double decay)
    {
        float[] x = AddGaussianSnrTests.Speechlike(FiveSeconds, (int)seed);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], SampleRate);
        AugmentationPlan plan = new AddColorNoise(snrDb - 2, snrDb + 2, decay, decay, p: 1).Apply(batch, seed);
        float sampled = ((PlannedStep<AddColorNoiseParameters>)plan.Steps[0]).Parameters[0].SnrDb;
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x], batch.ToArrays()), sampled - 0.05, sampled + 0.05);
    }

    [Theory]
    [InlineData(-6.02)]
    [InlineData(-3.01)]
    [InlineData(0.0)]
    [InlineData(3.01)]
    [InlineData(6.02)]
    [InlineData(-4.5)]
    public void SpectralSlope_IsTheRequestedDecay(double decay)
    {
        double[] added = AddedNoise(new AddColorNoise(10, 10, decay, decay, p: 1), seed: 7);
        float[] psd = Welch(added);

        // Least-squares slope of 10 log10(PSD) against log2(f), each bin weighted equally, over
        // fs/32 .. fs/4 (1.4 to 11 kHz, 3 octaves) where n_fft = 128 resolves the envelope (design error
        // < 0.15 dB/oct, ColorNoiseShaping's remarks). Welch over 5 s averages ~430 segments: each bin's
        // level has sd ~0.2 dB, so the fitted slope over ~225 bins has sd ~0.03 dB/oct.
        double slope = FitSlope(psd, SampleRate / 32.0, SampleRate / 4.0);
        Assert.InRange(slope, decay - 1, decay + 1);
        Assert.InRange(slope, decay - 0.3, decay + 0.3);
    }

    [Fact]
    public void LargerNFft_ExtendsTheSlopeToLowerFrequencies()
    {
        // n_fft = 1024 resolves 43 Hz bins: the pink slope holds from ~170 Hz (4 bins) upwards.
        double[] added = AddedNoise(new AddColorNoise(10, 10, -3.01, -3.01, p: 1, nFft: 1024), seed: 2);
        double slope = FitSlope(Welch(added, 4096), 170, 1400);
        Assert.InRange(slope, -4.01, -2.01);
    }

    [Fact]
    public void AWeighting_ShapesTheSpectrumLikeTheCurve()
    {
        // White (decay 0) and always A-weighted, n_fft = 2048 (21.5 Hz bins): band levels relative to 1 kHz
        // follow the A curve within 1 dB (each band averages ~430 segments x ~20 bins: sd < 0.05 dB).
        double[] added = AddedNoise(new AddColorNoise(10, 10, 0, 0, pApplyAWeighting: 1, p: 1, nFft: 2048), seed: 3);
        float[] psd = Welch(added, 2048);
        double reference = BandLevelDb(psd, 2048, 1000);
        foreach (double f in new[] { 250.0, 500, 2000, 4000, 8000 })
        {
            double expected = 20 * Math.Log10(AWeighting.Gain(f));
            Assert.InRange(BandLevelDb(psd, 2048, f) - reference, expected - 1, expected + 1);
        }
    }

    [Fact]
    public void Noise_DiffersBetweenChannels_AndSnrHoldsOverTheClip()
    {
        float[] x = AddGaussianSnrTests.Speechlike(20_000, 4);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([[x, x]], SampleRate);
        new AddColorNoise(6, 6, -3, -3, p: 1).Apply(batch, seed: 9);
        float[][] y = batch.ToChannelArrays()[0];
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x, x], y), 5.95, 6.05);

        // Independent streams through the same filter: pink noise of 20000 samples has fewer effective
        // degrees of freedom than white, but a correlation above 0.1 would mean shared noise.
        Assert.InRange(NoiseMeasures.Correlation(NoiseMeasures.Added(x, y[0]), NoiseMeasures.Added(x, y[1])), -0.1, 0.1);
    }

    [Fact]
    public void PerChannelMode_HitsEachChannelsSnr()
    {
        float[][] x = [AddGaussianSnrTests.Speechlike(20_000, 1), [.. AddGaussianSnrTests.Speechlike(20_000, 2).Select(v => v * 0.1f)]];
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], SampleRate);
        new AddColorNoise(12, 12, p: 1, mode: TransformMode.PerChannel).Apply(batch, seed: 1);
        float[][] y = batch.ToChannelArrays()[0];
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x[0]], [y[0]]), 11.95, 12.05);
        Assert.InRange(NoiseMeasures.AchievedSnrDb([x[1]], [y[1]]), 11.95, 12.05);
    }

    [Fact]
    public void SilentClip_StaysSilent()
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new float[1000]], SampleRate);
        new AddColorNoise(p: 1).Apply(batch, seed: 1);
        Assert.All(batch.ToArrays()[0], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        var t = new AddColorNoise();
        Assert.Equal((5.0, 40.0, -6.0, 6.0, 0.0, 0.5, 128), (t.MinSnrDb, t.MaxSnrDb, t.MinFDecayDbPerOctave, t.MaxFDecayDbPerOctave, t.PApplyAWeighting, t.P, t.NFft));
    }

    [Fact]
    public void SampledParameters_AreInRange_AndAWeightingFollowsItsProbability()
    {
        float[][] clips = [.. Enumerable.Range(0, 2000).Select(_ => new float[1])];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, SampleRate);
        AugmentationPlan plan = new AddColorNoise(pApplyAWeighting: 0.25, p: 1).Apply(batch, seed: 4);
        AddColorNoiseParameters[] drawn = ((PlannedStep<AddColorNoiseParameters>)plan.Steps[0]).Parameters;
        Assert.All(drawn, d => Assert.InRange(d.SnrDb, 5f, 40f));
        Assert.All(drawn, d => Assert.InRange(d.DecayDbPerOctave, -6f, 6f));

        // Binomial(2000, 0.25): mean 500, sd 19.4; +-100 is over 5 sigma.
        Assert.InRange(drawn.Count(d => d.AWeighting == 1f), 400, 600);
    }

    [Theory]
    [InlineData(30.0, 20.0, -6.0, 6.0, 0.0, 128, "minSnrDb")]
    [InlineData(5.0, double.NaN, -6.0, 6.0, 0.0, 128, "maxSnrDb")]
    [InlineData(5.0, 40.0, 7.0, 6.0, 0.0, 128, "minFDecayDbPerOctave")]
    [InlineData(5.0, 40.0, -6.0, double.PositiveInfinity, 0.0, 128, "maxFDecayDbPerOctave")]
    [InlineData(5.0, 40.0, -6.0, 6.0, 1.5, 128, "pApplyAWeighting")]
    [InlineData(5.0, 40.0, -6.0, 6.0, double.NaN, 128, "pApplyAWeighting")]
    [InlineData(5.0, 40.0, -6.0, 6.0, 0.0, 127, "nFft")]
    [InlineData(5.0, 40.0, -6.0, 6.0, 0.0, 0, "nFft")]
    [InlineData(5.0, 40.0, -6.0, 6.0, 0.0, 8192, "nFft")]
    public void InvalidParameters_ThrowNamingParameter(double minSnr, double maxSnr, double minDecay, double maxDecay, double pWeighting, int nFft, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new AddColorNoise(minSnr, maxSnr, minDecay, maxDecay, pWeighting, 0.5, nFft));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void PipelineNames_AreSnakeCaseOfTheParameters()
    {
        TransformCatalog.TryFind("AddColorNoise", out TransformDescriptor descriptor);
        var values = new Dictionary<string, object?>
        {
            ["min_snr_db"] = 1.0, ["max_snr_db"] = 2.0, ["min_f_decay_db_per_octave"] = -1.0, ["max_f_decay_db_per_octave"] = 1.0,
            ["p_apply_a_weighting"] = 0.5, ["p"] = 0.25, ["n_fft"] = 256L,
        };
        var arguments = new TransformArguments(values);
        var t = (AddColorNoise)descriptor.Create(arguments);
        Assert.Empty(arguments.Unread);
        Assert.Equal((1.0, 2.0, -1.0, 1.0, 0.5, 0.25, 256), (t.MinSnrDb, t.MaxSnrDb, t.MinFDecayDbPerOctave, t.MaxFDecayDbPerOctave, t.PApplyAWeighting, t.P, t.NFft));
        Assert.Equal(values.Keys.Order(), t.GetParameterValues().Select(v => v.Key).Where(k => k != "mode").Order());
    }

    /// <summary>The noise the transform adds to a 5 s, 44.1 kHz test signal.</summary>
    private static double[] AddedNoise(AddColorNoise transform, long seed)
    {
        float[] x = AddGaussianSnrTests.Speechlike(FiveSeconds, 1);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], SampleRate);
        transform.Apply(batch, seed);
        return NoiseMeasures.Added(x, batch.ToArrays()[0]);
    }

    /// <summary>NWaves' Welch estimate: Hann windows of <paramref name="size"/>, half overlapping.</summary>
    private static float[] Welch(double[] noise, int size = 1024) =>
        Operation.Welch(new DiscreteSignal(SampleRate, noise.Select(v => (float)v)), size, size / 2, WindowType.Hann, size, SampleRate);

    private static double FitSlope(float[] psd, double lowHz, double highHz)
    {
        int size = (psd.Length - 1) * 2;
        var x = new List<double>();
        var y = new List<double>();
        for (int k = 1; k < psd.Length; k++)
        {
            double f = (double)k * SampleRate / size;
            if (f >= lowHz && f <= highHz)
            {
                x.Add(Math.Log2(f));
                y.Add(10 * Math.Log10(psd[k]));
            }
        }

        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxy / sxx;
    }

    /// <summary>Mean power in dB over the bins within a sixth of an octave of <paramref name="centreHz"/>.</summary>
    private static double BandLevelDb(float[] psd, int size, double centreHz)
    {
        double low = centreHz / Math.Pow(2, 1 / 6.0), high = centreHz * Math.Pow(2, 1 / 6.0), sum = 0;
        int count = 0;
        for (int k = 1; k < psd.Length; k++)
        {
            double f = (double)k * SampleRate / size;
            if (f >= low && f <= high)
            {
                sum += psd[k];
                count++;
            }
        }

        return 10 * Math.Log10(sum / count);
    }
}
