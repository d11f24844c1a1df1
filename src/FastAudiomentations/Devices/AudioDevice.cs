namespace FastAudiomentations;

/// <summary>
/// Where batches live and transforms run: the CPU (<see cref="CpuDevice"/>) or a GPU
/// (FastAudiomentations.Gpu). A device owns its batches' memory and the scratch its transforms need.
/// </summary>
/// <remarks>
/// A device is used from one thread at a time, like a CUDA stream; give each training worker its own.
/// </remarks>
public abstract class AudioDevice : IDisposable
{
    private readonly PlanCache _plans = new();

    /// <summary>A short human-readable name ("CPU (16 threads)", "Cuda NVIDIA H100 80GB HBM3").</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Uploads mono clips of any lengths into a new batch.
    /// </summary>
    /// <param name="clips">One array per clip; lengths may differ (the longest sets the capacity).</param>
    /// <param name="sampleRate">Sample rate of every clip in Hz; must be positive.</param>
    /// <param name="nonFinite">What to do with NaN or infinite samples.</param>
    /// <param name="exampleIds">Random-stream identity per clip (default: position in the batch).</param>
    public AudioBatch Upload(IReadOnlyList<float[]> clips, int sampleRate, NonFiniteInputPolicy nonFinite = NonFiniteInputPolicy.Reject, IReadOnlyList<uint>? exampleIds = null)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var channels = new float[clips.Count][][];
        for (int b = 0; b < clips.Count; b++)
        {
            channels[b] = [clips[b] ?? throw new ArgumentException($"Clip {b} is null.", nameof(clips))];
        }

        return Upload(channels, sampleRate, nonFinite, exampleIds);
    }

    /// <summary>Uploads clips given as [clip][channel][sample] into a new batch.</summary>
    /// <param name="clips">Every clip has the same number of channels; the channels of one clip have one length.</param>
    /// <param name="sampleRate">Sample rate of every clip in Hz; must be positive.</param>
    /// <param name="nonFinite">What to do with NaN or infinite samples.</param>
    /// <param name="exampleIds">Random-stream identity per clip (default: position in the batch).</param>
    public AudioBatch Upload(IReadOnlyList<float[][]> clips, int sampleRate, NonFiniteInputPolicy nonFinite = NonFiniteInputPolicy.Reject, IReadOnlyList<uint>? exampleIds = null)
    {
        BatchUpload upload = BatchUpload.Prepare(clips, sampleRate, nonFinite, exampleIds);
        BatchStorage storage = CreateStorage(upload.Rows, upload.Capacity);
        try
        {
            storage.CopyFrom(upload.Samples);
        }
        catch
        {
            storage.Dispose();
            throw;
        }

        return new AudioBatch(this, storage, upload.Channels, upload.Capacity, sampleRate, upload.Lengths, upload.ExampleIds);
    }

    /// <summary>Makes storage for <paramref name="rows"/> rows of <paramref name="capacity"/> samples, zeroed.</summary>
    internal abstract BatchStorage CreateStorage(int rows, int capacity);

    /// <summary>Runs the sampled steps of <paramref name="plan"/> over <paramref name="batch"/>, in order.</summary>
    internal abstract void Execute(AugmentationPlan plan, AudioBatch batch);

    /// <summary>
    /// Samples the call's plan (<paramref name="seed"/>, <paramref name="call"/>) and runs it over <paramref name="batch"/>
    /// (<see cref="Transform.Apply"/>); returns the plan, which the device may refill from the next call of the pipeline
    /// on. A device may override it to do part of the next call's work while this one runs.
    /// </summary>
    internal virtual AugmentationPlan Apply(Transform pipeline, AudioBatch batch, long seed, long call)
    {
        AugmentationPlan plan = PlanFor(pipeline, batch.BatchSize, batch.Channels);
        plan.Sample(batch, seed, call);
        Execute(plan, batch);
        return plan;
    }

    /// <summary>The reusable plan of <paramref name="pipeline"/> for a batch shape; steady-state calls allocate nothing.</summary>
    internal AugmentationPlan PlanFor(Transform pipeline, int batchSize, int channels) => _plans.Get(pipeline, batchSize, channels);

    /// <summary>Releases what the device holds.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the device's resources; <paramref name="disposing"/> is false from a finaliser.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
