using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Filters;

public abstract partial class GpuFilterTests
{
    /// <summary>
    /// A band centre and width whose low edge (75 Hz at the tests' 16 kHz) settles too slowly for any window, while the
    /// high edge's sections settle within either accelerator's (32-192 samples each). (Edges much further apart make a
    /// float cascade itself inaccurate: at 25 Hz to 2,975 Hz and 48 dB/oct the CPU path and a plain float loop are both
    /// ~15% of the peak off a double-precision run of the same sections, which no test here could bound.)
    /// </summary>
    private const double SplitCentreHz = 1000;

    private const double SplitBandwidthHz = 1850;

    /// <summary>
    /// Split calls (<see cref="IirRecord.Write"/>'s splitReach): band filters whose 40-90 Hz low edge gives a cascade too
    /// slow for a window, centre, bandwidth, roll-off. Their first sections (band designs run by increasing pole radius)
    /// settle within one on their own: at 16 kHz 4 of 8 or 10 within the CPU accelerator's reach (448 samples), 7 of 8 and
    /// 9 of 10 within CUDA's (7,168). The CPU path filters them within 0.05-0.2% of the peak of a double-precision run.
    /// </summary>
    public static TheoryData<double, double, int> SplitCases => new()
    {
        { SplitCentreHz, SplitBandwidthHz, 48 },
        { 800, 1520, 48 },
        { 600, 1020, 60 },
    };

    [Theory]
    [MemberData(nameof(SplitCases))]
    public void Split_SlowCascade_FirstSectionsInAWindowThenLookBack_MatchesLookBackAndCpu(double centreHz, double bandwidthHz, int rolloff)
    {
        // The premise, from the design the transform runs: the cascade settles past the largest window's reach, its first
        // MinSplitPrefix sections within it. Then one call takes one warm-up launch (the prefix) and splits, and its output
        // is as close to the CPU path as the whole look-back's (AssertAsCloseAsLookBack). Off, it looks back whole.
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        int reach = launchers.MaxWarmUp;
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        int count = ButterworthDesign.BandPass(rolloff / 6, centreHz - (bandwidthHz / 2), centreHz + (bandwidthHz / 2), TransformTable.SampleRate, sections);
        long total = CascadeSettling(sections[..count]);
        long first = CascadeSettling(sections[..IirRecord.MinSplitPrefix]);
        Assert.True(total > reach && first <= reach, $"premise: the cascade settles in {total} samples, its first {IirRecord.MinSplitPrefix} sections in {first}, a window reaches {reach}");

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
    /// (<see cref="WarmUpRun.LookBack"/>): within 1.5 times the look-back's largest error plus 1e-6 of the clip's scale.
    /// </summary>
    /// <remarks>
    /// Why not the filters' fixed tolerance against the CPU path: a steep band with a low edge puts poles near the unit
    /// circle, whose sections amplify float rounding, the CPU path's as much as the kernels' (for these cases both are
    /// 2e-5 to 1.3e-3 of the scale off a double-precision run of the same sections; the selftest bounds 48 dB/oct bands by
    /// 3e-4). A split adds the prefix's window, whose warm-up forgets its state to 2^-32 and rounds as the look-back does,
    /// so it should add ulps, not a new kind of error. Where the cascade amplifies rounding, the two are as far apart as
    /// each is from the CPU path (independent roundings of one ill-conditioned sum); against the CPU path the split came
    /// 1.00-1.01 times the look-back's error on the CPU accelerator and 1.01-1.28 times on CUDA (run 183). A split that
    /// dropped a section or started the tail from a wrong state would be off by the signal's scale.
    /// </remarks>
    private static void AssertAsCloseAsLookBack(Transform transform, float[][][] clips, WarmUpRun run, string what)
    {
        float[][][] cpu = CpuReplay.Channels(transform, clips, run.Plan);
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < clips[b].Length; c++)
            {
                double scale = Tolerance.Scale(clips[b][c], cpu[b][c]);
                double[] reference = Array.ConvertAll(cpu[b][c], x => (double)x);
                double lookBack = MaxError(run.LookBack[b][c], reference);
                double split = MaxError(run.Warm[b][c], reference);
                string where = $"{what}, clip {b}, channel {c}: against the CPU path the split is {split:E3} off, the look-back {lookBack:E3} (scale {scale:G4})";
                Assert.True(split <= (1.5 * lookBack) + (1e-6 * scale), where);
            }
        }
    }
}
