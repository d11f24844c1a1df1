using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Dsp;

public class CacheFriendlyKernelsTests
{
    public static TheoryData<int> Lengths => [0, 1, 7, 8, 15, 16, 31, 32, 33, 255, 256, 1001];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Multiply_IsExact(int length)
    {
        float[] x = Signals.Noise(length, 1);
        float[] y = (float[])x.Clone();
        CacheFriendlyKernels.Multiply(y, 1.37f);
        Assert.Equal(x.Select(v => v * 1.37f), y);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MultiplyAdd_IsFusedExactly(int length)
    {
        float[] x = Signals.Noise(length, 1);
        float[] a = Signals.Noise(length, 2);
        float[] y = (float[])x.Clone();
        CacheFriendlyKernels.MultiplyAdd(y, a, 0.3f);
        Assert.Equal(x.Select((v, i) => MathF.FusedMultiplyAdd(0.3f, a[i], v)), y);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void MaxMagnitude_IsTheLargestAbsoluteValue(int length)
    {
        float[] x = Signals.Noise(length, 3);
        Assert.Equal(length == 0 ? 0f : x.Max(MathF.Abs), CacheFriendlyKernels.MaxMagnitude(x));
        if (length > 0)
        {
            x[length / 2] = -7.5f;
            Assert.Equal(7.5f, CacheFriendlyKernels.MaxMagnitude(x));
            x[length - 1] = float.NaN;
            Assert.True(float.IsNaN(CacheFriendlyKernels.MaxMagnitude(x)));
            x[length - 1] = float.NegativeInfinity;
            Assert.Equal(float.PositiveInfinity, CacheFriendlyKernels.MaxMagnitude(x));
        }
    }
}
