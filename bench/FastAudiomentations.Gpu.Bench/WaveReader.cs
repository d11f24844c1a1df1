using System.Buffers.Binary;

namespace FastAudiomentations.Gpu.Bench;

/// <summary>
/// A minimal RIFF/WAVE reader for the benchmark input (16-bit PCM or 32-bit float, first channel), until the
/// core's AudioFile is on main.
/// </summary>
internal static class WaveReader
{
    public static (float[] Samples, int SampleRate) ReadFirstChannel(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 12 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != 0x46464952 || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)) != 0x45564157)
        {
            throw new InvalidDataException($"{path}: not a RIFF/WAVE file.");
        }

        int format = 0, channels = 0, rate = 0, bits = 0;
        int offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
            int size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset + 4));
            ReadOnlySpan<byte> body = bytes.AsSpan(offset + 8, Math.Min(size, bytes.Length - offset - 8));
            if (id == 0x20746D66)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(body);
                channels = BinaryPrimitives.ReadUInt16LittleEndian(body[2..]);
                rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                bits = BinaryPrimitives.ReadUInt16LittleEndian(body[14..]);
                if (format == 0xFFFE && body.Length >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(body[24..]);
                }
            }
            else if (id == 0x61746164)
            {
                return (Decode(body, format, channels, bits, path), rate);
            }

            offset += 8 + size + (size & 1);
        }

        throw new InvalidDataException($"{path}: no data chunk.");
    }

    private static float[] Decode(ReadOnlySpan<byte> data, int format, int channels, int bits, string path)
    {
        int frame = channels * bits / 8;
        if (channels <= 0 || frame <= 0)
        {
            throw new InvalidDataException($"{path}: no fmt chunk before the data.");
        }

        var samples = new float[data.Length / frame];
        for (int i = 0; i < samples.Length; i++)
        {
            ReadOnlySpan<byte> at = data[(i * frame)..];
            samples[i] = (format, bits) switch
            {
                (1, 16) => BinaryPrimitives.ReadInt16LittleEndian(at) / 32768f,
                (3, 32) => BinaryPrimitives.ReadSingleLittleEndian(at),
                _ => throw new InvalidDataException($"{path}: format {format} with {bits} bits is not supported here."),
            };
        }

        return samples;
    }
}
