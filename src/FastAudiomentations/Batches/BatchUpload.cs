namespace FastAudiomentations;

/// <summary>Validated host-side staging of clips before they go to a device.</summary>
internal sealed class BatchUpload
{
    private BatchUpload(float[] samples, int channels, int capacity, int[] lengths, uint[] exampleIds)
    {
        Samples = samples;
        Channels = channels;
        Capacity = capacity;
        Lengths = lengths;
        ExampleIds = exampleIds;
    }

    public float[] Samples { get; }

    public int Channels { get; }

    public int Capacity { get; }

    public int[] Lengths { get; }

    public uint[] ExampleIds { get; }

    public int Rows => Lengths.Length * Channels;

    public static BatchUpload Prepare(IReadOnlyList<float[][]> clips, int sampleRate, NonFiniteInputPolicy nonFinite, IReadOnlyList<uint>? exampleIds)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (exampleIds is not null && exampleIds.Count != clips.Count)
        {
            throw new ArgumentException($"{exampleIds.Count} example ids were given for {clips.Count} clips.", nameof(exampleIds));
        }

        int channels = clips.Count == 0 ? 1 : ChannelCount(clips[0], 0);
        var lengths = new int[clips.Count];
        int capacity = 0;
        for (int b = 0; b < clips.Count; b++)
        {
            float[][] clip = clips[b];
            if (ChannelCount(clip, b) != channels)
            {
                throw new ArgumentException($"Clip {b} has {clip.Length} channels; clip 0 has {channels}. Every clip of a batch needs the same channel count.", nameof(clips));
            }

            lengths[b] = clip[0].Length;
            for (int c = 1; c < channels; c++)
            {
                if (clip[c].Length != lengths[b])
                {
                    throw new ArgumentException($"Clip {b}: channel {c} has {clip[c].Length} samples, channel 0 has {lengths[b]}.", nameof(clips));
                }
            }

            capacity = Math.Max(capacity, lengths[b]);
        }

        var samples = new float[(long)clips.Count * channels * capacity];
        for (int b = 0; b < clips.Count; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                Span<float> row = samples.AsSpan(((b * channels) + c) * capacity, lengths[b]);
                clips[b][c].CopyTo(row);
                ApplyPolicy(row, nonFinite, b, c);
            }
        }

        var ids = new uint[clips.Count];
        for (int b = 0; b < ids.Length; b++)
        {
            ids[b] = exampleIds is null ? (uint)b : exampleIds[b];
        }

        return new BatchUpload(samples, channels, capacity, lengths, ids);
    }

    private static int ChannelCount(float[][] clip, int index, string clips = "clips")
    {
        if (clip is null || clip.Length == 0)
        {
            throw new ArgumentException($"Clip {index} has no channels.", nameof(clips));
        }

        for (int c = 0; c < clip.Length; c++)
        {
            if (clip[c] is null)
            {
                throw new ArgumentException($"Clip {index}: channel {c} is null.", nameof(clips));
            }
        }

        return clip.Length;
    }

    private static void ApplyPolicy(Span<float> row, NonFiniteInputPolicy policy, int clip, int channel, string clips = "clips")
    {
        if (policy == NonFiniteInputPolicy.Propagate)
        {
            return;
        }

        for (int t = 0; t < row.Length; t++)
        {
            if (!float.IsFinite(row[t]))
            {
                if (policy == NonFiniteInputPolicy.Reject)
                {
                    throw new ArgumentException($"Clip {clip}, channel {channel}, sample {t} is {row[t]}; pass NonFiniteInputPolicy.ReplaceWithZero or Propagate to accept such input.", nameof(clips));
                }

                row[t] = 0f;
            }
        }
    }
}
