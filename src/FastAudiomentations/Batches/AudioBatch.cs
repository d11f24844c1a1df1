namespace FastAudiomentations;

/// <summary>
/// A batch of B clips x C channels x T samples of float32, resident on one <see cref="AudioDevice"/>,
/// with a valid length per clip.
/// </summary>
/// <remarks>
/// Layout: row r = b * C + c holds channel c of clip b; sample t of row r sits at r * Capacity + t.
/// Samples at and beyond a clip's length are padding: they are zero when the batch is made and every
/// transform leaves them zero. Upload once, run any number of pipelines in place, read back once.
/// See docs/architecture/batch-layout.md.
/// </remarks>
public sealed class AudioBatch : IDisposable
{
    private readonly int[] _lengths;
    private readonly uint[] _exampleIds;

    internal AudioBatch(AudioDevice device, BatchStorage storage, int channels, int capacity, int sampleRate, int[] lengths, uint[] exampleIds)
    {
        Device = device;
        Storage = storage;
        Channels = channels;
        Capacity = capacity;
        SampleRate = sampleRate;
        _lengths = lengths;
        _exampleIds = exampleIds;
    }

    /// <summary>The device that holds the samples and runs transforms on them.</summary>
    public AudioDevice Device { get; }

    /// <summary>Number of clips, B.</summary>
    public int BatchSize => _lengths.Length;

    /// <summary>Channels per clip, C (the same for every clip).</summary>
    public int Channels { get; }

    /// <summary>Samples reserved per row, T: at least the longest clip's length.</summary>
    public int Capacity { get; }

    /// <summary>Sample rate of every clip, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Rows, B x C.</summary>
    public int Rows => BatchSize * Channels;

    /// <summary>Valid samples per channel of each clip.</summary>
    public ReadOnlySpan<int> Lengths => _lengths;

    /// <summary>
    /// The identity of each clip in the random streams (by default its position in the batch). Giving a
    /// clip the same id gives it the same augmentation in any batch.
    /// </summary>
    public ReadOnlySpan<uint> ExampleIds => _exampleIds;

    internal int[] LengthArray => _lengths;

    internal uint[] ExampleIdArray => _exampleIds;

    internal BatchStorage Storage { get; }

    /// <summary>Copies the batch back as one array per clip; clips must be mono (use <see cref="ToChannelArrays"/> otherwise).</summary>
    public float[][] ToArrays()
    {
        if (Channels != 1)
        {
            throw new InvalidOperationException($"The batch has {Channels} channels; use ToChannelArrays() for multichannel clips.");
        }

        float[][][] clips = ToChannelArrays();
        var mono = new float[clips.Length][];
        for (int b = 0; b < clips.Length; b++)
        {
            mono[b] = clips[b][0];
        }

        return mono;
    }

    /// <summary>Copies the batch back as [clip][channel][sample], each clip at its valid length.</summary>
    public float[][][] ToChannelArrays()
    {
        var host = new float[Rows * Capacity];
        Storage.CopyTo(host);
        var clips = new float[BatchSize][][];
        for (int b = 0; b < BatchSize; b++)
        {
            clips[b] = new float[Channels][];
            for (int c = 0; c < Channels; c++)
            {
                clips[b][c] = host.AsSpan(((b * Channels) + c) * Capacity, _lengths[b]).ToArray();
            }
        }

        return clips;
    }

    /// <summary>Copies every row, padding included, into <paramref name="destination"/> (Rows x Capacity floats).</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Rows * Capacity)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats; the batch needs {Rows * Capacity}.", nameof(destination));
        }

        Storage.CopyTo(destination[..(Rows * Capacity)]);
    }

    /// <inheritdoc/>
    public void Dispose() => Storage.Dispose();
}
