namespace FastAudiomentations.Tests.Dsp;

public class ColorNoiseShapingTests
{
    [Theory]
    [InlineData(-6.02, false, 128)]
    [InlineData(3.01, false, 128)]
    [InlineData(0.0, true, 512)]
    [InlineData(-3.0, false, 2)]
    public void Taps_AreSymmetric_WithUnitEnergy(float decay, bool aWeighting, int nFft)
    {
        var taps = new float[ColorNoiseShaping.TapCount(nFft)];
        ColorNoiseShaping.Design(taps, new double[ColorNoiseShaping.WorkLength(nFft)], decay, aWeighting, 44_100, nFft);
        for (int m = 0; m < taps.Length; m++)
        {
            Assert.Equal(taps[m], taps[taps.Length - 1 - m]);
        }

        Assert.Equal(1.0, taps.Sum(g => (double)g * g), 1e-5);
    }

    [Theory]
    [InlineData(-6.02, false, 128)]
    [InlineData(2.5, true, 256)]
    [InlineData(-1.0, false, 2)]
    [InlineData(4.0, false, 4096)]
    [InlineData(1.0, false, 512)] // the largest nFft whose basis is a cached matrix
    [InlineData(-2.0, true, 1024)] // the smallest whose basis rows are gathered per design
    public void Taps_AreTheRemarksFormula(float decay, bool aWeighting, int nFft)
    {
        // The formula of the remarks evaluated term by term in double, with the cosine of each angle computed afresh
        // (the design steps its index k n mod N through a table): the same taps up to float rounding.
        var taps = new float[ColorNoiseShaping.TapCount(nFft)];
        ColorNoiseShaping.Design(taps, new double[ColorNoiseShaping.WorkLength(nFft)], decay, aWeighting, 44_100, nFft);
        int half = nFft / 2;
        double exponent = decay / (20 * Math.Log10(2));
        double Envelope(int k) => Math.Pow(Math.Max(k, 1), exponent) * (aWeighting ? AWeighting.Gain(k * 44_100.0 / nFft) : 1);
        var reference = new double[nFft + 1];
        double energy = 0;
        for (int m = 0; m <= nFft; m++)
        {
            int n = m - half;
            double sum = Envelope(0) + (((n & 1) == 0 ? 1 : -1) * Envelope(half));
            for (int k = 1; k < half; k++)
            {
                sum += 2 * Envelope(k) * Math.Cos(2 * Math.PI * k * n / nFft);
            }

            double h = sum / nFft * (Math.Abs(n) == half ? 0.5 : 1);
            double window = Math.Sin(Math.PI * (m + 0.5) / (nFft + 1));
            reference[m] = h * window * window;
            energy += reference[m] * reference[m];
        }

        for (int m = 0; m <= nFft; m++)
        {
            Assert.Equal(reference[m] / Math.Sqrt(energy), taps[m], 2e-6);
        }
    }

    [Theory]
    [InlineData(-6.02)]
    [InlineData(-3.01)]
    [InlineData(3.01)]
    [InlineData(6.02)]
    public void Response_FollowsThePowerLaw(double decay)
    {
        // |H(f)| from the taps directly (a DTFT in double): 20 log10 |H| rises by `decay` per octave within
        // 0.3 dB at each octave step from fs/32 to fs/4 (the remarks' design error).
        const int Rate = 44_100;
        var taps = new float[129];
        ColorNoiseShaping.Design(taps, new double[ColorNoiseShaping.WorkLength(128)], (float)decay, false, Rate, 128);
        for (double f = Rate / 32.0; f < Rate / 4.0; f *= 2)
        {
            double step = LevelDb(taps, 2 * f / Rate) - LevelDb(taps, f / Rate);
            Assert.InRange(step, decay - 0.3, decay + 0.3);
        }
    }

    [Fact]
    public void Taps_DoNotDependOnTheNFftDesignedBefore()
    {
        // The per-nFft tables are cached for the latest nFft only: switching back and forth rebuilds them, the same.
        float[] Design(int nFft)
        {
            var taps = new float[ColorNoiseShaping.TapCount(nFft)];
            ColorNoiseShaping.Design(taps, new double[ColorNoiseShaping.WorkLength(nFft)], -4.5f, false, 22_050, nFft);
            return taps;
        }

        float[] first = Design(128);
        float[] other = Design(2048);
        Assert.Equal(first, Design(128));
        Assert.Equal(other, Design(2048));
    }

    [Fact]
    public void AWeighting_IsZeroDbAtOneKilohertz_AndFollowsTheStandard()
    {
        // IEC 61672-1 table values (dB, rounded to 0.1): 20 Hz -50.5, 100 Hz -19.1, 1 kHz 0.0, 10 kHz -2.5.
        // The analytic curve the table rounds gives -50.39 at 20 Hz, hence 0.15 there.
        Assert.Equal(0.0, 20 * Math.Log10(AWeighting.Gain(1000)), 0.01);
        Assert.Equal(-50.5, 20 * Math.Log10(AWeighting.Gain(20)), 0.15);
        Assert.Equal(-19.1, 20 * Math.Log10(AWeighting.Gain(100)), 0.1);
        Assert.Equal(-2.5, 20 * Math.Log10(AWeighting.Gain(10_000)), 0.1);
        Assert.Equal(0.0, AWeighting.Gain(0));
    }

    [Fact]
    public void BadArguments_Throw()
    {
        var work = new double[1000];
        Assert.Equal("nFft", Assert.ThrowsAny<ArgumentException>(() => ColorNoiseShaping.Design(new float[8], work, 0, false, 16_000, 7)).ParamName);
        Assert.Equal("taps", Assert.ThrowsAny<ArgumentException>(() => ColorNoiseShaping.Design(new float[8], work, 0, false, 16_000, 8)).ParamName);
        Assert.Equal("work", Assert.ThrowsAny<ArgumentException>(() => ColorNoiseShaping.Design(new float[9], new double[3], 0, false, 16_000, 8)).ParamName);
    }

    private static double LevelDb(float[] taps, double cyclesPerSample)
    {
        double re = 0, im = 0;
        for (int m = 0; m < taps.Length; m++)
        {
            re += taps[m] * Math.Cos(2 * Math.PI * cyclesPerSample * m);
            im -= taps[m] * Math.Sin(2 * Math.PI * cyclesPerSample * m);
        }

        return 10 * Math.Log10((re * re) + (im * im));
    }
}
