using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>Host-designed Butterworth calls of many clips, pipelined: the first clips' rows are filtered while the host designs the rest.</summary>
public abstract partial class GpuFilterTests
{
    /// <summary>Pipelined cases: causal, zero phase, per-channel records, rows skipped by p; and the parts each is filtered in.</summary>
    public static TheoryData<string, int> PipelinedCases => new()
    {
        { "LowPass", 2 }, // at most 2 sections: two parts
        { "BandStop zero-phase", 2 }, // zero phase halves the order per pass: at most 2 sections
        { "HighPass per channel", 3 }, // up to 8 sections: three parts
        { "BandPass p 0.6", 3 },
    };

    [Theory]
    [MemberData(nameof(PipelinedCases))]
    public void PipelinedHostDesigns_EqualCpu_AndLaunchOncePerPartAndPass(string name, int parts)
    {
        // 40 stereo clips of different lengths (one empty, one of a single sample): 40 >= the 32 clips from which a
        // host-designed call is pipelined, so the first 5 clips are designed and filtered first, and the others designed
        // while the device filters the part before, copied up and filtered by a launch of their own (per pass): clips
        // 5-39, or 5-16 and 17-39 for designs of 3 sections or more. Every row must equal the CPU path's, whatever part
        // it is in.
        Transform transform = name switch
        {
            "LowPass" => new LowPassFilter(p: 1),
            "BandStop zero-phase" => new BandStopFilter(zeroPhase: true, p: 1),
            "HighPass per channel" => new HighPassFilter(minRolloffDbPerOctave: 6, maxRolloffDbPerOctave: 48, mode: TransformMode.PerChannel, p: 1),
            _ => new BandPassFilter(p: 0.6),
        };
        int[] lengths = [.. Enumerable.Range(0, 40).Select(b => b == 7 ? 0 : b == 9 ? 1 : 300 + (53 * b))];
        float[][][] clips = [.. lengths.Select((length, b) => new[] { Signals.Noise(length, (2 * b) + 1), Signals.Noise(length, (2 * b) + 2) })];
        GpuDevice device = Device;
        FilterLaunchers filters = device.Kernels.Filters;
        int saved = filters.HostDesignRows;
        try
        {
            filters.HostDesignRows = int.MaxValue; // where the device could design the rows, design them on the host
            using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
            long before = device.Launches;
            AugmentationPlan plan = transform.Apply(batch, seed: 31, call: 2);
            int passes = name.Contains("zero-phase", StringComparison.Ordinal) ? 2 : 1;
            Assert.Equal(parts * passes, device.Launches - before);
            float[][][] gpu = batch.ToChannelArrays();
            float[][][] cpu = CpuReplay.Channels(transform, clips, plan);
            string filter = transform.Name;
            for (int b = 0; b < clips.Length; b++)
            {
                for (int c = 0; c < 2; c++)
                {
                    GpuTolerances.For(filter).AssertClose(cpu[b][c], gpu[b][c], Tolerance.Scale(clips[b][c], cpu[b][c]), $"{name}, clip {b}, channel {c}");
                }
            }
        }
        finally
        {
            filters.HostDesignRows = saved;
        }
    }
}
