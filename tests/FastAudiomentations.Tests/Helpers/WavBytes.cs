using System.Buffers.Binary;
using System.Text;

namespace FastAudiomentations.Tests.Helpers;

/// <summary>Builds WAV files byte by byte, independently of the writer under test.</summary>
public static class WavBytes
{
    /// <summary>The tail of the KSDATAFORMAT_SUBTYPE GUIDs after the 2-byte format code.</summary>
    public static readonly byte[] SubFormatTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>A RIFF/WAVE file of the given chunks.</summary>
    public static byte[] Riff(params byte[][] chunks)
    {
        byte[] body = [.. "WAVE"u8, .. chunks.SelectMany(c => c)];
        return [.. "RIFF"u8, .. U32((uint)body.Length), .. body];
    }

    /// <summary>A chunk: id, little-endian size, body, and a pad byte when the size is odd.</summary>
    public static byte[] Chunk(string id, byte[] body, uint? declaredSize = null) =>
        [.. Encoding.ASCII.GetBytes(id), .. U32(declaredSize ?? (uint)body.Length), .. body, .. (body.Length % 2 == 1 ? new byte[] { 0 } : [])];

    /// <summary>A 16-byte fmt chunk.</summary>
    public static byte[] Fmt(ushort code, int channels, int sampleRate, int bitsPerSample, int? blockAlign = null)
    {
        int align = blockAlign ?? (channels * ((bitsPerSample + 7) / 8));
        return Chunk("fmt ", [.. U16(code), .. U16((ushort)channels), .. U32((uint)sampleRate), .. U32((uint)(sampleRate * align)), .. U16((ushort)align), .. U16((ushort)bitsPerSample)]);
    }

    /// <summary>A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk.</summary>
    public static byte[] FmtExtensible(int channels, int sampleRate, int containerBits, int validBits, ushort subFormat, byte[]? guidTail = null)
    {
        int align = channels * containerBits / 8;
        return Chunk("fmt ", [
            .. U16(0xFFFE), .. U16((ushort)channels), .. U32((uint)sampleRate), .. U32((uint)(sampleRate * align)),
            .. U16((ushort)align), .. U16((ushort)containerBits), .. U16(22), .. U16((ushort)validBits), .. U32(0),
            .. U16(subFormat), .. (guidTail ?? SubFormatTail)]);
    }

    /// <summary>Interleaved 16-bit samples.</summary>
    public static byte[] Int16s(params short[] samples) => [.. samples.SelectMany(s => U16((ushort)s))];

    /// <summary>Interleaved 24-bit samples (values in [-2^23, 2^23)).</summary>
    public static byte[] Int24s(params int[] samples) => [.. samples.SelectMany(s => new[] { (byte)s, (byte)(s >> 8), (byte)(s >> 16) })];

    /// <summary>Interleaved 32-bit integer samples.</summary>
    public static byte[] Int32s(params int[] samples) => [.. samples.SelectMany(s => U32((uint)s))];

    /// <summary>Interleaved 32-bit float samples.</summary>
    public static byte[] Floats(params float[] samples) => [.. samples.SelectMany(s => U32(BitConverter.SingleToUInt32Bits(s)))];

    /// <summary>Interleaved 64-bit float samples.</summary>
    public static byte[] Doubles(params double[] samples)
    {
        var bytes = new byte[samples.Length * 8];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), samples[i]);
        }

        return bytes;
    }

    public static byte[] U16(ushort value) => [(byte)value, (byte)(value >> 8)];

    public static byte[] U32(uint value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16), (byte)(value >> 24)];
}
