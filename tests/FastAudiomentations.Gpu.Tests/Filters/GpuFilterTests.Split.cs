using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Filters;

public abstract partial class GpuFilterTests
{
    /// <summary>A band centre and width whose low edge (15 Hz at the tests' 16 kHz) settles too slowly for any window.</summary>
    private const double SplitCentreHz = 265;

    private const double SplitBandwidthHz = 500;

    /// <summary>
    /// Split calls (<see cref="IirRecord.Write"/>'s splitReach): band filters whose 15-20 Hz low edge gives a cascade too slow
    /// for a window, centre, bandwidth, roll-off. Their first sections (band designs run by increasing pole radius) settle
    /// within one on their own.
    /// </summary>
    public static TheoryData<double, double, int> SplitCases => new()
    {
        { SplitCentreHz, SplitBandwidthHz, 48 },
        { SplitCentreHz, SplitBandwidthHz, 24 },
        { 150, 260, 36 },
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Split_SlowCascade_FirstSectionsInAWindowThenLookBack_MatchesLookBackAndCpu(double centreHz, double bandwidthHz, int rolloff)
    {
        // The premise, from the design the transform runs: the cascade settles past the largest window's reach, its first
        // section within it. Then one call takes one warm-up launch (the prefix) and splits, and its output is as close to
        // the CPU path as the whole look-back's (AssertAsCloseAsLookBack). Off, it looks back whole.
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        int reach = launchers.MaxWarmUp;
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        int count = ButterworthDesign.BandPass(rolloff / 6, centreHz - (bandwidthHz / 2), centreHz + (bandwidthHz / 2), TransformTable.SampleRate, sections);
        long total = 0;
        foreach (BiquadSection section in sections[..count])
        {
            total += BiquadChunkScan.SettlingSamples(section, IirCascadeKernel.ChunkLength);
        }

        long first = BiquadChunkScan.SettlingSamples(sections[0], IirCascadeKernel.ChunkLength);
        Assert.True(total > reach && first <= reach, $"premise: the cascade settles in {total} samples, its first section in {first}, a window reaches {reach}");

        int length = (11 * reach / 2) + 7;
        float[][][] clips = [[Signals.Noise(length, 71)]];
        var transform = new BandPassFilter(centreHz, centreHz, bandwidthHz / centreHz, bandwidthHz / centreHz, rolloff, rolloff, p: 1);
        long splitCalls = launchers.SplitCalls;
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 6, split: true);
        Assert.Equal(1, run.WarmUpLaunches);
        Assert.Equal(1, launchers.SplitCalls - splitCalls);
        AssertAsCloseAsLookBack(transform, clips, run, $"BandPass {centreHz} Hz +- {bandwidthHz / 2} Hz {rolloff} dB/oct, settling {total} samples");

        WarmUpRun whole = WarmUpAndLookBack(transform, clips, seed: 6, split: false);
        Assert.Equal(0, whole.WarmUpLaunches);
        Assert.Equal(1, launchers.SplitCalls - splitCalls);
    }

    [Fact]
    public void Split_TwoRows_LookBackWhole()
    {
        // Rows of one call could split at different sections: a stereo call of the same slow band looks back whole.
        GpuDevice device = Device;
        int reach = device.Kernels.Filters.MaxWarmUp;
        float[][][] clips = [[Signals.Noise((3 * reach) + 5, 72), Signals.Noise((3 * reach) + 5, 73)]];
        var transform = new BandPassFilter(SplitCentreHz, SplitCentreHz, SplitBandwidthHz / SplitCentreHz, SplitBandwidthHz / SplitCentreHz, 48, 48, p: 1);
        long splitCalls = device.Kernels.Filters.SplitCalls;
        WarmUpRun run = WarmUpAndLookBack(transform, clips, seed: 7, split: true);
        Assert.Equal(0, run.WarmUpLaunches);
        Assert.Equal(0, device.Kernels.Filters.SplitCalls - splitCalls);
        AssertAsCloseAsLookBack(transform, clips, run, "stereo");
    }

    /// <summary>
    /// Every channel of a split call (<see cref="WarmUpRun.Warm"/>) is as close to the CPU path as the whole look-back
    /// (<see cref="WarmUpRun.LookBack"/>): within 1.5 times the look-back's largest error plus 1e-6 of the clip's scale,
    /// and apart from the look-back by no more than that error plus 1e-6 of the scale.
    /// </summary>
    /// <remarks>
    /// Why not the filters' fixed tolerance: a band edge this low puts poles within ~1e-3 of the unit circle, whose
    /// sections amplify float rounding; the look-back itself then differs from the CPU path by ~1e-5 of the scale (the
    /// selftest bounds 48 dB/oct bands by 3e-4), up to 8e-4 for the 15 Hz, 48 dB/oct case here. A split adds the prefix's
    /// window, whose warm-up forgets its state to 2^-32 and rounds as the look-back does: the tail then amplifies rounding
    /// of the same size falling elsewhere, whose largest excursion over a clip differs from the look-back's by tens of
    /// percent (on the CPU accelerator 0.9-1.16 times it), hence 1.5.
    /// </remarks>
    private static void AssertAsCloseAsLookBack(Transform transform, float[][][] clips, WarmUpRun run, string what)
    {
        using var cpuDevice = new CpuDevice(2);
        using AudioBatch cpuBatch = cpuDevice.Upload(clips, TransformTable.SampleRate);
        transform.Replay(cpuBatch, run.Plan);
        float[][][] cpu = cpuBatch.ToChannelArrays();
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < clips[b].Length; c++)
            {
                double scale = Tolerance.Scale(clips[b][c], cpu[b][c]);
                double lookBack = MaxDifference(cpu[b][c], run.LookBack[b][c]);
                double split = MaxDifference(cpu[b][c], run.Warm[b][c]);
                double apart = MaxDifference(run.LookBack[b][c], run.Warm[b][c]);
                string where = $"{what}, clip {b}, channel {c}: against the CPU path the split is {split:E3} off, the look-back {lookBack:E3}; they are {apart:E3} apart (scale {scale:G4})";
                Assert.True(split <= (1.5 * lookBack) + (1e-6 * scale), where);
                Assert.True(apart <= lookBack + (1e-6 * scale), where);
            }
        }
    }

    private static double MaxDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double most = 0;
        for (int i = 0; i < a.Length; i++)
        {
            most = Math.Max(most, Math.Abs((double)a[i] - b[i]));
        }

        return most;
    }
}
