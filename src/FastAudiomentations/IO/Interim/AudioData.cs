namespace FastAudiomentations;

/// <summary>Decoded audio: one float array per channel and a sample rate (interim stand-in, see README.md).</summary>
public sealed class AudioData
{
    /// <summary>Wraps <paramref name="channels"/> (equal lengths) at <paramref name="sampleRate"/> Hz.</summary>
    public AudioData(float[][] channels, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (channels.Length == 0 || channels.Any(c => c is null || c.Length != channels[0].Length))
        {
            throw new ArgumentException("Audio needs at least one channel, all of one length.", nameof(channels));
        }

        Channels = channels;
        SampleRate = sampleRate;
    }

    /// <summary>Samples per channel, [channel][t].</summary>
    public float[][] Channels { get; }

    /// <summary>Sample rate, Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples per channel.</summary>
    public int Length => Channels[0].Length;

    /// <summary>Number of channels.</summary>
    public int ChannelCount => Channels.Length;

    /// <summary>Duration, seconds.</summary>
    public double DurationSeconds => (double)Length / SampleRate;
}
