namespace FastAudiomentations;

/// <summary>Decoded audio: one float array per channel, all of one length, at one sample rate.</summary>
/// <remarks>
/// Samples are nominally in [-1, 1] (full scale of the source format); nothing is clamped on decode.
/// The arrays are held, not copied: an <see cref="AudioData"/> handed out by an <see cref="AudioCorpus"/>
/// is shared with its cache and must not be modified.
/// </remarks>
public sealed class AudioData
{
    /// <summary>Wraps decoded channels.</summary>
    /// <param name="channels">At least one channel; every channel has the same length (zero is allowed).</param>
    /// <param name="sampleRate">Samples per second per channel, positive.</param>
    public AudioData(float[][] channels, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Length == 0)
        {
            throw new ArgumentException("Audio needs at least one channel.", nameof(channels));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        int length = (channels[0] ?? throw new ArgumentException("Channel 0 is null.", nameof(channels))).Length;
        for (int c = 1; c < channels.Length; c++)
        {
            float[] channel = channels[c] ?? throw new ArgumentException($"Channel {c} is null.", nameof(channels));
            if (channel.Length != length)
            {
                throw new ArgumentException($"Channel {c} has {channel.Length} samples; channel 0 has {length}. Every channel must have the same length.", nameof(channels));
            }
        }

        Channels = channels;
        SampleRate = sampleRate;
    }

    /// <summary>The samples, [channel][sample].</summary>
    public float[][] Channels { get; }

    /// <summary>Samples per second per channel.</summary>
    public int SampleRate { get; }

    /// <summary>Samples per channel.</summary>
    public int Length => Channels[0].Length;

    /// <summary>Number of channels, at least 1.</summary>
    public int ChannelCount => Channels.Length;

    /// <summary>Length in seconds: <see cref="Length"/> / <see cref="SampleRate"/>.</summary>
    public double DurationSeconds => (double)Length / SampleRate;

    /// <summary>
    /// The channels averaged into one: y[t] = (1 / C) * sum over c of x_c[t]. Returns this instance when it
    /// is already mono.
    /// </summary>
    public AudioData ToMono()
    {
        if (ChannelCount == 1)
        {
            return this;
        }

        var mono = new float[Length];
        foreach (float[] channel in Channels)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(mono, channel, mono);
        }

        System.Numerics.Tensors.TensorPrimitives.Multiply(mono, 1f / ChannelCount, mono);
        return new AudioData([mono], SampleRate);
    }
}
