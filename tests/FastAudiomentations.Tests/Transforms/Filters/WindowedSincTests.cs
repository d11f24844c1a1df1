using FastAudiomentations.Dsp;
using FastAudiomentations.Tests.Helpers;
using static FastAudiomentations.Tests.Transforms.Filters.FilterReference;

namespace FastAudiomentations.Tests.Transforms.Filters;

public class WindowedSincTests
{
    private const double Fs = 16_000;

    /// <summary>-20 log10(2): a windowed-sinc filter's gain at its cutoff (the ideal response's midpoint).</summary>
    private const double HalfAmplitudeDb = -6.0206;

    [Theory]
    [InlineData(31)]
    [InlineData(101)]
    [InlineData(255)]
    public void LowPass_HasHalfAmplitudeAtCutoff_FlatPassband_AndHammingStopband(int count)
    {
        // Hamming windowing: ripple ~0.002 in the passband, ~ -53 dB in the stopband, transition about
        // 3.3 fs / N wide centred on the cutoff; so |H| is 0.5 +- 0.003 at the cutoff (+-0.05 dB), and 2 fs / N
        // away from it the passband is within 0.05 dB (the lobe beside the transition of a 31-tap kernel
        // reaches 0.03 dB) and the stopband below -50 dB.
        const double Cutoff = 2000;
        var taps = new float[count];
        WindowedSincDesign.LowPass(Cutoff, Fs, taps);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, Cutoff, Fs).Magnitude), HalfAmplitudeDb - 0.05, HalfAmplitudeDb + 0.05);
        double margin = 2 * Fs / count;
        for (double f = 0; f < Fs / 2; f += 10)
        {
            double db = 20 * Math.Log10(FirResponse(taps, f, Fs).Magnitude);
            if (f <= Cutoff - margin)
            {
                Assert.True(Math.Abs(db) < 0.05, $"passband {f} Hz: {db:F4} dB");
            }
            else if (f >= Cutoff + margin)
            {
                Assert.True(db < -50, $"stopband {f} Hz: {db:F1} dB");
            }
        }
    }

    [Fact]
    public void Taps_AreSymmetric_SoPhaseIsLinear()
    {
        var taps = new float[101];
        foreach (Action<Span<float>> design in new Action<Span<float>>[]
        {
            t => WindowedSincDesign.LowPass(1500, Fs, t),
            t => WindowedSincDesign.HighPass(1500, Fs, t),
            t => WindowedSincDesign.BandPass(500, 3000, Fs, t),
            t => WindowedSincDesign.BandStop(500, 3000, Fs, t),
        })
        {
            design(taps);
            for (int n = 0; n < taps.Length; n++)
            {
                Assert.Equal(taps[n], taps[taps.Length - 1 - n]);
            }

            // Symmetric taps: H(f) e^{i 2 pi f M / fs} is real (a pure delay of M = 50 samples).
            foreach (double f in new[] { 100.0, 1234.5, 4000.0 })
            {
                System.Numerics.Complex delayed = FirResponse(taps, f, Fs) * System.Numerics.Complex.FromPolarCoordinates(1, 2 * Math.PI * f * 50 / Fs);
                Assert.True(Math.Abs(delayed.Imaginary) < 1e-6, $"imaginary part {delayed.Imaginary} at {f} Hz");
            }
        }
    }

    [Fact]
    public void HighPass_BandPass_BandStop_HaveTheirShapes()
    {
        var taps = new float[101];
        WindowedSincDesign.HighPass(2000, Fs, taps);
        Assert.True(FirResponse(taps, 0, Fs).Magnitude < 1e-6);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 2000, Fs).Magnitude), HalfAmplitudeDb - 0.05, HalfAmplitudeDb + 0.05);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 6000, Fs).Magnitude), -0.03, 0.03);

        WindowedSincDesign.BandPass(1000, 3000, Fs, taps);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 2000, Fs).Magnitude), -0.03, 0.03);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 1000, Fs).Magnitude), HalfAmplitudeDb - 0.05, HalfAmplitudeDb + 0.05);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 3000, Fs).Magnitude), HalfAmplitudeDb - 0.05, HalfAmplitudeDb + 0.05);
        Assert.True(20 * Math.Log10(FirResponse(taps, 6000, Fs).Magnitude) < -50);

        WindowedSincDesign.BandStop(1000, 3000, Fs, taps);
        Assert.True(20 * Math.Log10(FirResponse(taps, 2000, Fs).Magnitude) < -50);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 0, Fs).Magnitude), -0.03, 0.03);
        Assert.InRange(20 * Math.Log10(FirResponse(taps, 6000, Fs).Magnitude), -0.03, 0.03);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(31)]
    [InlineData(101)]
    public void Convolution_EqualsScalarDoubleLoop_AtEveryLength(int count)
    {
        var taps = new float[count];
        WindowedSincDesign.LowPass(3000, Fs, taps);
        foreach (int length in new[] { 0, 1, 7, 8, 15, 16, 63, 64, 65, 255, 256, 1000, 1001, 10_007 })
        {
            float[] input = Signals.Noise(length + count - 1, length);
            var output = new float[length];
            FirConvolution.Correlate(input, taps, output);
            for (int n = 0; n < length; n++)
            {
                double expected = 0;
                for (int j = 0; j < count; j++)
                {
                    expected += (double)taps[j] * input[n + j];
                }

                // Float accumulation of N products of size <= 0.5 |h_j|: error below N 2^-24 sum|h| / 2.
                Assert.True(Math.Abs(output[n] - expected) < 1e-6 * count, $"length {length}, n {n}: {output[n]} vs {expected}");
            }
        }
    }

    [Fact]
    public void ZeroPhaseFir_KeepsPhase_CausalFirDelaysByHalfItsLength()
    {
        // A 500 Hz sine through the 101-tap 2 kHz low-pass: centred, it comes out in phase with |H(500)|;
        // causal, it is the centred output delayed by 50 samples (past the first 100).
        const int Length = 8000;
        var taps = new float[101];
        WindowedSincDesign.LowPass(2000, Fs, taps);
        float[] x = Signals.Sine(Length, 500, (int)Fs, amplitude: 0.5);
        var scratch = new ScratchArena();
        float[] centred = (float[])x.Clone();
        FilterRunner.Fir(centred, taps, zeroPhase: true, scratch);
        float[] causal = (float[])x.Clone();
        FilterRunner.Fir(causal, taps, zeroPhase: false, scratch);

        (double amplitude, double phase) = FitSine(centred, 500, Fs, 1000, 7000);
        Assert.Equal(0.5 * FirResponse(taps, 500, Fs).Magnitude, amplitude, 1e-5);
        Assert.True(Math.Abs(phase) < 1e-4, $"phase {phase} rad");
        for (int n = 100; n < Length; n++)
        {
            Assert.Equal(centred[n - 50], causal[n], 1e-6);
        }
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Equal("taps", Assert.ThrowsAny<ArgumentException>(() => WindowedSincDesign.LowPass(1000, Fs, new float[100])).ParamName);
        Assert.Equal("cutoffHz", Assert.ThrowsAny<ArgumentException>(() => WindowedSincDesign.HighPass(8000, Fs, new float[101])).ParamName);
        Assert.Equal("lowHz", Assert.ThrowsAny<ArgumentException>(() => WindowedSincDesign.BandPass(3000, 2000, Fs, new float[101])).ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(101)]
    [InlineData(4095)]
    public void Taps_EqualTheDirectFormula(int count)
    {
        // The design walks sin and the window's cos by rotation (one sin/cos pair per cutoff); the reference evaluates
        // h[n] = w[n] sinc(2 fc (n - M)) / sum with Math.Sin and Math.Cos at every tap, as the design did before. Both
        // in double: the rotation adds about one double ulp per step (under 1e-12 of the largest tap at 4095 taps) and
        // the sum is added in another order, so the float taps agree exactly or by a float ulp or two: 2.5e-7 of the
        // largest tap. A wrong angle, window or normalisation errs by orders of magnitude more.
        var random = new System.Random(3);
        var taps = new float[count];
        for (int trial = 0; trial < 20; trial++)
        {
            double low = 20 + (random.NextDouble() * 3000), high = low + 10 + (random.NextDouble() * 4000);
            foreach (int kind in new[] { 0, 1, 2, 3 })
            {
                double[] expected = kind switch
                {
                    0 => DirectLowPass(low, count),
                    1 => DirectLowPass(low, count).Select((h, n) => (n == count / 2 ? 1 : 0) - h).ToArray(),
                    2 => DirectLowPass(high, count).Zip(DirectLowPass(low, count), (a, b) => a - b).ToArray(),
                    _ => DirectLowPass(high, count).Zip(DirectLowPass(low, count), (a, b) => a - b).Select((h, n) => (n == count / 2 ? 1 : 0) - h).ToArray(),
                };
                switch (kind)
                {
                    case 0: WindowedSincDesign.LowPass(low, Fs, taps); break;
                    case 1: WindowedSincDesign.HighPass(low, Fs, taps); break;
                    case 2: WindowedSincDesign.BandPass(low, high, Fs, taps); break;
                    default: WindowedSincDesign.BandStop(low, high, Fs, taps); break;
                }

                double scale = expected.Max(Math.Abs);
                for (int n = 0; n < count; n++)
                {
                    Assert.True(Math.Abs(taps[n] - expected[n]) <= 2.5e-7 * scale, $"kind {kind}, {low:F1}-{high:F1} Hz, tap {n} of {count}: {taps[n]:R} vs {expected[n]:R}");
                }
            }
        }
    }

    /// <summary>The low-pass kernel tap by tap with Math.Sin and Math.Cos (the design before its rotation walk), normalised in double.</summary>
    private static double[] DirectLowPass(double cutoffHz, int count)
    {
        var h = new double[count];
        for (int n = 0; n < count; n++)
        {
            double x = 2 * cutoffHz / Fs * (n - (count / 2));
            double sinc = x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);
            h[n] = sinc * WindowedSincDesign.Hamming(n, count);
        }

        double sum = h.Sum();
        return [.. h.Select(v => v / sum)];
    }
}
