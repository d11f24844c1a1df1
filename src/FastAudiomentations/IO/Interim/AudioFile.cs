using System.Buffers.Binary;

namespace FastAudiomentations;

/// <summary>Reads and writes audio files (interim stand-in: WAV only, PCM16 and float32; see README.md).</summary>
public static class AudioFile
{
    /// <summary>Extensions <see cref="Read"/> accepts, lower case with the dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions { get; } = [".wav"];

    /// <summary>Reads a WAV file.</summary>
    /// <exception cref="AudioFileException">The file is missing, unreadable or not a supported WAV.</exception>
    public static AudioData Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, error.Message, error);
        }

        if (bytes.Length < 12 || BinaryPrimitives.ReadUInt32BigEndian(bytes) != 0x52494646 || BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(8)) != 0x57415645)
        {
            throw new AudioFileException(path, "not a RIFF/WAVE file.");
        }

        int format = 0, channels = 0, rate = 0, bits = 0, offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            uint id = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset));
            int size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4)), (uint)(bytes.Length - offset - 8));
            ReadOnlySpan<byte> body = bytes.AsSpan(offset + 8, size);
            if (id == 0x666D7420 && size >= 16)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = (int)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                format = format == 0xFFFE && size >= 26 ? BinaryPrimitives.ReadUInt16LittleEndian(body[24..]) : format;
            }
            else if (id == 0x64617461)
            {
                if (channels <= 0 || rate <= 0)
                {
                    throw new AudioFileException(path, "the data chunk comes before a valid fmt chunk.");
                }

                return Decode(path, body, format, channels, rate, bits);
            }

            offset += 8 + size + (size & 1);
        }

        throw new AudioFileException(path, "no data chunk.");
    }

    /// <summary>Writes a WAV file atomically (temporary file beside it, then rename).</summary>
    public static void WriteWav(string path, AudioData audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(audio);
        int bytesPerSample = format == WavSampleFormat.Pcm16 ? 2 : 4;
        int dataSize = audio.Length * audio.ChannelCount * bytesPerSample;
        var bytes = new byte[44 + dataSize];
        Span<byte> h = bytes;
        BinaryPrimitives.WriteUInt32BigEndian(h, 0x52494646);
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(36 + dataSize));
        BinaryPrimitives.WriteUInt32BigEndian(h[8..], 0x57415645);
        BinaryPrimitives.WriteUInt32BigEndian(h[12..], 0x666D7420);
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], (ushort)(format == WavSampleFormat.Pcm16 ? 1 : 3));
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], (ushort)audio.ChannelCount);
        BinaryPrimitives.WriteUInt32LittleEndian(h[24..], (uint)audio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(h[28..], (uint)(audio.SampleRate * audio.ChannelCount * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], (ushort)(audio.ChannelCount * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], (ushort)(bytesPerSample * 8));
        BinaryPrimitives.WriteUInt32BigEndian(h[36..], 0x64617461);
        BinaryPrimitives.WriteUInt32LittleEndian(h[40..], (uint)dataSize);
        int at = 44;
        for (int t = 0; t < audio.Length; t++)
        {
            for (int c = 0; c < audio.ChannelCount; c++, at += bytesPerSample)
            {
                float x = audio.Channels[c][t];
                if (format == WavSampleFormat.Pcm16)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(h[at..], (short)Math.Round(Math.Clamp(x, -1f, 1f) * 32767f));
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(h[at..], x);
                }
            }
        }

        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new AudioFileException(path, error.Message, error);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static AudioData Decode(string path, ReadOnlySpan<byte> data, int format, int channels, int rate, int bits)
    {
        bool pcm16 = format == 1 && bits == 16, float32 = format == 3 && bits == 32;
        if (!pcm16 && !float32)
        {
            throw new AudioFileException(path, $"unsupported WAV encoding (format {format}, {bits} bits).");
        }

        int bytesPerSample = bits / 8;
        int length = data.Length / (bytesPerSample * channels);
        var samples = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            samples[c] = new float[length];
        }

        for (int t = 0, at = 0; t < length; t++)
        {
            for (int c = 0; c < channels; c++, at += bytesPerSample)
            {
                samples[c][t] = pcm16 ? BinaryPrimitives.ReadInt16LittleEndian(data[at..]) / 32768f : BinaryPrimitives.ReadSingleLittleEndian(data[at..]);
            }
        }

        return new AudioData(samples, rate);
    }
}
