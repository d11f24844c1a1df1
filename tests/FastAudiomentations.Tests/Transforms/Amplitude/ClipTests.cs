using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Amplitude;

public class ClipTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(1001)]
    public void Output_EqualsScalarReferenceExactly(int length)
    {
        float[] x = Signals.Noise(length, 3, amplitude: 1.5);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], 16_000);
        new Clip(-0.5, 0.7, p: 1).Apply(batch, seed: 0);
        float[] expected = [.. x.Select(v => v < -0.5f ? -0.5f : v > 0.7f ? 0.7f : v)];
        Assert.Equal(expected, batch.ToArrays()[0]);
    }

    [Fact]
    public void NaN_StaysNaN_AndNegativeZeroStaysNegativeZero()
    {
        float[] x = [float.NaN, -0f, 2f, -2f, 0.25f, float.NaN, -0f, 3f, -3f, 0f];
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], 16_000, NonFiniteInputPolicy.Propagate);
        new Clip(0, 1, p: 1).Apply(batch, seed: 0);
        float[] y = batch.ToArrays()[0];
        Assert.True(float.IsNaN(y[0]) && float.IsNaN(y[5]));
        Assert.True(float.IsNegative(y[1]) && y[1] == 0, "-0 is inside [0, 1] and is left as it is");
        Assert.Equal([1f, 0f, 0.25f], y[2..5]);
    }

    [Fact]
    public void EqualBounds_GiveAConstant()
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([Signals.Noise(100, 1)], 16_000);
        new Clip(0.1, 0.1, p: 1).Apply(batch, seed: 0);
        Assert.All(batch.ToArrays()[0], v => Assert.Equal(0.1f, v));
    }

    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        var clip = new Clip();
        Assert.Equal((-1.0, 1.0, 0.5), (clip.AMin, clip.AMax, clip.P));
    }

    [Theory]
    [InlineData(0.5, 0.4, "aMin")]
    [InlineData(double.NaN, 1.0, "aMin")]
    [InlineData(-1.0, double.PositiveInfinity, "aMax")]
    public void InvalidBounds_ThrowNamingParameter(double min, double max, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => new Clip(min, max));
        Assert.Equal(parameter, error.ParamName);
    }
}
