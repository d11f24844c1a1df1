using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>The cache of whole-call CUDA graphs: how many call shapes it keeps.</summary>
public abstract partial class GpuBackendTests
{
    [Fact]
    public void GraphCache_KeepsEveryShapeOfARotationOf40Batches()
    {
        // A workload rotating among more batches than the cache used to hold (16 graphs: bench/gpu-notes.md, run 120):
        // each batch's call has its own signature (the batch's address). The first round only remembers them, the second
        // captures each, and from the third every call replays its graph: none is evicted before it comes back. Calls are
        // synchronous (one table slot, so one shape per batch). Without graphs (not CUDA) nothing replays.
        const int Batches = 40;
        GpuDevice device = Device;
        bool asynchronous = device.Asynchronous;
        var transform = new Gain(minGainDb: -6, maxGainDb: 6, p: 1);
        var batches = new List<AudioBatch>();
        try
        {
            device.Asynchronous = false;
            float[][] clips = Signals.NoiseClips(5, [777]);
            for (int b = 0; b < Batches; b++)
            {
                batches.Add(device.Upload(clips, TransformTable.SampleRate));
            }

            long call = 0;
            long captures = device.GraphCaptures;
            for (int round = 0; round < 2; round++)
            {
                foreach (AudioBatch batch in batches)
                {
                    transform.Apply(batch, seed: 3, call++);
                }
            }

            // Each batch's shape is seen in the first round and captured in the second; the third replays them all.
            Assert.Equal(device.UseGraphs ? Batches : 0, device.GraphCaptures - captures);
            long before = device.GraphReplays;
            captures = device.GraphCaptures;
            foreach (AudioBatch batch in batches)
            {
                transform.Apply(batch, seed: 3, call++);
            }

            Assert.Equal(device.UseGraphs ? Batches : 0, device.GraphReplays - before);
            Assert.Equal(0, device.GraphCaptures - captures);
        }
        finally
        {
            device.Asynchronous = asynchronous;
            foreach (AudioBatch batch in batches)
            {
                batch.Dispose();
            }
        }
    }
}
