using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>AddColorNoise's single pass (colour and mix in one kernel) against its two kernels.</summary>
public abstract partial class GpuBackendTests
{
    [Theory]
    [InlineData(TransformMode.PerExample, 2, 1)] // one stereo clip: the clip's k sums both rows' tiles
    [InlineData(TransformMode.PerChannel, 2, 1)]
    [InlineData(TransformMode.PerExample, 1, 2)] // two mono clips of different lengths: the shorter one's last tiles are empty
    public void ColorNoise_SinglePass_GivesTheTwoKernelsBits(TransformMode mode, int channels, int clipCount)
    {
        // On CUDA a call whose groups all fit on the device at once colours and mixes in one kernel: each group waits
        // for every group's partials, then mixes the noise it holds with k combined from them in the mix kernel's order.
        // The output must equal the two kernels' bit for bit, in one launch instead of two (elsewhere both runs take
        // the two kernels). Checked against the CPU path too.
        GpuDevice device = Device;
        var kernel = device.Kernels.ColorNoise;
        bool setting = kernel.SinglePass;
        bool cuda = device.Backend == GpuBackend.Cuda;
        var transform = new AddColorNoise(p: 1, mode: mode);
        int[] lengths = [.. Enumerable.Range(0, clipCount).Select(c => c == 0 ? 61_007 : 20_003)];
        float[][][] clips = [.. lengths.Select((length, c) => Enumerable.Range(0, channels).Select(ch => Signals.Noise(length, 40 + (10 * c) + ch)).ToArray())];
        var results = new List<float[][][]>();
        AugmentationPlan? plan = null;
        try
        {
            foreach (bool single in new[] { false, true })
            {
                kernel.SinglePass = single;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                long launches = device.Launches;
                plan = transform.Apply(batch, seed: 21, call: 3);
                Assert.Equal(single && cuda ? 1 : 2, device.Launches - launches);
                results.Add(batch.ToChannelArrays());
            }
        }
        finally
        {
            kernel.SinglePass = setting;
        }

        using var cpuDevice = new CpuDevice(2);
        using AudioBatch cpuBatch = cpuDevice.Upload(clips, TransformTable.SampleRate);
        transform.Replay(cpuBatch, plan!);
        float[][][] cpu = cpuBatch.ToChannelArrays();
        for (int b = 0; b < clipCount; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                Assert.Equal(results[0][b][c], results[1][b][c]);
                GpuTolerances.For("AddColorNoise").AssertClose(cpu[b][c], results[1][b][c], Tolerance.Scale(clips[b][c], cpu[b][c]), $"{mode}, clip {b}, channel {c}");
            }
        }
    }
}
