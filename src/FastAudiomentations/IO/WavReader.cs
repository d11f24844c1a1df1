using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FastAudiomentations;

/// <summary>A small RIFF/WAVE (and RF64) parser that decodes straight into per-channel float arrays.</summary>
/// <remarks>
/// <para>Reads format codes 1 (PCM: 8-bit unsigned, 16, 24, 32-bit signed), 3 (IEEE float 32 and 64 bit)
/// and 0xFFFE (WAVE_FORMAT_EXTENSIBLE with the PCM or IEEE float sub-format GUID), any channel count.
/// Integer samples map to [-1, 1) by dividing by 2^(bits-1) of the container, so 16-bit -32768 is
/// exactly -1.0 and 8-bit 128 is 0; left-justified samples with fewer valid bits (e.g. 20 in 24) scale the same
/// way. Chunks other than "fmt " and "data" are skipped, odd-sized chunks are padded to an even size.</para>
/// <para>A data chunk that is cut short (its header claims more bytes than the file holds, as after a
/// crashed recorder or a partial copy) is read up to its last whole frame: the header's size is trusted
/// only as far as the file goes. Every other defect (no RIFF header, no fmt or data chunk, a format code
/// or bit depth not listed above) is an <see cref="AudioFileException"/> naming the file and the reason.</para>
/// <para>References: Microsoft "Multimedia Programming Interface and Data Specifications 1.0" (RIFF, WAVE),
/// "WAVEFORMATEXTENSIBLE" (KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT), EBU Tech 3306 (RF64).</para>
/// </remarks>
internal static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatFloat = 3;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Frames converted per block, so the byte buffer stays small for long files.</summary>
    private const int FramesPerBlock = 16_384;

    /// <summary>Whether the first bytes of a file are a RIFF/RF64 WAVE header.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && (head[..4].SequenceEqual("RIFF"u8) || head[..4].SequenceEqual("RF64"u8)) && head.Slice(8, 4).SequenceEqual("WAVE"u8);

    public static AudioData Read(Stream stream, string path)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The WAV reader assumes a little-endian processor.");
        }

        Span<byte> header = stackalloc byte[12];
        if (stream.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12)
        {
            throw new AudioFileException(path, "the file is too short to be a WAV file (no 12-byte RIFF header).");
        }

        bool rf64 = header[..4].SequenceEqual("RF64"u8);
        if (header[..4].SequenceEqual("RIFX"u8))
        {
            throw new AudioFileException(path, "big-endian WAV (RIFX) is not supported.");
        }

        if (!LooksLikeWav(header))
        {
            throw new AudioFileException(path, "not a WAV file (no RIFF/WAVE header).");
        }

        Format? format = null;
        long dataOffset = -1;
        long dataSize = 0;
        long rf64DataSize = -1;
        long fileLength = stream.Length;
        long position = 12;
        Span<byte> chunk = stackalloc byte[8];
        byte[] body = new byte[40];
        while (position + 8 <= fileLength && (format is null || dataOffset < 0))
        {
            stream.Position = position;
            stream.ReadExactly(chunk);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            long bodyStart = position + 8;
            ReadOnlySpan<byte> id = chunk[..4];
            if (id.SequenceEqual("fmt "u8))
            {
                int wanted = (int)Math.Min(size, (uint)body.Length);
                int got = stream.ReadAtLeast(body.AsSpan(0, wanted), wanted, throwOnEndOfStream: false);
                format = ParseFormat(body.AsSpan(0, got), path);
            }
            else if (id.SequenceEqual("ds64"u8) && rf64)
            {
                int got = stream.ReadAtLeast(body.AsSpan(0, 16), 16, throwOnEndOfStream: false);
                if (got < 16)
                {
                    throw new AudioFileException(path, "the RF64 ds64 chunk is truncated.");
                }

                rf64DataSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(body.AsSpan(8, 8));
            }
            else if (id.SequenceEqual("data"u8))
            {
                dataOffset = bodyStart;
                dataSize = rf64 && size == uint.MaxValue && rf64DataSize >= 0 ? rf64DataSize : size;
                if (dataOffset + dataSize > fileLength)
                {
                    // Truncated: nothing can follow the data, so stop here and read what is there.
                    dataSize = fileLength - dataOffset;
                    break;
                }

                position = bodyStart + dataSize + (dataSize & 1);
                continue;
            }

            position = bodyStart + size + (size & 1);
        }

        if (format is null)
        {
            throw new AudioFileException(path, "the WAV file has no fmt chunk.");
        }

        if (dataOffset < 0)
        {
            throw new AudioFileException(path, "the WAV file has no data chunk.");
        }

        return Decode(stream, path, format.Value, dataOffset, dataSize);
    }

    private static Format ParseFormat(ReadOnlySpan<byte> fmt, string path)
    {
        if (fmt.Length < 16)
        {
            throw new AudioFileException(path, $"the fmt chunk holds {fmt.Length} bytes; at least 16 are needed.");
        }

        ushort code = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        ushort effective = code;
        if (code == FormatExtensible)
        {
            if (fmt.Length < 40)
            {
                throw new AudioFileException(path, "the WAVE_FORMAT_EXTENSIBLE fmt chunk is shorter than 40 bytes.");
            }

            // The sub-format GUID is {code}-0000-0010-8000-00AA00389B71; its first two bytes are the format code.
            ReadOnlySpan<byte> guidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
            effective = BinaryPrimitives.ReadUInt16LittleEndian(fmt[24..]);
            if (!fmt.Slice(26, 14).SequenceEqual(guidTail) || (effective != FormatPcm && effective != FormatFloat))
            {
                var guid = new Guid(fmt.Slice(24, 16));
                throw new AudioFileException(path, $"unsupported WAVE_FORMAT_EXTENSIBLE sub-format {guid}; supported: PCM and IEEE float.");
            }
        }
        else if (code != FormatPcm && code != FormatFloat)
        {
            throw new AudioFileException(path, $"unsupported WAV format code 0x{code:X4} ({FormatName(code)}); supported: PCM (1), IEEE float (3) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) with a PCM or float sub-format.");
        }

        if (channels == 0)
        {
            throw new AudioFileException(path, "the fmt chunk declares 0 channels.");
        }

        if (sampleRate == 0 || sampleRate > int.MaxValue)
        {
            throw new AudioFileException(path, $"the fmt chunk declares an invalid sample rate of {sampleRate} Hz.");
        }

        int bytesPerSample = blockAlign / channels;
        bool valid = blockAlign == bytesPerSample * channels && bits >= 1 && bits <= bytesPerSample * 8 && (effective == FormatPcm
            ? bytesPerSample is >= 1 and <= 4
            : bits == bytesPerSample * 8 && bytesPerSample is 4 or 8);
        if (!valid)
        {
            string kind = effective == FormatPcm ? "PCM" : "IEEE float";
            throw new AudioFileException(path, $"unsupported {kind} layout: {bits} bits per sample in blocks of {blockAlign} bytes for {channels} channels; supported: PCM 8/16/24/32-bit, float 32/64-bit.");
        }

        return new Format(effective == FormatFloat, channels, (int)sampleRate, bytesPerSample);
    }

    private static AudioData Decode(Stream stream, string path, Format format, long dataOffset, long dataSize)
    {
        int frameBytes = format.Channels * format.BytesPerSample;
        long frames = dataSize / frameBytes;
        if (frames > Array.MaxLength)
        {
            throw new AudioFileException(path, $"the data chunk holds {frames} frames; at most {Array.MaxLength} per channel can be loaded.");
        }

        var channels = new float[format.Channels][];
        for (int c = 0; c < channels.Length; c++)
        {
            channels[c] = new float[frames];
        }

        stream.Position = dataOffset;
        int blockFrames = (int)Math.Min(frames, FramesPerBlock);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, blockFrames * frameBytes));
        try
        {
            for (long done = 0; done < frames;)
            {
                int count = (int)Math.Min(FramesPerBlock, frames - done);
                Span<byte> bytes = buffer.AsSpan(0, count * frameBytes);
                int got = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
                if (got < bytes.Length)
                {
                    throw new AudioFileException(path, $"the file ended while reading the data chunk (frame {done + (got / frameBytes)} of {frames}).");
                }

                Convert(bytes, format, channels, (int)done, count);
                done += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new AudioData(channels, format.SampleRate);
    }

    /// <summary>De-interleaves <paramref name="count"/> frames into the channel arrays from <paramref name="start"/>.</summary>
    /// <remarks>Reinterprets the bytes as little-endian samples (every platform .NET runs on is little-endian; checked once).</remarks>
    private static void Convert(ReadOnlySpan<byte> bytes, Format format, float[][] channels, int start, int count)
    {
        int stride = format.Channels;
        for (int c = 0; c < stride; c++)
        {
            Span<float> y = channels[c].AsSpan(start, count);
            switch (format.BytesPerSample, format.IsFloat)
            {
                case (1, false):
                    for (int t = 0, i = c; t < y.Length; t++, i += stride)
                    {
                        y[t] = (bytes[i] - 128) * (1f / 128);
                    }

                    break;
                case (2, false) when stride == 1:
                    Pcm16Mono(MemoryMarshal.Cast<byte, short>(bytes)[..y.Length], y);
                    break;
                case (2, false):
                    ReadOnlySpan<short> s16 = MemoryMarshal.Cast<byte, short>(bytes);
                    for (int t = 0, i = c; t < y.Length; t++, i += stride)
                    {
                        y[t] = s16[i] * (1f / 32768);
                    }

                    break;
                case (3, false):
                    for (int t = 0, i = c * 3; t < y.Length; t++, i += stride * 3)
                    {
                        int v = bytes[i] | (bytes[i + 1] << 8) | ((sbyte)bytes[i + 2] << 16);
                        y[t] = v * (1f / 8_388_608);
                    }

                    break;
                case (4, false):
                    ReadOnlySpan<int> s32 = MemoryMarshal.Cast<byte, int>(bytes);
                    for (int t = 0, i = c; t < y.Length; t++, i += stride)
                    {
                        y[t] = s32[i] * (1f / 2_147_483_648f);
                    }

                    break;
                case (4, true):
                    ReadOnlySpan<float> f32 = MemoryMarshal.Cast<byte, float>(bytes);
                    for (int t = 0, i = c; t < y.Length; t++, i += stride)
                    {
                        y[t] = f32[i];
                    }

                    break;
                default:
                    ReadOnlySpan<double> f64 = MemoryMarshal.Cast<byte, double>(bytes);
                    for (int t = 0, i = c; t < y.Length; t++, i += stride)
                    {
                        y[t] = (float)f64[i];
                    }

                    break;
            }
        }
    }

    /// <summary>y[t] = x[t] / 32768 for the commonest layout, vectorised: widen to int, convert, scale.</summary>
    private static void Pcm16Mono(ReadOnlySpan<short> x, Span<float> y)
    {
        int t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(1f / 32768);
            for (; t <= x.Length - Vector<short>.Count; t += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(x[t..]), out Vector<int> low, out Vector<int> high);
                (Vector.ConvertToSingle(low) * scale).CopyTo(y[t..]);
                (Vector.ConvertToSingle(high) * scale).CopyTo(y[(t + Vector<int>.Count)..]);
            }
        }

        for (; t < x.Length; t++)
        {
            y[t] = x[t] * (1f / 32768);
        }
    }

    /// <summary>Names of the format codes people meet most, for error messages.</summary>
    private static string FormatName(ushort code) => code switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0006 => "A-law",
        0x0007 => "mu-law",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG",
        0x0055 => "MPEG Layer 3",
        0x00FF => "AAC",
        0xF1AC => "FLAC",
        _ => "unknown format",
    };

    private readonly record struct Format(bool IsFloat, int Channels, int SampleRate, int BytesPerSample);
}
