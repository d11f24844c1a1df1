using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>The causal IIR kernel (<see cref="IirCascadeKernel.RunCausal{TGroup, TKind}"/>) at the edges of its tiles.</summary>
public abstract partial class GpuFilterTests
{
    /// <summary>
    /// The four band filters causal, and two zero phase (both passes: the odd extension read on the fly, the scratch read
    /// backwards), some per channel, with p &lt; 1 so that some rows are skipped.
    /// </summary>
    public static TheoryData<string> CausalKernelCases =>
        ["LowPass", "HighPass per channel", "BandPass", "BandStop per channel", "LowPass zero-phase", "BandStop zero-phase per channel"];

    [Theory]
    [MemberData(nameof(CausalKernelCases))]
    public void CausalKernel_AtTileEdges_EqualsGeneralKernel_AndMatchesCpu(string name)
    {
        // Rows shorter than a tile, a sample either side of one and of several tiles, two channels, every clip
        // its own length, p = 0.6: the causal kernel reads whole tiles at one base address and checks bounds
        // only in a row's last tile (zero phase: in the tiles that touch the padding). It runs the general kernel's arithmetic in the same order, so both must
        // agree bit for bit, and with the CPU path within the filters' tolerance (skipped rows unchanged).
        GpuDevice device = Device;
        FilterLaunchers launchers = device.Kernels.Filters;
        int tile = launchers.IirGroupSize * IirCascadeKernel.ChunkLength;
        int[] lengths = [1, 2, 31, 33, tile / 2, tile - 1, tile, tile + 1, (2 * tile) + 37, (3 * tile) - 3];
        float[][][] clips = [.. lengths.Select((n, i) => new[] { Signals.Noise(n, 20 + i), Signals.Noise(n, 40 + i) })];
        Transform transform = name switch
        {
            "LowPass" => new LowPassFilter(p: 0.6),
            "HighPass per channel" => new HighPassFilter(mode: TransformMode.PerChannel, p: 0.6),
            "BandPass" => new BandPassFilter(p: 0.6),
            "BandStop per channel" => new BandStopFilter(mode: TransformMode.PerChannel, p: 0.6),
            "LowPass zero-phase" => new LowPassFilter(zeroPhase: true, p: 0.6),
            _ => new BandStopFilter(mode: TransformMode.PerChannel, zeroPhase: true, p: 0.6),
        };

        bool before = launchers.CausalKernel;
        float[][][] causal, general;
        AugmentationPlan plan;
        try
        {
            launchers.CausalKernel = true;
            using (AudioBatch batch = device.Upload(clips, TransformTable.SampleRate))
            {
                plan = transform.Apply(batch, seed: 31);
                causal = batch.ToChannelArrays();
            }

            launchers.CausalKernel = false;
            using (AudioBatch batch = device.Upload(clips, TransformTable.SampleRate))
            {
                transform.Replay(batch, plan);
                general = batch.ToChannelArrays();
            }
        }
        finally
        {
            launchers.CausalKernel = before;
        }

        float[][][] cpu = CpuReplay.Channels(transform, clips, plan);
        bool[] applied = plan.Steps[0].Applied;
        Assert.Contains(true, applied);
        Assert.Contains(false, applied);
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < 2; c++)
            {
                string what = $"{name}, clip {b} ({lengths[b]} samples), channel {c}, applied {applied[(b * 2) + c]}";
                Assert.True(general[b][c].AsSpan().SequenceEqual(causal[b][c]), $"{what}: the causal kernel differs from the general one");
                GpuTolerances.Iir.AssertClose(cpu[b][c], causal[b][c], Tolerance.Scale(clips[b][c], cpu[b][c]), what);
            }
        }
    }
}
