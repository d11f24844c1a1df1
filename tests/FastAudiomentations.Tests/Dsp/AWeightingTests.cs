namespace FastAudiomentations.Tests.Dsp;

/// <summary>The A-weighting curve's float twin, which GPU kernels evaluate, against the double definition.</summary>
public class AWeightingTests
{
    [Fact]
    public void GainSingle_FollowsTheDoubleCurve_FromDcToBeyondNyquist()
    {
        // Constants rounded to float and about a dozen float operations: within a few ulp (1e-6 relative allows ~8) from
        // the lowest audible bins (gain ~1e-5 at 5 Hz) to 48 kHz, exactly 0 at DC, and 1 at 1 kHz within the standard's
        // 0.01 dB normalisation.
        Assert.Equal(0f, AWeighting.GainSingle(0f));
        for (double f = 5; f <= 48_000; f *= 1.05)
        {
            double expected = AWeighting.Gain((float)f);
            Assert.True(Math.Abs(AWeighting.GainSingle((float)f) - expected) <= 1e-6 * expected, $"{f:F1} Hz: {AWeighting.GainSingle((float)f):R} against {expected:R}");
        }

        Assert.InRange(AWeighting.GainSingle(1000f), 0.9988f, 1.0012f);
    }
}
