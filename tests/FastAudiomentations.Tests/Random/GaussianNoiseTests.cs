using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastAudiomentations.Random;

namespace FastAudiomentations.Tests.Random;

public class GaussianNoiseTests
{
    private static readonly RandomKey Key = RandomKey.From(20_261_126, 3);

    public static TheoryData<int, int> LengthsAndStarts()
    {
        var data = new TheoryData<int, int>();
        foreach (int length in new[] { 0, 1, 3, 4, 5, 7, 8, 31, 32, 33, 63, 64, 65, 255, 256, 1000 })
        {
            foreach (int start in new[] { 0, 1, 2, 3, 5, 1001 })
            {
                data.Add(length, start);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LengthsAndStarts))]
    public void Fill_MatchesScalarReference(int length, int start)
    {
        float[] expected = Reference(length, start);
        var actual = new float[length];
        GaussianNoise.Fill(actual, Key, 7, 42, 1, start);
        AssertClose(expected, actual);
    }

    [Theory]
    [MemberData(nameof(LengthsAndStarts))]
    public void Avx2Path_MatchesScalarReference(int length, int start)
    {
        Assert.SkipUnless(Avx2.IsSupported, "AVX2 is not available on this CPU.");
        float[] expected = Reference(length, start);
        var actual = new float[length];
        var sink = new StoreSink();
        GaussianNoise.RunAvx2(ref sink, actual, Key, 7, 42, 1, start);
        AssertClose(expected, actual);
    }

    [Theory]
    [MemberData(nameof(LengthsAndStarts))]
    public void Avx512Path_MatchesScalarReference(int length, int start)
    {
        Assert.SkipUnless(Avx512F.IsSupported, "AVX-512 is not available on this CPU.");
        float[] expected = Reference(length, start);
        var actual = new float[length];
        var sink = new StoreSink();
        GaussianNoise.RunAvx512(ref sink, actual, Key, 7, 42, 1, start);
        AssertClose(expected, actual);
    }

    [Theory]
    [MemberData(nameof(LengthsAndStarts))]
    public void ScalarPath_EqualsFillScalarExactly(int length, int start)
    {
        var expected = new float[length];
        GaussianNoise.FillScalar(expected, Key, 7, 42, 1, start);
        var actual = new float[length];
        var sink = new StoreSink();
        GaussianNoise.RunScalar(ref sink, actual, Key, 7, 42, 1, start);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 3)]
    [InlineData(4099, 0)]
    public void AddScaled_AddsScaledNoise(int length, int start)
    {
        float[] x = Helpers.Signals.Noise(length, 5);
        float[] y = (float[])x.Clone();
        GaussianNoise.AddScaled(y, 0.25f, Key, 7, 42, 1, start);
        float[] noise = Reference(length, start);
        for (int t = 0; t < length; t++)
        {
            // Noise within the fill tolerance, times 0.25, plus the rounding of the sum (|y| < 2).
            float expected = x[t] + (0.25f * noise[t]);
            Assert.True(Math.Abs(y[t] - expected) <= (0.25 * Tolerance(noise[t])) + 2.4e-7, $"t = {t}: {y[t]} vs {expected}");
        }
    }

    [Fact]
    public void Philox16Lanes_EqualScalarBlocks()
    {
        Assert.SkipUnless(Avx512F.IsSupported, "AVX-512 is not available on this CPU.");
        foreach (uint first in new uint[] { 0, 5, 0xFFFF_FFF0 })
        {
            Philox4x32.Generate16(first, 3, 77, 0x1204, Key, out Vector512<uint> x, out Vector512<uint> y, out Vector512<uint> z, out Vector512<uint> w);
            for (int lane = 0; lane < 16; lane++)
            {
                UInt4 block = Philox4x32.Generate(new UInt4(first + (uint)lane, 3, 77, 0x1204), Key);
                Assert.Equal(block, new UInt4(x[lane], y[lane], z[lane], w[lane]));
            }
        }
    }

    [Fact]
    public void Philox8Lanes_EqualScalarBlocks()
    {
        Assert.SkipUnless(Avx2.IsSupported, "AVX2 is not available on this CPU.");
        foreach (uint first in new uint[] { 0, 5, 0xFFFF_FFF8 })
        {
            Philox4x32.Generate8(first, 3, 77, 0x1204, Key, out Vector256<uint> x, out Vector256<uint> y, out Vector256<uint> z, out Vector256<uint> w);
            for (int lane = 0; lane < 8; lane++)
            {
                UInt4 block = Philox4x32.Generate(new UInt4(first + (uint)lane, 3, 77, 0x1204), Key);
                Assert.Equal(block, new UInt4(x[lane], y[lane], z[lane], w[lane]));
            }
        }
    }

    [Fact]
    public void VectorLogAndSinCos_CoverTheirWholeInputRange()
    {
        // Every 24-bit input the generators can produce, sampled with a stride: the worst errors of the
        // polynomials against double-precision references (bounds in BoxMuller's remarks).
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "No 256-bit vectors on this CPU.");
        double worstLog = 0, worstSinCos = 0;
        for (uint k = 0; k < (1u << 24); k += 8 * 97)
        {
            Vector256<uint> bits = (Vector256.Create(k) + Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7)) << 8;
            Vector256<float> radius = BoxMuller.Radius(bits);
            (Vector256<float> sin, Vector256<float> cos) = BoxMuller.SinCosTurns(bits);
            for (int lane = 0; lane < 8; lane++)
            {
                double u1 = (k + lane + 1) / 16_777_216.0;
                double r = Math.Sqrt(-2 * Math.Log(u1));
                worstLog = Math.Max(worstLog, Math.Abs(radius[lane] - r) / Math.Max(r, 1e-3));
                double angle = 2 * Math.PI * (k + lane) / 16_777_216.0;
                worstSinCos = Math.Max(worstSinCos, Math.Max(Math.Abs(sin[lane] - Math.Sin(angle)), Math.Abs(cos[lane] - Math.Cos(angle))));
            }
        }

        Assert.True(worstLog < 1e-6, $"radius relative error {worstLog}");
        Assert.True(worstSinCos < 3e-7, $"sin/cos error {worstSinCos}");
    }

    [Fact]
    public void Noise_IsStandardNormal()
    {
        // 2^20 samples: the mean has sd 1/1024, so +-0.005 is ~5 sigma; the variance has sd sqrt(2/n) = 0.0014,
        // so +-0.007 is ~5 sigma; the fourth moment of a normal is 3 (sd ~0.01 here), +-0.05 is ~5 sigma.
        var noise = new float[1 << 20];
        GaussianNoise.Fill(noise, Key, 0, 0, 0, 0);
        double mean = noise.Average(v => (double)v);
        double variance = noise.Average(v => (double)v * v) - (mean * mean);
        double kurtosis = noise.Average(v => Math.Pow(v - mean, 4)) / (variance * variance);
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(variance, 0.993, 1.007);
        Assert.InRange(kurtosis, 2.95, 3.05);
    }

    [Fact]
    public void Streams_DifferByChannelExampleAndNode()
    {
        var a = new float[64];
        var b = new float[64];
        GaussianNoise.Fill(a, Key, 1, 2, 3, 0);
        foreach ((int node, uint example, uint channel) in new[] { (1, 2u, 4u), (1, 3u, 3u), (2, 2u, 3u) })
        {
            GaussianNoise.Fill(b, Key, node, example, channel, 0);
            Assert.NotEqual(a, b);
        }
    }

    [Theory]
    [InlineData(0, 0u, 0u)]
    [InlineData(1, 42u, 1u)]
    [InlineData(7, 3u, 2u)]
    public void SampleBlock_IsSampleOfEachIndex_BitForBit(int node, uint example, uint channel)
    {
        // The GPU fills its noise tiles with SampleBlock; it must be the very stream Sample defines.
        for (int block = 0; block < 4096; block += 7)
        {
            GaussianNoise.SampleBlock(Key, node, example, channel, block, out float z0, out float z1, out float z2, out float z3);
            Assert.Equal(GaussianNoise.Sample(Key, node, example, channel, 4 * block), z0);
            Assert.Equal(GaussianNoise.Sample(Key, node, example, channel, (4 * block) + 1), z1);
            Assert.Equal(GaussianNoise.Sample(Key, node, example, channel, (4 * block) + 2), z2);
            Assert.Equal(GaussianNoise.Sample(Key, node, example, channel, (4 * block) + 3), z3);
        }
    }

    private static float[] Reference(int length, int start)
    {
        var values = new float[length];
        for (int t = 0; t < length; t++)
        {
            values[t] = GaussianNoise.Sample(Key, 7, 42, 1, start + t);
        }

        return values;
    }

    // The vector paths differ from MathF by float rounding of log, sin and cos: BoxMuller's remarks bound the
    // difference by ~3e-6 for |z| <= 5.77; allow 1e-5 * max(1, |z|).
    private static double Tolerance(float value) => 1e-5 * Math.Max(1, Math.Abs(value));

    private static void AssertClose(float[] expected, float[] actual)
    {
        for (int t = 0; t < expected.Length; t++)
        {
            Assert.True(Math.Abs(expected[t] - actual[t]) <= Tolerance(expected[t]), $"t = {t}: {actual[t]} vs {expected[t]}");
        }
    }

    [Fact]
    public void BlockEnergy_IsTheSumOfTheBlocksSquares()
    {
        // Two squared radii stand for four squares (cos^2 + sin^2 = 1): equal up to the roundings of the squares, the
        // products r cos and r sin and the sums, a few float ulp of the energy (relative 1e-6 allows ~8 ulp). Blocks
        // across streams and indices, radii from ~0 (u1 near 1) to the largest (u1 = 2^-24), among 20,000.
        for (int block = 0; block < 20_000; block++)
        {
            uint example = (uint)(block % 7);
            GaussianNoise.SampleBlock(Key, 3, example, 1, block, out float z0, out float z1, out float z2, out float z3);
            float squares = (z0 * z0) + (z1 * z1) + (z2 * z2) + (z3 * z3);
            float energy = GaussianNoise.BlockEnergy(Key, 3, example, 1, block);
            Assert.True(energy >= 0f);
            Assert.True(Math.Abs(energy - squares) <= 1e-6 * Math.Max(squares, 1e-3f), $"block {block}: energy {energy:R}, squares {squares:R}");
        }
    }
}
