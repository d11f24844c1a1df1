using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Noise;

/// <summary>AddBackgroundNoise: achieved SNR and RMS, looping, cropping, valid lengths, channels, validation.</summary>
public sealed class AddBackgroundNoiseTests : IDisposable
{
    private const int Rate = 16_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RelativeMode_AchievesTheSampledSnr_OverValidSamples()
    {
        // The shared folder mixes short (looped), long (cropped), stereo, resampled and 3-channel files.
        var transform = new AddBackgroundNoise(NoiseFiles.Corpus, minSnrDb: -5, maxSnrDb: 40, p: 1);
        int[] lengths = [3000, 500, 12_000, 1, 7777, 0, 1600];
        float[][] clips = [.. lengths.Select((n, i) => Signals.Sine(n, 300 + (50 * i), Rate, amplitude: 0.05 * (i + 1), phase: 0.5))];
        using var device = new CpuDevice(2);
        for (int call = 0; call < 8; call++)
        {
            using AudioBatch batch = device.Upload(clips, Rate);
            var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 3, call).Steps[0];
            float[][] y = batch.ToArrays();
            for (int b = 0; b < clips.Length; b++)
            {
                Assert.Equal(lengths[b], y[b].Length);
                if (lengths[b] == 0)
                {
                    continue;
                }

                double clean = Energy(clips[b]);
                double noise = Energy(Difference(y[b], clips[b]));
                // Float rounding of y = x + g z moves the noise energy by ~1e-6 relative: far below 0.05 dB.
                Assert.Equal(step.Parameters[b].SnrDb, 10 * Math.Log10(clean / noise), 0.05);
            }
        }
    }

    [Fact]
    public void AbsoluteMode_AchievesTheSampledRms_EvenOnSilence()
    {
        var transform = new AddBackgroundNoise(NoiseFiles.Corpus, noiseRms: NoiseRmsMode.Absolute, p: 1);
        float[][] clips = [new float[3000], Signals.Noise(5000, 2), new float[100]];
        using var device = new CpuDevice(1);
        for (int call = 0; call < 6; call++)
        {
            using AudioBatch batch = device.Upload(clips, Rate);
            var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 8, call).Steps[0];
            float[][] y = batch.ToArrays();
            for (int b = 0; b < clips.Length; b++)
            {
                double rmsDb = 20 * Math.Log10(Signals.Rms(Difference(y[b], clips[b])));
                Assert.InRange(step.Parameters[b].AbsoluteRmsDb, -45, -15);
                Assert.Equal(step.Parameters[b].AbsoluteRmsDb, rmsDb, 0.05);
            }
        }
    }

    [Fact]
    public void ShortNoise_IsLooped_FromARandomStart()
    {
        float[] z = Signals.Noise(1000, 11);
        _folder.WriteWav("short.wav", Rate, z);
        var transform = new AddBackgroundNoise(_folder.Path, noiseRms: NoiseRmsMode.Absolute, p: 1);
        const int n = 5500;
        float[][] clips = [.. Enumerable.Range(0, 40).Select(_ => new float[n])];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, Rate);
        var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 1).Steps[0];
        float[][] y = batch.ToArrays();
        var starts = new HashSet<int>();
        for (int b = 0; b < clips.Length; b++)
        {
            // Silence plus noise is the scaled noise itself: periodic with the noise's period...
            for (int t = 0; t + 1000 < n; t++)
            {
                Assert.Equal(y[b][t], y[b][t + 1000]);
            }

            // ...and the noise read from the drawn start, wrapping around.
            int start = BackgroundNoiseMath.StartSample(step.Parameters[b].OffsetFraction, 1000, n);
            Assert.InRange(start, 0, 999);
            float gain = y[b][0] / z[start];
            for (int t = 0; t < n; t++)
            {
                Assert.Equal(gain * z[(start + t) % 1000], y[b][t], Math.Abs(y[b][t] * 1e-6f) + 1e-9f);
            }

            starts.Add(start);
        }

        Assert.True(starts.Count > 30, "looped noise should start at random samples");
    }

    [Fact]
    public void LongNoise_IsCropped_AtAnOffsetInsideTheNoise()
    {
        const int noiseLength = 20_000;
        const int n = 3000;
        float[] z = Signals.Noise(noiseLength, 12);
        _folder.WriteWav("long.wav", Rate, z);
        var transform = new AddBackgroundNoise(_folder.Path, noiseRms: NoiseRmsMode.Absolute, p: 1);
        float[][] clips = [.. Enumerable.Range(0, 300).Select(_ => new float[n])];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, Rate);
        var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 2).Steps[0];
        float[][] y = batch.ToArrays();
        var starts = new List<int>();
        for (int b = 0; b < clips.Length; b++)
        {
            int start = BackgroundNoiseMath.StartSample(step.Parameters[b].OffsetFraction, noiseLength, n);
            Assert.InRange(start, 0, noiseLength - n);
            starts.Add(start);
            if (b < 5)
            {
                // Find the offset independently: the one position where y is proportional to the noise.
                Assert.Equal(start, FindOffset(y[b], z));
            }
        }

        // 300 uniform starts over 17,001 positions: the extremes lie within 10% of the ends
        // (each misses with probability 0.9^300 ~ 2e-14).
        Assert.True(starts.Min() < 1700 && starts.Max() > 15_300, $"starts span {starts.Min()}..{starts.Max()}");
    }

    [Fact]
    public void NoiseExactlyAsLongAsTheClip_IsUsedWhole()
    {
        float[] z = Signals.Noise(2000, 13);
        _folder.WriteWav("exact.wav", Rate, z);
        var transform = new AddBackgroundNoise(_folder.Path, noiseRms: NoiseRmsMode.Absolute, p: 1);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new float[2000]], Rate);
        transform.Apply(batch, seed: 4);
        float[] y = batch.ToArrays()[0];
        float gain = y[0] / z[0];
        Assert.All(Enumerable.Range(0, 2000), t => Assert.Equal(gain * z[t], y[t], Math.Abs(y[t] * 1e-6f)));
    }

    [Fact]
    public void MonoNoise_GoesToEveryChannel_WithOneGain()
    {
        _folder.WriteWav("mono.wav", Rate, Signals.Noise(3000, 14));
        var transform = new AddBackgroundNoise(_folder.Path, minSnrDb: 10, maxSnrDb: 10, p: 1);
        float[][] x = [Signals.Sine(4000, 440, Rate, 0.5), Signals.Sine(4000, 660, Rate, 0.1)];
        float[][] y = ApplyOne(transform, x);
        float[] d0 = Difference(y[0], x[0]);
        float[] d1 = Difference(y[1], x[1]);
        Assert.All(Enumerable.Range(0, 4000), t => Assert.Equal(d0[t], d1[t], 1e-6f));
        // One SNR over both channels, as audiomentations computes RMS over a 2-D array.
        Assert.Equal(10, 10 * Math.Log10((Energy(x[0]) + Energy(x[1])) / (Energy(d0) + Energy(d1))), 0.05);
    }

    [Fact]
    public void NoiseWithTheClipsChannelCount_IsMixedChannelByChannel()
    {
        float[] z0 = Signals.Noise(6000, 15);
        float[] z1 = Signals.Noise(6000, 16, amplitude: 0.1);
        _folder.WriteWav("stereo.wav", Rate, z0, z1);
        var transform = new AddBackgroundNoise(_folder.Path, noiseRms: NoiseRmsMode.Absolute, p: 1);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new[] { new float[2500], new float[2500] }], Rate);
        var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 5).Steps[0];
        float[][] y = batch.ToChannelArrays()[0];
        int start = BackgroundNoiseMath.StartSample(step.Parameters[0].OffsetFraction, 6000, 2500);
        float gain = y[0][0] / z0[start];
        for (int t = 0; t < 2500; t++)
        {
            Assert.Equal(gain * z0[start + t], y[0][t], Math.Abs(y[0][t] * 1e-6f));
            Assert.Equal(gain * z1[start + t], y[1][t], Math.Abs(y[1][t] * 1e-6f));
        }

        // The RMS is over both channels together.
        Assert.Equal(step.Parameters[0].AbsoluteRmsDb, 10 * Math.Log10((Energy(y[0]) + Energy(y[1])) / 5000), 0.05);
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(2, 3)]
    [InlineData(2, 1)]
    public void OtherChannelCounts_AreMixedToMonoFirst(int noiseChannels, int clipChannels)
    {
        float[][] z = [.. Enumerable.Range(0, noiseChannels).Select(c => Signals.Noise(4000, 20 + c))];
        _folder.WriteWav("multi.wav", Rate, z);
        float[] mono = [.. Enumerable.Range(0, 4000).Select(t => z.Sum(ch => ch[t]) / noiseChannels)];
        var transform = new AddBackgroundNoise(_folder.Path, noiseRms: NoiseRmsMode.Absolute, p: 1);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([Enumerable.Range(0, clipChannels).Select(_ => new float[1000]).ToArray()], Rate);
        var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 6).Steps[0];
        float[][] y = batch.ToChannelArrays()[0];
        int start = BackgroundNoiseMath.StartSample(step.Parameters[0].OffsetFraction, 4000, 1000);
        float gain = y[0][0] / mono[start];
        for (int c = 0; c < clipChannels; c++)
        {
            Assert.Equal(y[0], y[c]);
        }

        Assert.All(Enumerable.Range(0, 1000), t => Assert.Equal(gain * mono[start + t], y[0][t], Math.Abs(y[0][t] * 1e-5f)));
    }

    [Fact]
    public void PerChannelMode_DrawsAndMixesEachChannelOnItsOwn()
    {
        var transform = new AddBackgroundNoise(NoiseFiles.Corpus, minSnrDb: 0, maxSnrDb: 30, p: 1, mode: TransformMode.PerChannel);
        float[][] x = [Signals.Sine(3000, 440, Rate, 0.5), Signals.Sine(3000, 660, Rate, 0.05)];
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], Rate);
        var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Apply(batch, seed: 7).Steps[0];
        float[][] y = batch.ToChannelArrays()[0];
        Assert.NotEqual(step.Parameters[0].SnrDb, step.Parameters[1].SnrDb);
        for (int c = 0; c < 2; c++)
        {
            Assert.Equal(step.Parameters[c].SnrDb, 10 * Math.Log10(Energy(x[c]) / Energy(Difference(y[c], x[c]))), 0.05);
        }
    }

    [Fact]
    public void SilentClip_InRelativeMode_AndSilentOrEmptyNoise_LeaveTheClipUnchanged()
    {
        string silence = _folder.WriteWav("silence.wav", Rate, new float[500]);
        string empty = _folder.WriteWav("empty.wav", Rate, Array.Empty<float>());
        float[] x = Signals.Noise(800, 3);
        foreach (string file in new[] { silence, empty })
        {
            Assert.Equal(x, ApplyOne(new AddBackgroundNoise(file, p: 1), [x])[0]);
            Assert.Equal(x, ApplyOne(new AddBackgroundNoise(file, noiseRms: NoiseRmsMode.Absolute, p: 1), [x])[0]);
        }

        Assert.Equal(new float[300], ApplyOne(new AddBackgroundNoise(NoiseFiles.Corpus, p: 1), [new float[300]])[0]);
    }

    [Fact]
    public void SampledValues_AreUniform()
    {
        var transform = new AddBackgroundNoise(NoiseFiles.Corpus, minSnrDb: 3, maxSnrDb: 30, p: 1);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([.. Enumerable.Range(0, 4000).Select(_ => new[] { 1f })], Rate);
        var step = (PlannedStep<AddBackgroundNoiseParameters>)transform.Sample(batch, seed: 10).Steps[0];
        AddBackgroundNoiseParameters[] values = step.Parameters;
        // File: 4 files, Binomial(4000, 1/4) counts, sd 27: +-120 is 4.4 sigma.
        int[] counts = new int[4];
        foreach (AddBackgroundNoiseParameters v in values)
        {
            Assert.Equal(MathF.Floor(v.FileIndex), v.FileIndex);
            counts[(int)v.FileIndex]++;
            Assert.InRange(v.OffsetFraction, 0f, BackgroundNoiseMath.MaxFraction);
            Assert.InRange(v.SnrDb, 3f, 30f);
            Assert.InRange(v.AbsoluteRmsDb, -45f, -15f);
        }

        Assert.All(counts, count => Assert.InRange(count, 880, 1120));
        // U[3, 30]: sd 7.79, the mean of 4000 has sd 0.123, so +-0.5 is ~4 sigma. U[0, 1): sd of mean 0.0046.
        Assert.InRange(values.Average(v => v.SnrDb), 16.0, 17.0);
        Assert.InRange(values.Average(v => v.OffsetFraction), 0.48, 0.52);
    }

    [Fact]
    public void UnreadableNoiseFile_GivesAudioFileException_NamingIt()
    {
        string bad = _folder.Write("broken.wav", [.. "RIFF"u8, 1, 2, 3]);
        var transform = new AddBackgroundNoise(_folder.Path, p: 1);
        AudioFileException error = Assert.Throws<AudioFileException>(() => ApplyOne(transform, [Signals.Noise(100, 1)]));
        Assert.Equal(bad, error.FilePath);
    }

    [Theory]
    [InlineData(31.0, 30.0, -45.0, -15.0, "minSnrDb")]
    [InlineData(3.0, double.NaN, -45.0, -15.0, "maxSnrDb")]
    [InlineData(3.0, 30.0, -10.0, -15.0, "minAbsoluteRmsDb")]
    [InlineData(3.0, 30.0, -45.0, 1.0, "maxAbsoluteRmsDb")]
    public void InvalidRanges_ThrowNamingTheParameter(double minSnr, double maxSnr, double minRms, double maxRms, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new AddBackgroundNoise(NoiseFiles.Corpus, minSnr, maxSnr, NoiseRmsMode.Relative, minRms, maxRms));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void MissingOrEmptySoundsPath_ThrowsNamingSoundsPath()
    {
        string missing = Path.Combine(_folder.Path, "nothing-here");
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new AddBackgroundNoise(missing));
        Assert.Equal("soundsPath", error.ParamName);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Equal("soundsPath", Assert.ThrowsAny<ArgumentException>(() => new AddBackgroundNoise(_folder.Path)).ParamName);
        Assert.Equal("sounds", Assert.ThrowsAny<ArgumentException>(() => new AddBackgroundNoise((AudioCorpus)null!)).ParamName);
        var noPath = new TransformArguments(new Dictionary<string, object?>());
        Assert.Equal("soundsPath", Assert.ThrowsAny<ArgumentException>(() => AddBackgroundNoise.Descriptor.Create(noPath)).ParamName);
    }

    [Fact]
    public void Descriptor_RoundTripsTheParameters()
    {
        var original = new AddBackgroundNoise(NoiseFiles.Folder, 1, 20, NoiseRmsMode.Absolute, -40, -20, p: 0.3, mode: TransformMode.PerChannel);
        var arguments = new TransformArguments(original.GetParameterValues().ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        Assert.True(TransformCatalog.TryFind("addbackgroundnoise", out TransformDescriptor descriptor));
        var copy = (AddBackgroundNoise)descriptor.Create(arguments);
        Assert.Empty(arguments.Unread);
        Assert.Equal(original.GetParameterValues(), copy.GetParameterValues());
        Assert.Equal(NoiseFiles.Corpus.Files, copy.Sounds.Files);
        Assert.Equal(descriptor.Parameters.Select(p => p.Name), original.GetParameterValues().Select(kv => kv.Key));
    }

    private static float[][] ApplyOne(Transform transform, float[][] channels)
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([channels], Rate);
        transform.Apply(batch, seed: 1);
        return batch.ToChannelArrays()[0];
    }

    private static float[] Difference(float[] y, float[] x) => [.. y.Zip(x, (a, b) => a - b)];

    private static double Energy(float[] x) => x.Sum(v => (double)v * v);

    /// <summary>The offset s at which y = g z[s..] for one g, by brute force.</summary>
    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(5, 3, 7)]
    [InlineData(88_199, 252_045, 88_200)]
    [InlineData(int.MaxValue - 1, int.MaxValue, int.MaxValue)]
    [InlineData(1_000_000, int.MaxValue, 1_000_001)]
    public void NoiseIndex_IsStartPlusTModuloN_WithoutOverflow(int start, int t, int noiseLength) =>
        Assert.Equal((int)(((long)start + t) % noiseLength), BackgroundNoiseMath.NoiseIndex(start, t, noiseLength));

    private static int FindOffset(float[] y, float[] z)
    {
        for (int s = 0; s + y.Length <= z.Length; s++)
        {
            float gain = y[0] / z[s];
            bool match = true;
            for (int t = 1; t < y.Length && match; t++)
            {
                match = Math.Abs(y[t] - (gain * z[s + t])) <= (Math.Abs(y[t]) * 1e-5f) + 1e-9f;
            }

            if (match)
            {
                return s;
            }
        }

        return -1;
    }
}
