using System.Buffers;
using System.Buffers.Binary;

namespace FastAudiomentations;

/// <summary>Writes canonical WAV files: a RIFF header, a fmt chunk, (for float) a fact chunk, and the data.</summary>
/// <remarks>
/// 16-bit PCM: s = clamp(round(x * 32768), -32768, 32767), rounding half away from zero, NaN written as 0,
/// so that every value read from a 16-bit file (s / 32768) is written back to the same code. Float32 (format
/// code 3, with the fact chunk the specification asks of non-PCM data): the samples' bits, unchanged.
/// </remarks>
internal static class WavWriter
{
    private const int FramesPerBlock = 16_384;

    public static void Write(Stream stream, AudioData audio, WavSampleFormat format)
    {
        bool isFloat = format == WavSampleFormat.Float32;
        int bytesPerSample = isFloat ? 4 : 2;
        int channels = audio.ChannelCount;
        int frameBytes = bytesPerSample * channels;
        if (channels > ushort.MaxValue || frameBytes > ushort.MaxValue)
        {
            throw new ArgumentException($"WAV holds at most {ushort.MaxValue / bytesPerSample} channels of this format; the audio has {channels}.", nameof(audio));
        }

        long dataBytes = (long)audio.Length * frameBytes;
        int headerBytes = isFloat ? 12 + 26 + 12 + 8 : 12 + 24 + 8;
        if (dataBytes + headerBytes - 8 > uint.MaxValue)
        {
            throw new ArgumentException($"{dataBytes} bytes of samples do not fit a RIFF file (4 GiB at most).", nameof(audio));
        }

        Span<byte> header = stackalloc byte[headerBytes];
        int at = 0;
        Ascii(header, ref at, "RIFF"u8);
        UInt32(header, ref at, (uint)(dataBytes + headerBytes - 8));
        Ascii(header, ref at, "WAVE"u8);
        Ascii(header, ref at, "fmt "u8);
        UInt32(header, ref at, isFloat ? 18u : 16u);
        UInt16(header, ref at, isFloat ? (ushort)3 : (ushort)1);
        UInt16(header, ref at, (ushort)channels);
        UInt32(header, ref at, (uint)audio.SampleRate);
        UInt32(header, ref at, (uint)((long)audio.SampleRate * frameBytes));
        UInt16(header, ref at, (ushort)frameBytes);
        UInt16(header, ref at, (ushort)(bytesPerSample * 8));
        if (isFloat)
        {
            UInt16(header, ref at, 0);
            Ascii(header, ref at, "fact"u8);
            UInt32(header, ref at, 4);
            UInt32(header, ref at, (uint)audio.Length);
        }

        Ascii(header, ref at, "data"u8);
        UInt32(header, ref at, (uint)dataBytes);
        stream.Write(header);

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Math.Min(audio.Length, FramesPerBlock) * frameBytes));
        try
        {
            for (int start = 0; start < audio.Length; start += FramesPerBlock)
            {
                int count = Math.Min(FramesPerBlock, audio.Length - start);
                Span<byte> bytes = buffer.AsSpan(0, count * frameBytes);
                for (int c = 0; c < channels; c++)
                {
                    ReadOnlySpan<float> x = audio.Channels[c].AsSpan(start, count);
                    for (int t = 0; t < x.Length; t++)
                    {
                        int i = ((t * channels) + c) * bytesPerSample;
                        if (isFloat)
                        {
                            BinaryPrimitives.WriteSingleLittleEndian(bytes.Slice(i, 4), x[t]);
                        }
                        else
                        {
                            BinaryPrimitives.WriteInt16LittleEndian(bytes.Slice(i, 2), ToPcm16(x[t]));
                        }
                    }
                }

                stream.Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>clamp(round(x * 32768), -32768, 32767); NaN gives 0.</summary>
    internal static short ToPcm16(float x)
    {
        float scaled = MathF.Round(x * 32768f, MidpointRounding.AwayFromZero);
        return scaled >= 32767f ? short.MaxValue : scaled <= -32768f ? short.MinValue : float.IsNaN(scaled) ? (short)0 : (short)scaled;
    }

    private static void Ascii(Span<byte> header, ref int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(header[at..]);
        at += text.Length;
    }

    private static void UInt32(Span<byte> header, ref int at, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(header[at..], value);
        at += 4;
    }

    private static void UInt16(Span<byte> header, ref int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(header[at..], value);
        at += 2;
    }
}
