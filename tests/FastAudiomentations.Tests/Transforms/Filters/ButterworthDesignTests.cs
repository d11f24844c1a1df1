using System.Numerics;
using FastAudiomentations.Dsp;
using FastAudiomentations.Tests.Helpers;
using static FastAudiomentations.Tests.Transforms.Filters.FilterReference;

namespace FastAudiomentations.Tests.Transforms.Filters;

public class ButterworthDesignTests
{
    private const double Fs = 48_000;

    /// <summary>-10 log10(2): a Butterworth filter's gain at its cutoff.</summary>
    private const double HalfPowerDb = -3.0103;

    [Theory]
    [InlineData(Band.LowPass, 2, 1000.0)]
    [InlineData(Band.LowPass, 4, 1000.0)]
    [InlineData(Band.HighPass, 2, 1000.0)]
    [InlineData(Band.HighPass, 4, 1000.0)]
    [InlineData(Band.LowPass, 2, 150.0)]
    [InlineData(Band.HighPass, 4, 20.0)]
    public void GainAtCutoff_IsHalfPower(Band band, int order, double cutoffHz)
    {
        BiquadSection[] sections = Design(band, order, cutoffHz, 0, Fs);
        Assert.InRange(ResponseDb(sections, cutoffHz, Fs), HalfPowerDb - 0.05, HalfPowerDb + 0.05);
    }

    [Theory]
    [InlineData(Band.LowPass, 2)]
    [InlineData(Band.LowPass, 4)]
    [InlineData(Band.HighPass, 2)]
    [InlineData(Band.HighPass, 4)]
    public void FilteredSineAtCutoff_IsHalfPowerInSteadyState(Band band, int order)
    {
        // A 1 kHz sine through a 1 kHz filter at 16 kHz: the fitted amplitude of the second second (well past
        // the transient, which decays within a few ms) over the input's is the gain at the cutoff.
        const int Rate = 16_000;
        BiquadSection[] sections = Design(band, order, 1000, 0, Rate);
        float[] x = Signals.Sine(2 * Rate, 1000, Rate, amplitude: 0.5);
        BiquadCascadeFilter.Filter(x, sections, new float[BiquadCascadeFilter.ScratchLength(x.Length)]);
        double gainDb = 20 * Math.Log10(FitSine(x, 1000, Rate, Rate, 2 * Rate).Amplitude / 0.5);
        Assert.InRange(gainDb, HalfPowerDb - 0.05, HalfPowerDb + 0.05);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void StopbandSlope_IsTheRolloff(int order)
    {
        // Well into the stopband |H| ~ (fc / f)^N (low-pass) or (f / fc)^N (high-pass): one octave costs
        // 20 N log10 2 = 6.02 N dB. The bilinear warping tan(pi f / fs) bends this by under 0.012 N dB at
        // these frequencies (f / fs <= 1/60), and the 1 + W^2N term by less than 1e-4 dB.
        double rolloff = 6 * order;
        BiquadSection[] lowPass = Design(Band.LowPass, order, 50, 0, Fs);
        double lowDrop = ResponseDb(lowPass, 400, Fs) - ResponseDb(lowPass, 800, Fs);
        Assert.InRange(lowDrop, rolloff - 0.5, rolloff + 0.5);
        BiquadSection[] highPass = Design(Band.HighPass, order, 6000, 0, Fs);
        double highDrop = ResponseDb(highPass, 750, Fs) - ResponseDb(highPass, 375, Fs);
        Assert.InRange(highDrop, rolloff - 0.5, rolloff + 0.5);
    }

    [Theory]
    [InlineData(Band.LowPass, 100.0, 0.0)]
    [InlineData(Band.LowPass, 1000.0, 0.0)]
    [InlineData(Band.LowPass, 20000.0, 0.0)]
    [InlineData(Band.HighPass, 20.0, 0.0)]
    [InlineData(Band.HighPass, 2400.0, 0.0)]
    [InlineData(Band.BandPass, 300.0, 3000.0)]
    [InlineData(Band.BandPass, 1000.0, 1200.0)]
    [InlineData(Band.BandPass, 5.0, 7980.0)]
    [InlineData(Band.BandStop, 300.0, 3000.0)]
    [InlineData(Band.BandStop, 1000.0, 1200.0)]
    [InlineData(Band.BandStop, 5.0, 7980.0)]
    public void Magnitude_MatchesClosedFormEverywhere(Band band, double edge1, double edge2)
    {
        // Within 0.01 dB (0.12 % of the magnitude), or within 1e-6 in magnitude (-120 dB) in deep stopbands:
        // each section's output D x + C s is a difference of O(1) terms there, so the float rounding of its
        // coefficients (~6e-8 each) leaves a floor near that level rather than an exact zero.
        foreach (int order in new[] { 1, 2, 3, 4, 5, 8, 16 })
        {
            BiquadSection[] sections = Design(band, order, edge1, edge2, Fs);
            for (double f = 10; f < Fs / 2; f *= 1.05)
            {
                double expected = ButterworthMagnitude(band, order, f, edge1, edge2, Fs);
                double actual = Response(sections, f, Fs).Magnitude;
                Assert.True(
                    Math.Abs(actual - expected) <= (1.2e-3 * expected) + 1e-6,
                    $"{band} order {order} at {f:F1} Hz: {20 * Math.Log10(actual):F4} dB, closed form {20 * Math.Log10(expected):F4} dB");
            }
        }
    }

    [Theory]
    [InlineData(Band.LowPass, 1000.0, 0.0)]
    [InlineData(Band.HighPass, 500.0, 0.0)]
    [InlineData(Band.BandPass, 750.0, 1250.0)]
    [InlineData(Band.BandStop, 750.0, 1250.0)]
    public void Magnitude_MatchesNWaves(Band band, double edge1, double edge2)
    {
        // NWaves 0.9.6 designs the same Butterworth poles (bilinear, pre-warped edges) as one polynomial pair
        // in double, but scales its band-pass to unit gain at the arithmetic centre of the unwarped edges
        // (scipy: at the warped geometric centre), so band-pass shapes are compared after aligning the gain
        // at the centre. 0.01 dB where both are above -60 dB, up to polynomial order 8 (beyond that NWaves'
        // single polynomial loses digits: its order-6 band-stop is 0.09 dB off at 0 Hz, where the exact answer is 0 dB).
        int[] orders = band is Band.LowPass or Band.HighPass ? [1, 2, 3, 4, 6] : [1, 2, 3, 4];
        foreach (int order in orders)
        {
            NWaves.Filters.Base.TransferFunction tf = band switch
            {
                Band.LowPass => new NWaves.Filters.Butterworth.LowPassFilter(edge1 / Fs, order).Tf,
                Band.HighPass => new NWaves.Filters.Butterworth.HighPassFilter(edge1 / Fs, order).Tf,
                Band.BandPass => new NWaves.Filters.Butterworth.BandPassFilter(edge1 / Fs, edge2 / Fs, order).Tf,
                _ => new NWaves.Filters.Butterworth.BandStopFilter(edge1 / Fs, edge2 / Fs, order).Tf,
            };
            BiquadSection[] sections = Design(band, order, edge1, edge2, Fs);
            double offset = band == Band.BandPass
                ? 20 * Math.Log10(Polynomial(tf, 1000, Fs).Magnitude) - ResponseDb(sections, 1000, Fs)
                : 0;
            for (double f = 20; f < Fs / 2; f *= 1.1)
            {
                double expected = 20 * Math.Log10(Polynomial(tf, f, Fs).Magnitude) - offset;
                double actual = ResponseDb(sections, f, Fs);
                if (expected > -60)
                {
                    Assert.True(Math.Abs(actual - expected) < 0.01, $"{band} order {order} at {f:F1} Hz: {actual:F4} dB, NWaves {expected:F4} dB");
                }
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void BandPass_PassesCentre_AndHalvesPowerAtEdges(int order)
    {
        const double Low = 800, High = 1600;
        BiquadSection[] sections = Design(Band.BandPass, order, Low, High, Fs);
        Assert.InRange(ResponseDb(sections, WarpedCentreHz(Low, High), Fs), -0.001, 0.001);
        Assert.InRange(ResponseDb(sections, Low, Fs), HalfPowerDb - 0.05, HalfPowerDb + 0.05);
        Assert.InRange(ResponseDb(sections, High, Fs), HalfPowerDb - 0.05, HalfPowerDb + 0.05);

        // The response at the centre is real and positive: a passband sine keeps its sign.
        Complex centre = Response(sections, WarpedCentreHz(Low, High), Fs);
        Assert.True(centre.Real > 0.999 && Math.Abs(centre.Imaginary) < 1e-3, $"H(centre) = {centre}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void BandStop_RejectsCentre_AndHalvesPowerAtEdges(int order)
    {
        const double Low = 800, High = 1600;
        BiquadSection[] sections = Design(Band.BandStop, order, Low, High, Fs);

        // The zeros sit on the unit circle at the centre; float rounding of B1 moves them by ~1e-7 rad.
        Assert.True(ResponseDb(sections, WarpedCentreHz(Low, High), Fs) < -80);
        Assert.InRange(ResponseDb(sections, Low, Fs), HalfPowerDb - 0.05, HalfPowerDb + 0.05);
        Assert.InRange(ResponseDb(sections, High, Fs), HalfPowerDb - 0.05, HalfPowerDb + 0.05);
        Assert.InRange(ResponseDb(sections, 0, Fs), -0.001, 0.001);
        Assert.InRange(ResponseDb(sections, Fs / 2, Fs), -0.001, 0.001);
    }

    [Theory]
    [InlineData(Band.LowPass)]
    [InlineData(Band.HighPass)]
    [InlineData(Band.BandPass)]
    [InlineData(Band.BandStop)]
    public void Sections_AreStable_AndOrderedByPoleRadius(Band band)
    {
        for (int order = 1; order <= ButterworthDesign.MaxOrder; order++)
        {
            BiquadSection[] sections = Design(band, order, 300, 3000, Fs);
            Assert.Equal(band is Band.LowPass or Band.HighPass ? (order + 1) / 2 : order, sections.Length);
            double previous = 0;
            foreach (BiquadSection c in sections)
            {
                double radius = LargestPoleRadius(c);
                Assert.True(radius < 1, $"order {order}: unstable section, pole radius {radius}");
                Assert.True(radius >= previous - 1e-6, $"order {order}: sections not ordered by pole radius");
                previous = radius;
            }
        }
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var sections = new BiquadSection[16];
        Assert.Equal("order", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.LowPass(0, 100, Fs, sections)).ParamName);
        Assert.Equal("order", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.LowPass(17, 100, Fs, sections)).ParamName);
        Assert.Equal("cutoffHz", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.LowPass(2, Fs / 2, Fs, sections)).ParamName);
        Assert.Equal("cutoffHz", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.HighPass(2, 0, Fs, sections)).ParamName);
        Assert.Equal("lowHz", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.BandPass(2, 500, 400, Fs, sections)).ParamName);
        Assert.Equal("highHz", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.BandStop(2, 500, 30000, Fs, sections)).ParamName);
        Assert.Equal("sections", Assert.ThrowsAny<ArgumentException>(() => ButterworthDesign.BandStop(4, 500, 900, Fs, new BiquadSection[3])).ParamName);
    }

    /// <summary>Designs with the library: edge2 is ignored for one-sided bands.</summary>
    internal static BiquadSection[] Design(Band band, int order, double edge1, double edge2, double fs)
    {
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        int count = band switch
        {
            Band.LowPass => ButterworthDesign.LowPass(order, edge1, fs, sections),
            Band.HighPass => ButterworthDesign.HighPass(order, edge1, fs, sections),
            Band.BandPass => ButterworthDesign.BandPass(order, edge1, edge2, fs, sections),
            _ => ButterworthDesign.BandStop(order, edge1, edge2, fs, sections),
        };
        return sections[..count];
    }

    /// <summary>The frequency the band's (pre-warped) geometric centre maps back to: fs / pi atan(sqrt(w1 w2)).</summary>
    private static double WarpedCentreHz(double low, double high) =>
        Fs / Math.PI * Math.Atan(Math.Sqrt(Math.Tan(Math.PI * low / Fs) * Math.Tan(Math.PI * high / Fs)));

    private static double LargestPoleRadius(BiquadSection c)
    {
        // Eigenvalues of A: roots of z^2 - tr z + det.
        double trace = (double)c.A11 + c.A22, det = ((double)c.A11 * c.A22) - ((double)c.A12 * c.A21);
        Complex d = Complex.Sqrt((trace * trace) - (4 * det));
        return Math.Max(((trace + d) / 2).Magnitude, ((trace - d) / 2).Magnitude);
    }

    private static Complex Polynomial(NWaves.Filters.Base.TransferFunction tf, double f, double fs)
    {
        Complex z1 = Complex.FromPolarCoordinates(1, -2 * Math.PI * f / fs);
        Complex num = Complex.Zero, den = Complex.Zero, power = Complex.One;
        for (int k = 0; k < Math.Max(tf.Numerator.Length, tf.Denominator.Length); k++)
        {
            num += k < tf.Numerator.Length ? tf.Numerator[k] * power : Complex.Zero;
            den += k < tf.Denominator.Length ? tf.Denominator[k] * power : Complex.Zero;
            power *= z1;
        }

        return num / den;
    }
}
