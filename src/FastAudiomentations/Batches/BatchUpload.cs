using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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

        int channels = clips.Count == 0 ? 1 : Math.Max(1, clips[0]?.Length ?? 1);
        var lengths = new int[clips.Count];
        int capacity = 0;
        for (int b = 0; b < clips.Count; b++)
        {
            float[][] clip = clips[b];
            string? problem = ChannelProblem(clip, b);
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(clips));
            }

            if (clip.Length != channels)
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
                int bad = ApplyPolicy(row, nonFinite);
                if (bad >= 0)
                {
                    throw new ArgumentException($"Clip {b}, channel {c}, sample {bad} is {row[bad]}; pass NonFiniteInputPolicy.ReplaceWithZero or Propagate to accept such input.", nameof(clips));
                }
            }
        }

        var ids = new uint[clips.Count];
        for (int b = 0; b < ids.Length; b++)
        {
            ids[b] = exampleIds is null ? (uint)b : exampleIds[b];
        }

        return new BatchUpload(samples, channels, capacity, lengths, ids);
    }

    /// <summary>Why <paramref name="clip"/> cannot be uploaded, or null when its channel arrays are usable.</summary>
    private static string? ChannelProblem(float[][] clip, int index)
    {
        if (clip is null || clip.Length == 0)
        {
            return $"Clip {index} has no channels.";
        }

        int missing = Array.IndexOf(clip, null);
        return missing >= 0 ? $"Clip {index}: channel {missing} is null." : null;
    }

    /// <summary>
    /// Applies the policy to one row; returns the index of the first non-finite sample when the policy
    /// rejects it, else -1.
    /// </summary>
    private static int ApplyPolicy(Span<float> row, NonFiniteInputPolicy policy)
    {
        if (policy == NonFiniteInputPolicy.Propagate)
        {
            return -1;
        }

        int bad = IndexOfNonFinite(row);
        if (bad < 0 || policy == NonFiniteInputPolicy.Reject)
        {
            return bad;
        }

        for (int t = bad; t < row.Length; t++)
        {
            row[t] = float.IsFinite(row[t]) ? row[t] : 0f;
        }

        return -1;
    }

    /// <summary>
    /// The first NaN or infinity in <paramref name="x"/>, or -1. Vectorised because every upload checks
    /// every sample: x - x is 0 for finite x and NaN otherwise.
    /// </summary>
    private static int IndexOfNonFinite(ReadOnlySpan<float> x)
    {
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float start = ref MemoryMarshal.GetReference(x);
            for (; t <= x.Length - Vector256<float>.Count; t += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref start, (nuint)t);
                if (!Vector256.EqualsAll(v - v, Vector256<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; t < x.Length; t++)
        {
            if (!float.IsFinite(x[t]))
            {
                return t;
            }
        }

        return -1;
    }
}
