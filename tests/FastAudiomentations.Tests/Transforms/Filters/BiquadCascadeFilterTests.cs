using FastAudiomentations.Dsp;
using FastAudiomentations.Tests.Helpers;
using static FastAudiomentations.Tests.Transforms.Filters.FilterReference;

namespace FastAudiomentations.Tests.Transforms.Filters;

public class BiquadCascadeFilterTests
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 255, 256, 257, 1000, 1001, 4099, 100_003];

    /// <summary>Designs whose poles range from far inside the unit circle to a 1 Hz edge at 44.1 kHz.</summary>
    public static TheoryData<string> Designs => ["LowPass 1 kHz order 4 @16k", "HighPass 20 Hz order 4 @44.1k", "BandPass 1-399 Hz order 2 @44.1k", "BandStop 300-3000 Hz order 3 @16k", "LowPass 7.9 kHz order 16 @16k"];

    [Theory]
    [MemberData(nameof(Designs))]
    public void Chunked_EqualsDoublePrecisionScalarLoop_AtEveryLength(string design)
    {
        BiquadSection[] sections = Design(design);
        foreach (int length in Lengths)
        {
            // minChunkLength 8 reaches the chunked path from 256 samples on; below, the scalar loop runs.
            float[] x = Signals.Noise(length, length + 11);
            double[] expected = FilterReference.Filter(x, sections);
            float[] chunked = (float[])x.Clone();
            BiquadCascadeFilter.Filter(chunked, sections, new float[BiquadCascadeFilter.ScratchLength(length)], minChunkLength: 8);
            float[] scalar = (float[])x.Clone();
            BiquadCascadeFilter.FilterScalar(scalar, sections);
            double scale = Math.Max(Peak(expected), x.Length == 0 ? 0 : x.Max(Math.Abs));

            // Float rounding only: both paths stay within 2e-5 of the larger of the input's and the output's
            // peak (measured: below 3e-6 for these designs, the 1 Hz band edge included).
            Assert.True(MaxError(chunked, expected) <= 2e-5 * scale, $"{design}, length {length}: chunked error {MaxError(chunked, expected):E2} of peak {scale:E2}");
            Assert.True(MaxError(scalar, expected) <= 2e-5 * scale, $"{design}, length {length}: scalar error {MaxError(scalar, expected):E2} of peak {scale:E2}");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Output_MatchesNWavesDesignFilteredInDouble(int order)
    {
        // An independent end-to-end reference: NWaves 0.9.6's Butterworth transfer function, run by a textbook
        // direct-form loop in double from a zero state. The signal starts at 0, so our steady-state start
        // is the zero state too. 1e-5 of the peak: float rounding plus NWaves' polynomial form.
        const int Rate = 16_000;
        float[] x = Signals.Noise(50_000, 3);
        x[0] = 0;
        NWaves.Filters.Base.TransferFunction tf = new NWaves.Filters.Butterworth.LowPassFilter(1000.0 / Rate, order).Tf;
        double[] expected = FilterDirectForm(x, tf.Numerator, tf.Denominator);
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        int count = ButterworthDesign.LowPass(order, 1000, Rate, sections);
        BiquadCascadeFilter.Filter(x, sections.AsSpan(0, count), new float[BiquadCascadeFilter.ScratchLength(x.Length)]);
        Assert.True(MaxError(x, expected) <= 1e-5 * Peak(expected), $"error {MaxError(x, expected):E2}");
    }

    [Theory]
    [InlineData(0.7f)]
    [InlineData(-0.25f)]
    public void ConstantInput_StartsInSteadyState(float level)
    {
        // scipy's sosfilt with zi = sosfilt_zi(sos) * x[0]: a constant signal passes with the DC gain from the
        // first sample on (1 for low-pass and band-stop, 0 for high-pass and band-pass), with no transient.
        float[] x = Enumerable.Repeat(level, 5000).ToArray();
        foreach ((string design, float gain) in new[] { ("LowPass 1 kHz order 4 @16k", 1f), ("HighPass 20 Hz order 4 @44.1k", 0f), ("BandPass 1-399 Hz order 2 @44.1k", 0f), ("BandStop 300-3000 Hz order 3 @16k", 1f) })
        {
            float[] y = (float[])x.Clone();
            BiquadCascadeFilter.Filter(y, Design(design), new float[BiquadCascadeFilter.ScratchLength(y.Length)], minChunkLength: 8);
            // 4e-5 of the level: the 1 Hz band edge's states are ~7000 times the input, so the float rounding
            // of its steady state (~6e-8 relative) leaves ~1.5e-5 of the level at the output (measured).
            double worst = y.Max(v => Math.Abs(v - (gain * level)));
            Assert.True(worst < 4e-5 * Math.Abs(level), $"{design}: off by {worst:E2}");
        }
    }

    [Fact]
    public void DecayAfterSilence_NeverProducesSubnormals()
    {
        // A burst then digital silence: the states decay geometrically and, unflushed, would pass through the
        // subnormal range (below 2^-126) for hundreds of samples per section. The lanes flush states below
        // 2^-84, so the output goes from normal numbers straight to exact zeros.
        float[] x = new float[100_000];
        Signals.Noise(2000, 9).CopyTo(x, 0);
        BiquadCascadeFilter.Filter(x, Design("LowPass 1 kHz order 4 @16k"), new float[BiquadCascadeFilter.ScratchLength(x.Length)]);
        Assert.DoesNotContain(x, v => v != 0 && float.IsSubnormal(v));
        Assert.Equal(0f, x[^300]);
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void ZeroInputResponse_AndTransition_MatchStepping(string design)
    {
        foreach (BiquadSection c in Design(design))
        {
            foreach (int chunkLength in new[] { 2, 37, 500, 3000 })
            {
                var h1 = new float[chunkLength];
                var h2 = new float[chunkLength];
                int useful = BiquadChunkScan.ZeroInputResponse(c, chunkLength, h1, h2, out BiquadChunkTransition phi);
                Assert.InRange(useful, 1, chunkLength);

                // Step the section in double from (1, 0) and (0, 1) with zero input.
                double[] u = [1, 0], v = [0, 1];
                for (int n = 0; n < chunkLength; n++)
                {
                    double expected1 = (c.C1 * u[0]) + (c.C2 * u[1]), expected2 = (c.C1 * v[0]) + (c.C2 * v[1]);
                    if (n < useful)
                    {
                        Assert.Equal(expected1, h1[n], 1e-6 * Math.Max(1, Math.Abs(expected1)));
                        Assert.Equal(expected2, h2[n], 1e-6 * Math.Max(1, Math.Abs(expected2)));
                    }
                    else
                    {
                        // Past the useful length the state has decayed below the tolerance.
                        Assert.True(Math.Max(Math.Max(Math.Abs(u[0]), Math.Abs(u[1])), Math.Max(Math.Abs(v[0]), Math.Abs(v[1]))) < 2 * BiquadChunkScan.Tolerance);
                    }

                    u = [(c.A11 * u[0]) + (c.A12 * u[1]), (c.A21 * u[0]) + (c.A22 * u[1])];
                    v = [(c.A11 * v[0]) + (c.A12 * v[1]), (c.A21 * v[0]) + (c.A22 * v[1])];
                }

                // Phi = A^L, or zero where it has decayed below the tolerance.
                double tolerance = useful < chunkLength ? 2 * BiquadChunkScan.Tolerance : 1e-6;
                Assert.Equal(u[0], phi.P11, tolerance);
                Assert.Equal(v[0], phi.P12, tolerance);
                Assert.Equal(u[1], phi.P21, tolerance);
                Assert.Equal(v[1], phi.P22, tolerance);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void TransitionLevels_ArePowersOfTheStateMatrix(string design)
    {
        // levels[d] = A^(L 2^d): compare with A stepped L 2^d times in double (the GPU's chunk scan combines
        // runs of 2^d chunks with these). 1e-6 absolute: each level is rounded to float once from double and
        // every entry of A^n stays below 1.1 (transient growth below 0.1 / e, BiquadSection's remarks);
        // levels below the 2^-32 tolerance are zero.
        foreach (BiquadSection c in Design(design))
        {
            foreach (int chunkLength in new[] { 1, 16, 37 })
            {
                var levels = new BiquadChunkTransition[8];
                BiquadChunkScan.TransitionLevels(c, chunkLength, levels);
                double m11 = 1, m12 = 0, m21 = 0, m22 = 1;
                long stepped = 0;
                for (int d = 0; d < levels.Length; d++)
                {
                    for (long target = (long)chunkLength << d; stepped < target; stepped++)
                    {
                        (m11, m12, m21, m22) = ((c.A11 * m11) + (c.A12 * m21), (c.A11 * m12) + (c.A12 * m22), (c.A21 * m11) + (c.A22 * m21), (c.A21 * m12) + (c.A22 * m22));
                    }

                    double tolerance = 1e-6 + (2 * BiquadChunkScan.Tolerance);
                    Assert.Equal(m11, levels[d].P11, tolerance);
                    Assert.Equal(m12, levels[d].P12, tolerance);
                    Assert.Equal(m21, levels[d].P21, tolerance);
                    Assert.Equal(m22, levels[d].P22, tolerance);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void SettlingSamples_IsWhereTheStatesPowersFallBelowTheCut_AndStayThere(string design)
    {
        // A stepped in double: A^(W - L) still has an entry at or above a quarter of the 2^-32 cut, and from A^W on, over
        // 2 W samples more, none reaches the cut (the GPU's warm-up tiles start a filter W samples early from a zero state).
        foreach (BiquadSection c in Design(design))
        {
            foreach (int chunkLength in new[] { 1, 32 })
            {
                int settling = BiquadChunkScan.SettlingSamples(c, chunkLength);
                Assert.True(settling % chunkLength == 0 && settling > 0, $"{design}: {settling}");
                double m11 = 1, m12 = 0, m21 = 0, m22 = 1;
                for (long n = 1; n <= 3L * settling; n++)
                {
                    (m11, m12, m21, m22) = ((c.A11 * m11) + (c.A12 * m21), (c.A11 * m12) + (c.A12 * m22), (c.A21 * m11) + (c.A22 * m21), (c.A21 * m12) + (c.A22 * m22));
                    double largest = Math.Max(Math.Max(Math.Abs(m11), Math.Abs(m12)), Math.Max(Math.Abs(m21), Math.Abs(m22)));
                    if (n == settling - chunkLength)
                    {
                        Assert.True(largest >= BiquadChunkScan.Tolerance / 4, $"{design}, L {chunkLength}: A^{n} already below the cut ({largest})");
                    }
                    else if (n >= settling)
                    {
                        Assert.True(largest < BiquadChunkScan.Tolerance, $"{design}, L {chunkLength}: A^{n} = {largest} after settling at {settling}");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void TransitionLevelsAndSettling_GiveTheLevelsBitForBit(string design)
    {
        // One walk of the squarings for a GPU record: the float levels of squaring A^32 level by level and rounding each
        // once, zero from the first negligible one, and the settling SettlingSamples gives.
        foreach (BiquadSection c in Design(design))
        {
            var expected = new BiquadChunkTransition[16];
            DoubleMatrix2 level = BiquadChunkScan.ChunkPower(c, 32);
            bool negligible = false;
            for (int d = 0; d < expected.Length; d++)
            {
                negligible |= BiquadChunkScan.Negligible(level);
                expected[d] = negligible ? default : level.ToTransition();
                level *= level;
            }

            var both = new BiquadChunkTransition[16];
            int settling = BiquadChunkScan.TransitionLevelsAndSettling(c, 32, both);
            Assert.Equal(expected, both);
            Assert.Equal(BiquadChunkScan.SettlingSamples(c, 32), settling);
            Assert.Contains(expected, level => level.Equals(default(BiquadChunkTransition)));
        }
    }

    [Fact]
    public void Carry_AndCorrection_ReproduceAWholeRun()
    {
        // Two chunks of one signal: run the second from zero, then correct it with the first's end state.
        BiquadSection c = Design("HighPass 20 Hz order 4 @44.1k")[^1];
        float[] x = Signals.Noise(600, 5);
        var whole = new BiquadState(0.3f, -0.2f);
        var wholeOutput = new float[x.Length];
        for (int n = 0; n < x.Length; n++)
        {
            wholeOutput[n] = Biquad.Step(c, ref whole, x[n]);
        }

        var first = new BiquadState(0.3f, -0.2f);
        for (int n = 0; n < 300; n++)
        {
            Biquad.Step(c, ref first, x[n]);
        }

        BiquadState second = default;
        var h1 = new float[300];
        var h2 = new float[300];
        int useful = BiquadChunkScan.ZeroInputResponse(c, 300, h1, h2, out BiquadChunkTransition phi);
        for (int n = 300; n < 600; n++)
        {
            float y = Biquad.Step(c, ref second, x[n]);
            float corrected = y + (n - 300 < useful ? BiquadChunkScan.Correction(first, h1[n - 300], h2[n - 300]) : 0);
            Assert.Equal(wholeOutput[n], corrected, 1e-5);
        }

        BiquadState end = BiquadChunkScan.Carry(phi, first, second);
        Assert.Equal(whole.S1, end.S1, 1e-3 * Math.Max(1, Math.Abs(whole.S1)));
        Assert.Equal(whole.S2, end.S2, 1e-3 * Math.Max(1, Math.Abs(whole.S2)));
    }

    internal static BiquadSection[] Design(string name)
    {
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        int count = name switch
        {
            "LowPass 1 kHz order 4 @16k" => ButterworthDesign.LowPass(4, 1000, 16_000, sections),
            "HighPass 20 Hz order 4 @44.1k" => ButterworthDesign.HighPass(4, 20, 44_100, sections),
            "BandPass 1-399 Hz order 2 @44.1k" => ButterworthDesign.BandPass(2, 1, 399, 44_100, sections),
            "BandStop 300-3000 Hz order 3 @16k" => ButterworthDesign.BandStop(3, 300, 3000, 16_000, sections),
            "LowPass 7.9 kHz order 16 @16k" => ButterworthDesign.LowPass(16, 7900, 16_000, sections),
            _ => throw new ArgumentException(name, nameof(name)),
        };
        return sections[..count];
    }

    internal static double MaxError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        double error = 0;
        for (int t = 0; t < actual.Length; t++)
        {
            error = Math.Max(error, Math.Abs(actual[t] - expected[t]));
        }

        return error;
    }

    internal static double Peak(ReadOnlySpan<double> x)
    {
        double peak = 0;
        foreach (double v in x)
        {
            peak = Math.Max(peak, Math.Abs(v));
        }

        return peak;
    }
}
