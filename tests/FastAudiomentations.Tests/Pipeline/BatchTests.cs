using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Pipeline;

public class BatchTests
{
    [Fact]
    public void Upload_RoundTripsClipsOfDifferentLengths()
    {
        float[][] clips = Signals.NoiseClips(4, 10, 0, 7, 300);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload(clips, 22_050);
        Assert.Equal(300, batch.Capacity);
        Assert.Equal([10, 0, 7, 300], batch.Lengths.ToArray());
        float[][] back = batch.ToArrays();
        for (int i = 0; i < clips.Length; i++)
        {
            Assert.Equal(clips[i], back[i]);
        }
    }

    [Fact]
    public void NonFiniteInput_IsRejectedByDefault_NamingTheSample()
    {
        using var device = new CpuDevice(1);
        float[][] clips = [[0f, 1f], [0f, float.NaN, 2f]];
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => device.Upload(clips, 16_000));
        Assert.Contains("Clip 1, channel 0, sample 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(999)]
    public void NonFiniteInput_IsFoundAtAnyPosition(int position)
    {
        // The check is vectorised: a non-finite value in any lane or in the scalar tail must be found.
        using var device = new CpuDevice(1);
        float[] x = Signals.Noise(1000, 3);
        x[position] = float.NegativeInfinity;
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => device.Upload([x], 16_000));
        Assert.Contains($"Clip 0, channel 0, sample {position} ", error.Message, StringComparison.Ordinal);
        using AudioBatch zeroed = device.Upload([x], 16_000, NonFiniteInputPolicy.ReplaceWithZero);
        float[] y = zeroed.ToArrays()[0];
        Assert.Equal(0f, y[position]);
        Assert.Equal(x.Where((_, i) => i != position), y.Where((_, i) => i != position));
    }

    [Fact]
    public void NonFiniteInput_CanBeZeroedOrPropagated()
    {
        using var device = new CpuDevice(1);
        float[][] clips = [[float.PositiveInfinity, 1f, float.NaN]];
        using AudioBatch zeroed = device.Upload(clips, 16_000, NonFiniteInputPolicy.ReplaceWithZero);
        Assert.Equal([0f, 1f, 0f], zeroed.ToArrays()[0]);
        using AudioBatch kept = device.Upload(clips, 16_000, NonFiniteInputPolicy.Propagate);
        new Gain(6, 6, p: 1).Apply(kept, seed: 0);
        float[] y = kept.ToArrays()[0];
        Assert.True(float.IsPositiveInfinity(y[0]) && float.IsNaN(y[2]));
    }

    [Fact]
    public void MismatchedChannelCounts_Throw()
    {
        using var device = new CpuDevice(1);
        float[][][] clips = [[[0f], [0f]], [[0f]]];
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => device.Upload(clips, 16_000));
        Assert.Contains("Clip 1 has 1 channels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveSampleRate_Throws()
    {
        using var device = new CpuDevice(1);
        Assert.ThrowsAny<ArgumentException>(() => device.Upload([new float[3]], 0));
    }
}
