using FastAudiomentations.Random;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Noise;

public class AddGaussianNoiseTests
{
    [Fact]
    public void AddedNoise_HasTheSampledStd_AndZeroMean()
    {
        const int Length = 100_000;
        const double Amplitude = 0.01;
        float[] x = Signals.Sine(Length, 440, 16_000, amplitude: 0.5);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], 16_000);
        new AddGaussianNoise(Amplitude, Amplitude, p: 1).Apply(batch, seed: 11);
        double[] added = NoiseMeasures.Added(x, batch.ToArrays()[0]);
        double mean = added.Average();
        double std = Math.Sqrt(added.Average(v => (v - mean) * (v - mean)));

        // n = 1e5 standard normals: the sample sd has relative sd 1/sqrt(2n) = 0.22%, so 1% is ~4.5 sigma; the
        // mean has sd 0.0032 sigma, so 0.016 sigma is ~5 sigma. Rounding of x + a n adds < 3e-8 per sample.
        Assert.InRange(std, Amplitude * 0.99, Amplitude * 1.01);
        Assert.InRange(mean, -0.016 * Amplitude, 0.016 * Amplitude);
    }

    [Fact]
    public void AddedNoise_IsTheDocumentedStream()
    {
        // y = x + a * GaussianNoise.Sample(key(seed, call), node 0, example id, channel, t), to the vector
        // path's tolerance (1e-5 relative to the noise) plus one rounding of the sum.
        float[][][] clips = [[Signals.Noise(777, 1), Signals.Noise(777, 2)]];
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload(clips, 16_000, exampleIds: [5u]);
        AugmentationPlan plan = new AddGaussianNoise(p: 1).Apply(batch, seed: 3, call: 2);
        float amplitude = ((PlannedStep<AddGaussianNoiseParameters>)plan.Steps[0]).Parameters[0].Amplitude;
        float[][] y = batch.ToChannelArrays()[0];
        for (int c = 0; c < 2; c++)
        {
            for (int t = 0; t < 777; t++)
            {
                float n = GaussianNoise.Sample(RandomKey.From(3, 2), 0, 5, (uint)c, t);
                double expected = clips[0][c][t] + (amplitude * (double)n);
                Assert.True(Math.Abs(y[c][t] - expected) <= (1e-5 * amplitude * Math.Max(1, Math.Abs(n))) + 6e-8, $"c {c} t {t}");
            }
        }
    }

    [Fact]
    public void SampledAmplitudes_AreUniformInRange()
    {
        float[][] clips = [.. Enumerable.Range(0, 2000).Select(_ => new float[1])];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, 16_000);
        AugmentationPlan plan = new AddGaussianNoise(0.001, 0.015, p: 1).Apply(batch, seed: 4);
        double[] a = [.. ((PlannedStep<AddGaussianNoiseParameters>)plan.Steps[0]).Parameters.Select(p => (double)p.Amplitude)];
        Assert.All(a, v => Assert.InRange(v, 0.001, 0.015));

        // U[0.001, 0.015]: mean 0.008, sd 0.00404; the mean of 2000 has sd 9e-5, +-4.5e-4 is 5 sigma.
        Assert.InRange(a.Average(), 0.008 - 4.5e-4, 0.008 + 4.5e-4);
    }

    [Fact]
    public void Noise_DiffersBetweenChannelsAndExamples_AndRepeatsForTheSameExampleId()
    {
        float[][][] silent = [[new float[4000], new float[4000]], [new float[4000], new float[4000]]];
        var transform = new AddGaussianNoise(0.01, 0.01, p: 1);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(silent, 16_000, exampleIds: [10u, 11u]);
        transform.Apply(batch, seed: 8);
        float[][][] y = batch.ToChannelArrays();

        // Independent streams: correlation of 4000 pairs has sd 1/sqrt(4000) = 0.016; 0.08 is 5 sigma.
        Assert.InRange(NoiseMeasures.Correlation([.. y[0][0].Select(v => (double)v)], [.. y[0][1].Select(v => (double)v)]), -0.08, 0.08);
        Assert.InRange(NoiseMeasures.Correlation([.. y[0][0].Select(v => (double)v)], [.. y[1][0].Select(v => (double)v)]), -0.08, 0.08);

        using AudioBatch again = device.Upload([silent[1]], 16_000, exampleIds: [11u]);
        transform.Apply(again, seed: 8);
        Assert.Equal(y[1][1], again.ToChannelArrays()[0][1]);
    }

    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        var transform = new AddGaussianNoise();
        Assert.Equal((0.001, 0.015, 0.5), (transform.MinAmplitude, transform.MaxAmplitude, transform.P));
    }

    [Theory]
    [InlineData(0.0, 0.01, "minAmplitude")]
    [InlineData(-0.1, 0.01, "minAmplitude")]
    [InlineData(0.02, 0.01, "minAmplitude")]
    [InlineData(0.01, double.NaN, "maxAmplitude")]
    public void InvalidAmplitudes_ThrowNamingParameter(double min, double max, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new AddGaussianNoise(min, max));
        Assert.Equal(parameter, error.ParamName);
    }
}
