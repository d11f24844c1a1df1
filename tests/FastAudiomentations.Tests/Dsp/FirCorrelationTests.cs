using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Dsp;

public class FirCorrelationTests
{
    public static TheoryData<int, int> Sizes()
    {
        var data = new TheoryData<int, int>();
        foreach (int taps in new[] { 1, 2, 15, 16, 17, 129 })
        {
            foreach (int outputs in new[] { 0, 1, 7, 8, 15, 16, 47, 48, 127, 128, 129, 255, 256, 1000 })
            {
                data.Add(taps, outputs);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Apply_MatchesADoubleReference(int tapCount, int outputs)
    {
        float[] taps = Signals.Noise(tapCount, 1);
        float[] input = Signals.Noise(outputs + tapCount - 1, 2);
        var output = new float[outputs];
        FirCorrelation.Apply(input, taps, output);
        for (int t = 0; t < outputs; t++)
        {
            double sum = 0, magnitude = 0;
            for (int m = 0; m < tapCount; m++)
            {
                sum += (double)taps[m] * input[t + m];
                magnitude += Math.Abs((double)taps[m] * input[t + m]);
            }

            // Float accumulation in any order: error below taps * 2^-24 * sum |terms|.
            Assert.True(Math.Abs(output[t] - sum) <= tapCount * 6e-8 * magnitude, $"t = {t}: {output[t]} vs {sum}");
        }
    }

    [Fact]
    public void Avx2Blocks_MatchTheScalarLoop()
    {
        float[] taps = Signals.Noise(129, 3);
        float[] input = Signals.Noise(1000 + 128, 4);
        var expected = new float[1000];
        var actual = new float[1000];
        FirCorrelation.Scalar(input, taps, expected);
        int done = FirCorrelation.Blocked256(input, taps, actual);
        Assert.Equal(960, done);
        for (int t = 0; t < done; t++)
        {
            Assert.Equal(expected[t], actual[t], 1e-5f);
        }
    }

    [Fact]
    public void ShortInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => FirCorrelation.Apply(new float[10], new float[4], new float[8]));
    }
}
