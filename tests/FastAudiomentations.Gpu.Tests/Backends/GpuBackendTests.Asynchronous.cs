using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>Asynchronous calls (<see cref="GpuDevice.Asynchronous"/>): the same results as synchronous ones, nothing allocated.</summary>
public abstract partial class GpuBackendTests
{
    /// <summary>
    /// Calls on three batches, interleaved, every call returning before its work is done: the table slots alternate, a
    /// later batch grows the pool while earlier calls may still run, and the read-backs wait. Every batch must end exactly
    /// as the same calls made synchronously leave it (same kernels, same launches, same order on one stream).
    /// </summary>
    [Fact]
    public void AsynchronousCalls_OnInterleavedBatches_EqualSynchronousCalls()
    {
        string[] names = [.. TransformTable.Names.Select(row => (string)row.Data)];
        var pipeline = new Compose([.. names.Select(TransformTable.Create)]);
        float[][][] clips =
        [
            Signals.NoiseClips(51, Lengths),
            Signals.NoiseClips(52, LargeLengths),
            Signals.NoiseClips(53, [.. LargeLengths.Select(n => (2 * n) + 3)]),
        ];
        int[] order = [0, 1, 0, 2, 1, 2, 0];
        float[][][] synchronous = RunInterleaved(pipeline, clips, order, asynchronous: false);
        float[][][] asynchronous = RunInterleaved(pipeline, clips, order, asynchronous: true);
        for (int k = 0; k < clips.Length; k++)
        {
            for (int b = 0; b < clips[k].Length; b++)
            {
                Assert.Equal(synchronous[k][b], asynchronous[k][b]);
            }
        }
    }

    [Fact]
    public void AsynchronousCalls_AlternateTableSlots_WaitingOnlyForTheCallTwoBack()
    {
        GpuDevice device = Device;
        bool was = device.Asynchronous;
        bool ahead = device.PlanAhead;
        using AudioBatch batch = device.Upload(Signals.NoiseClips(71, Lengths), TransformTable.SampleRate);
        var gain = new Gain(p: 1);
        try
        {
            // Calls planned when made: a call planned ahead resolves its slot's last call while the call before it runs,
            // by a wait or, on CUDA, by a query that finds it finished only if it has (run 194: one more resolution, by
            // timing), so its count is not the protocol's.
            device.PlanAhead = false;
            device.Asynchronous = true;
            gain.Apply(batch, seed: 1, call: 0);
            gain.Apply(batch, seed: 1, call: 1);
            long waits = device.SlotWaits;
            gain.Apply(batch, seed: 1, call: 2);
            gain.Apply(batch, seed: 1, call: 3);
            gain.Apply(batch, seed: 1, call: 4);
            Assert.Equal(waits + 3, device.SlotWaits);
            device.Synchronize();
            gain.Apply(batch, seed: 1, call: 5);
            gain.Apply(batch, seed: 1, call: 6);
            Assert.Equal(waits + 3, device.SlotWaits);
        }
        finally
        {
            device.Synchronize();
            device.Asynchronous = was;
            device.PlanAhead = ahead;
        }
    }

    [Theory]
    [InlineData("Gain")]
    [InlineData("Normalize")]
    [InlineData("LowPassFilter")]
    [InlineData("AddBackgroundNoise")]
    public void AsynchronousSteadyStateCalls_AllocateNothing_OnHostOrDevice(string name)
    {
        GpuDevice device = Device;
        bool was = device.Asynchronous;
        device.Asynchronous = true;
        try
        {
            SteadyStateAllocation.AssertNone(device, TransformTable.Create(name), Lengths, CallsPerWindow);
        }
        finally
        {
            device.Synchronize();
            device.Asynchronous = was;
        }
    }

    [Fact]
    public void DisposingABatch_WithACallInFlight_LeavesTheDeviceUsable()
    {
        GpuDevice device = Device;
        bool was = device.Asynchronous;
        var pipeline = new Compose(new Gain(p: 1), new LowPassFilter(p: 1), new Normalize(p: 1));
        float[][] clips = Signals.NoiseClips(61, Lengths);
        try
        {
            device.Asynchronous = true;
            using (AudioBatch doomed = device.Upload(clips, TransformTable.SampleRate))
            {
                pipeline.Apply(doomed, seed: 3, call: 0);
            }

            float[][] after = RunGpu(pipeline, clips, seed: 3, call: 1);
            device.Asynchronous = false;
            Assert.Equal(RunGpu(pipeline, clips, seed: 3, call: 1), after);
        }
        finally
        {
            device.Asynchronous = was;
        }
    }

    private float[][][] RunInterleaved(Transform pipeline, float[][][] clips, int[] order, bool asynchronous)
    {
        GpuDevice device = Device;
        bool was = device.Asynchronous;
        var batches = new AudioBatch[clips.Length];
        try
        {
            for (int k = 0; k < clips.Length; k++)
            {
                batches[k] = device.Upload(clips[k], TransformTable.SampleRate);
            }

            device.Asynchronous = asynchronous;
            for (int i = 0; i < order.Length; i++)
            {
                pipeline.Apply(batches[order[i]], seed: 17, call: i);
            }

            return [.. batches.Select(batch => batch.ToArrays())];
        }
        finally
        {
            device.Asynchronous = was;
            foreach (AudioBatch? batch in batches)
            {
                batch?.Dispose();
            }
        }
    }
}
