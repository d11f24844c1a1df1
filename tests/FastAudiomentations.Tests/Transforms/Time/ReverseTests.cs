using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Time;

public class ReverseTests
{
    [Fact]
    public void ValidSamples_AreReversedPerChannel_PaddingStaysZero()
    {
        float[][][] clips =
        [
            [Signals.Noise(1000, 1), Signals.Noise(1000, 2)],
            [Signals.Noise(37, 3), Signals.Noise(37, 4)],
        ];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, 16_000);
        new Reverse(p: 1).Apply(batch, seed: 0);
        float[][][] result = batch.ToChannelArrays();
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(clips[b][c].Reverse(), result[b][c]);
            }
        }

        var all = new float[batch.Rows * batch.Capacity];
        batch.CopyTo(all);
        Assert.True(all.AsSpan((2 * batch.Capacity) + 37, batch.Capacity - 37).IndexOfAnyExcept(0f) < 0, "padding of clip 1, channel 0");
    }

    [Fact]
    public void Twice_IsTheIdentity()
    {
        float[] x = Signals.Noise(4097, 5);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([x], 16_000);
        var reverse = new Reverse(p: 1);
        reverse.Apply(batch, seed: 1);
        reverse.Apply(batch, seed: 2);
        Assert.Equal(x, batch.ToArrays()[0]);
    }

    [Fact]
    public void SourceIndex_MirrorsTheValidRange()
    {
        Assert.Equal(9, Reverse.SourceIndex(0, 10));
        Assert.Equal(0, Reverse.SourceIndex(9, 10));
        Assert.Equal(0, Reverse.SourceIndex(0, 1));
    }

    [Fact]
    public void DefaultProbability_MatchesAudiomentations() => Assert.Equal(0.5, new Reverse().P);
}
