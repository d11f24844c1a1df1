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

        float[][][] cpu = CpuReplay.Channels(transform, clips, plan!);
        for (int b = 0; b < clipCount; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                Assert.Equal(results[0][b][c], results[1][b][c]);
                GpuTolerances.For("AddColorNoise").AssertClose(cpu[b][c], results[1][b][c], Tolerance.Scale(clips[b][c], cpu[b][c]), $"{mode}, clip {b}, channel {c}");
            }
        }
    }

    [Theory]
    [InlineData(TransformMode.PerExample, 2, 128)]
    [InlineData(TransformMode.PerChannel, 2, 128)]
    [InlineData(TransformMode.PerExample, 1, 6)]
    [InlineData(TransformMode.PerExample, 1, 512)] // above the groups' largest nFft: the host designs either way
    public void ColorNoise_SmallCalls_DesignInTheGroups_AndMatchTheHostDesignAndTheCpu(TransformMode mode, int channels, int nFft)
    {
        // Calls of up to two rows design their filters in the colouring groups (no host design before the launch):
        // the same noise as the host's design within float rounding of the taps (their unit-energy scaling cancels in
        // the SNR scale), and the CPU path's within AddColorNoise's tolerance. A call that reads taps it never designed,
        // or designs the wrong row's, fails both.
        GpuDevice device = Device;
        var kernel = device.Kernels.ColorNoise;
        bool setting = kernel.GroupDesign;
        var transform = new AddColorNoise(minFDecayDbPerOctave: -6, maxFDecayDbPerOctave: 6, p: 1, nFft: nFft, mode: mode);
        float[][][] clips = [[.. Enumerable.Range(0, channels).Select(ch => Signals.Noise(30_011, 70 + ch))]];
        var results = new List<float[][][]>();
        AugmentationPlan? plan = null;
        try
        {
            foreach (bool inGroups in new[] { true, false })
            {
                kernel.GroupDesign = inGroups;
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                plan = transform.Apply(batch, seed: 5, call: 1);
                results.Add(batch.ToChannelArrays());
            }
        }
        finally
        {
            kernel.GroupDesign = setting;
        }

        float[][][] cpu = CpuReplay.Channels(transform, clips, plan!);
        for (int c = 0; c < channels; c++)
        {
            Assert.NotEqual(clips[0][c], results[0][0][c]);
            double scale = Tolerance.Scale(clips[0][c], cpu[0][c]);
            GpuTolerances.For("AddColorNoise").AssertClose(results[1][0][c], results[0][0][c], scale, $"{mode}, nFft {nFft}, channel {c}: groups against host design");
            GpuTolerances.For("AddColorNoise").AssertClose(cpu[0][c], results[0][0][c], scale, $"{mode}, nFft {nFft}, channel {c}: groups against the CPU");
        }
    }
}
