using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Dsp;

/// <summary>The resampler's length rule, passband, stopband and image rejection, measured on sines.</summary>
public class ResamplerTests
{
    /// <summary>Rate pairs: common down and up conversions, a near-unity pair, and pairs needing the interpolated table.</summary>
    public static TheoryData<int, int> RatePairs => new()
    {
        { 44_100, 16_000 },
        { 16_000, 44_100 },
        { 48_000, 44_100 },
        { 44_100, 48_000 },
        { 22_050, 16_000 },
        { 8_000, 11_025 },
        { 96_000, 8_000 },
        { 44_100, 44_056 },   // L = 11,014 phases: interpolated table
        { 16_001, 16_000 },   // coprime, downsampling with the interpolated table
        { 7_919, 44_100 },    // coprime, L = 44,100: interpolated upsampling
    };

    [Theory]
    [InlineData(0, 44_100, 16_000, 0)]
    [InlineData(1, 44_100, 16_000, 0)]
    [InlineData(2, 44_100, 16_000, 1)]
    [InlineData(441, 44_100, 16_000, 160)]
    [InlineData(252_046, 44_100, 16_000, 91_445)]
    [InlineData(3, 2, 1, 2)]         // 1.5 rounds up
    [InlineData(1, 4, 2, 1)]         // 0.5 rounds up
    [InlineData(10, 16_000, 44_100, 28)]
    [InlineData(1_000_000_000, 192_000, 44_100, 229_687_500)]
    public void OutputLength_IsRoundedRatio(long n, int from, int to, long expected)
    {
        Assert.Equal(expected, Resampler.OutputLength(n, from, to));
        Assert.Equal((long)Math.Floor((n * (double)to / from) + 0.5), expected);
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Process_ProducesTheRoundedLength(int from, int to)
    {
        var resampler = new Resampler(from, to);
        foreach (int n in new[] { 0, 1, 2, 7, 1000, 4321 })
        {
            Assert.Equal(Resampler.OutputLength(n, from, to), resampler.Process(Signals.Noise(n, n)).Length);
        }
    }

    [Fact]
    public void EqualRates_CopyExactly()
    {
        float[] x = Signals.Noise(999, 5);
        Assert.Equal(x, Resampler.Resample(x, 22_050, 22_050));
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void PassbandSine_KeepsItsAmplitude_AndGainsNothingElse(int from, int to)
    {
        // A sine at 0.4 x the lower Nyquist frequency: amplitude within 0.1 dB (the design's ripple is ~1e-4 dB),
        // and what is left after removing the fitted sine (aliases, images, errors) below -60 dB.
        double f = 0.4 * Math.Min(from, to) / 2;
        float[] y = Resampler.Resample(Signals.Sine(from / 2, f, from, amplitude: 0.5, phase: 0.3), from, to);
        (double amplitude, double residual) = FitSine(y, f, to);
        Assert.InRange(20 * Math.Log10(amplitude / 0.5), -0.1, 0.1);
        Assert.True(20 * Math.Log10(residual / 0.5) < -60, $"residual {20 * Math.Log10(residual / 0.5):F1} dB");
    }

    [Theory]
    [InlineData(44_100, 16_000, 1.02)]
    [InlineData(44_100, 16_000, 1.3)]
    [InlineData(44_100, 16_000, 2.7)]
    [InlineData(48_000, 44_100, 1.05)]
    [InlineData(96_000, 8_000, 1.01)]
    [InlineData(96_000, 8_000, 9.0)]
    [InlineData(16_001, 16_000, 1.00005)]
    public void SineAboveOutputNyquist_IsAttenuatedBy60Db(int from, int to, double timesNyquist)
    {
        double f = timesNyquist * to / 2;
        Assert.True(f < from / 2.0, "test frequency must exist at the input rate");
        float[] y = Resampler.Resample(Signals.Sine(from / 2, f, from, amplitude: 0.5), from, to);
        double rms = Signals.Rms(y.AsSpan(y.Length / 4, y.Length / 2));
        double attenuationDb = 20 * Math.Log10(rms / (0.5 / Math.Sqrt(2)));
        Assert.True(attenuationDb <= -60, $"{f:F0} Hz: {attenuationDb:F1} dB");
    }

    [Theory]
    [InlineData(16_000, 44_100)]
    [InlineData(8_000, 48_000)]
    [InlineData(7_919, 44_100)]
    public void Upsampling_RejectsImages(int from, int to)
    {
        // A tone near the top of the passband; its first image sits at from - f, above the input's Nyquist.
        double f = 0.85 * from / 2;
        float[] y = Resampler.Resample(Signals.Sine(from / 2, f, from, amplitude: 0.5), from, to);
        (double amplitude, _) = FitSine(y, from - f, to);
        Assert.True(20 * Math.Log10(amplitude / 0.5) < -60, $"image {20 * Math.Log10(amplitude / 0.5):F1} dB");
    }

    [Theory]
    [MemberData(nameof(RatePairs))]
    public void Constant_StaysConstantAwayFromTheEdges(int from, int to)
    {
        // Each phase's taps sum to one, so DC passes exactly (up to float rounding of the dot product).
        float[] x = [.. Enumerable.Repeat(0.75f, from / 10)];
        var resampler = new Resampler(from, to);
        float[] y = resampler.Process(x);
        int margin = (resampler.TapsPerPhase * to / from) + 2;
        for (int k = margin; k < y.Length - margin; k++)
        {
            Assert.Equal(0.75f, y[k], 1e-5f);
        }
    }

    [Fact]
    public void ImpulseResponse_IsSymmetric_SoTheFilterHasZeroPhase()
    {
        // An impulse at input sample 2000 of a 2:1 downsampler lands on output 1000 with mirror-image tails.
        var x = new float[4001];
        x[2000] = 1;
        float[] y = Resampler.Resample(x, 32_000, 16_000);
        for (int d = 1; d < 60; d++)
        {
            Assert.Equal(y[1000 - d], y[1000 + d], 1e-7f);
        }

        Assert.Equal(y.Max(), y[1000]);
    }

    [Fact]
    public void InvalidArguments_Throw()
    {
        Assert.Equal("inputRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(0, 16_000)).ParamName);
        Assert.Equal("outputRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Resampler(16_000, -1)).ParamName);
        var resampler = new Resampler(2, 1);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => resampler.Process(new float[10], new float[4])).ParamName);
        Assert.Equal("audio", Assert.Throws<ArgumentException>(() => resampler.Process(new AudioData([[1f]], 3))).ParamName);
    }

    [Fact]
    public void AudioData_IsResampledPerChannel()
    {
        var audio = new AudioData([Signals.Noise(500, 1), Signals.Noise(500, 2)], 22_050);
        var resampler = new Resampler(22_050, 16_000);
        AudioData y = resampler.Process(audio);
        Assert.Equal(16_000, y.SampleRate);
        Assert.Equal(resampler.Process(audio.Channels[1]), y.Channels[1]);
    }

    /// <summary>Least-squares fit of a sine of known frequency over the middle half; returns its amplitude and the residual's RMS.</summary>
    private static (double Amplitude, double Residual) FitSine(float[] y, double frequencyHz, int sampleRate)
    {
        int start = y.Length / 4;
        int end = start + (y.Length / 2);
        double cc = 0, ss = 0, cs = 0, yc = 0, ys = 0;
        for (int t = start; t < end; t++)
        {
            double w = 2 * Math.PI * frequencyHz * t / sampleRate;
            double c = Math.Cos(w), s = Math.Sin(w);
            cc += c * c;
            ss += s * s;
            cs += c * s;
            yc += y[t] * c;
            ys += y[t] * s;
        }

        double det = (cc * ss) - (cs * cs);
        double a = ((yc * ss) - (ys * cs)) / det;
        double b = ((ys * cc) - (yc * cs)) / det;
        double residual = 0;
        for (int t = start; t < end; t++)
        {
            double w = 2 * Math.PI * frequencyHz * t / sampleRate;
            double e = y[t] - ((a * Math.Cos(w)) + (b * Math.Sin(w)));
            residual += e * e;
        }

        return (Math.Sqrt((a * a) + (b * b)), Math.Sqrt(residual / (end - start)));
    }
}
