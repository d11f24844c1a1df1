using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Gpu.Transforms.Noise;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>AddColorNoise's noise coloured ahead (GpuExecutor.AheadSteps): the bits of the noise coloured in the call.</summary>
public abstract partial class GpuBackendTests
{
    public static TheoryData<TransformMode, int, int, int, bool> ColorNoiseAheadCases() => new()
    {
        { TransformMode.PerExample, 1, 1, 256, false }, // one mono clip: the benchmark's batch 1
        { TransformMode.PerExample, 1, 1, 256, true },
        { TransformMode.PerExample, 2, 1, 256, true }, // one stereo clip: k sums both rows' tiles, the second row at the pitch
        { TransformMode.PerChannel, 2, 1, 256, false },
        { TransformMode.PerExample, 1, 2, 256, true }, // two clips of different lengths: the shorter one's last tiles are empty
        { TransformMode.PerExample, 1, 1, 512, false }, // above the groups' largest nFft: the taps come designed in the table
    };

    /// <summary>Synchronous calls colour their noise in the call by default: they would wait for the work ahead (GpuExecutor.AheadStepsSynchronous).</summary>
    [Fact]
    public void ColorNoise_SynchronousCalls_ColourInTheCall()
    {
        GpuDevice device = Device;
        var transform = new AddColorNoise(p: 1);
        float[][] clips = Signals.NoiseClips(61, [9_001]);
        bool wasAsynchronous = device.Asynchronous;
        bool wasSynchronousAhead = device.AheadStepsSynchronous;
        try
        {
            device.Asynchronous = false;
            device.AheadStepsSynchronous = false;
            long before = device.AheadStepCalls;
            long taken = device.PreparedAheadCalls;
            for (long call = 0; call < 5; call++)
            {
                using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                transform.Apply(batch, seed: 2, call);
            }

            Assert.Equal(3, device.PreparedAheadCalls - taken);
            Assert.Equal(0, device.AheadStepCalls - before);
        }
        finally
        {
            device.Asynchronous = wasAsynchronous;
            device.AheadStepsSynchronous = wasSynchronousAhead;
        }
    }

    /// <summary>
    /// Consecutive calls whose noise is coloured ahead, while the call before runs, equal the same calls colouring their
    /// noise themselves, bit for bit, and every call that took the call planned for it read its noise from the work done
    /// ahead. Synchronous and asynchronous (the two buffers alternate; an asynchronous call's buffer may be written for
    /// the call after next while it still runs, if the ordering is wrong). The call sequence jumps once, so a call's noise
    /// coloured ahead is dropped unread and the next work takes its buffer. Against the CPU path too.
    /// </summary>
    [Theory]
    [MemberData(nameof(ColorNoiseAheadCases))]
    public void ColorNoise_ColouredAhead_GivesTheBitsOfTheCall(TransformMode mode, int channels, int clipCount, int nFft, bool asynchronous)
    {
        GpuDevice device = Device;
        var transform = new AddColorNoise(minFDecayDbPerOctave: -6, maxFDecayDbPerOctave: 6, p: 1, nFft: nFft, mode: mode);
        int[] lengths = [.. Enumerable.Range(0, clipCount).Select(c => c == 0 ? 9_001 : 4_003)];
        float[][][] clips = [.. lengths.Select((length, c) => Enumerable.Range(0, channels).Select(ch => Signals.Noise(length, 50 + (10 * c) + ch)).ToArray())];
        long[] calls = [0, 1, 2, 3, 4, 9, 10, 11, 12];
        bool wasAsynchronous = device.Asynchronous;
        bool wasAheadSteps = device.AheadSteps;
        bool wasPlanAhead = device.PlanAhead;
        bool wasSynchronousAhead = device.AheadStepsSynchronous;
        var runs = new List<float[][][][]>();
        var plans = new AugmentationPlan[calls.Length];
        var readAhead = new List<long>();
        long replays = 0;
        var tookPlanned = new List<long>();
        try
        {
            device.Asynchronous = asynchronous;
            device.PlanAhead = true;
            // Synchronous calls colour in the call by default (GpuExecutor.AheadStepsSynchronous); the switch keeps their
            // way through the work ahead tested.
            device.AheadStepsSynchronous = true;
            foreach (bool ahead in new[] { false, true })
            {
                device.AheadSteps = ahead;
                long before = device.AheadStepCalls;
                long replaysBefore = device.GraphReplays;
                long taken = device.PreparedAheadCalls;
                var outputs = new float[calls.Length][][][];
                for (int k = 0; k < calls.Length; k++)
                {
                    using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
                    plans[k] = transform.Apply(batch, seed: 8, calls[k]).Clone();
                    outputs[k] = batch.ToChannelArrays();
                }

                readAhead.Add(device.AheadStepCalls - before);
                tookPlanned.Add(device.PreparedAheadCalls - taken);
                replays = device.GraphReplays - replaysBefore;
                runs.Add(outputs);
            }
        }
        finally
        {
            device.Synchronize();
            device.Asynchronous = wasAsynchronous;
            device.AheadSteps = wasAheadSteps;
            device.PlanAhead = wasPlanAhead;
            device.AheadStepsSynchronous = wasSynchronousAhead;
        }

        // Calls 2-4 and 11-12 took the call planned by the call before (a step of the call index twice in a row). On CUDA
        // only calls whose table travels with the launch colour ahead: nFft 512's host-designed taps make it too long.
        bool colours = device.Backend != GpuBackend.Cuda || nFft <= ColorNoiseGroupDesign.MaxNFft;
        Assert.Equal([5, 5], tookPlanned);
        Assert.Equal([0, colours ? 5 : 0], readAhead);
        // Synchronous calls use one table slot, and the calls that read either buffer replay one graph (they read which
        // from the table): calls 2 and 3 see it first (once captured), 4, 11 and 12 replay it, with the other calls'.
        Assert.True(asynchronous || !device.UseGraphs || !colours || replays >= 3, $"{replays} replays");
        for (int k = 0; k < calls.Length; k++)
        {
            float[][][] cpu = CpuReplay.Channels(transform, clips, plans[k]);
            for (int b = 0; b < clipCount; b++)
            {
                for (int c = 0; c < channels; c++)
                {
                    Assert.True(runs[0][k][b][c].AsSpan().SequenceEqual(runs[1][k][b][c]), $"call {calls[k]}, clip {b}, channel {c}: coloured ahead differs");
                    Assert.NotEqual(clips[b][c], runs[1][k][b][c]);
                    GpuTolerances.For("AddColorNoise").AssertClose(cpu[b][c], runs[1][k][b][c], Tolerance.Scale(clips[b][c], cpu[b][c]), $"call {calls[k]}, clip {b}, channel {c}");
                }
            }
        }
    }
}
