using FastAudiomentations.Tests.Helpers;
using static FastAudiomentations.Tests.Helpers.WavBytes;

namespace FastAudiomentations.Tests.IO;

/// <summary>The WAV reader against files built byte by byte, with exact expected samples.</summary>
public sealed class WavReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Pcm16_KnownCodes_MapExactly()
    {
        AudioData audio = Read(Riff(Fmt(1, 1, 16_000, 16), Chunk("data", Int16s(-32768, -16384, -1, 0, 1, 16384, 32767))));
        Assert.Equal(16_000, audio.SampleRate);
        Assert.Equal([-1f, -0.5f, -1f / 32768, 0f, 1f / 32768, 0.5f, 32767f / 32768], audio.Channels[0]);
    }

    [Fact]
    public void Pcm8_IsUnsignedWithMidpoint128()
    {
        AudioData audio = Read(Riff(Fmt(1, 1, 8_000, 8), Chunk("data", [0, 64, 128, 129, 255])));
        Assert.Equal([-1f, -0.5f, 0f, 1f / 128, 127f / 128], audio.Channels[0]);
    }

    [Fact]
    public void Pcm24_KnownCodes_MapExactly()
    {
        AudioData audio = Read(Riff(Fmt(1, 1, 48_000, 24), Chunk("data", Int24s(-8_388_608, -1, 0, 1, 4_194_304, 8_388_607))));
        Assert.Equal([-1f, -1f / 8_388_608, 0f, 1f / 8_388_608, 0.5f, 8_388_607f / 8_388_608], audio.Channels[0]);
    }

    [Fact]
    public void Pcm32_KnownCodes_MapExactly()
    {
        AudioData audio = Read(Riff(Fmt(1, 1, 48_000, 32), Chunk("data", Int32s(int.MinValue, -65536, 0, 1 << 30))));
        Assert.Equal([-1f, -65536f / 2_147_483_648f, 0f, 0.5f], audio.Channels[0]);
    }

    [Fact]
    public void Float32_And_Float64_AreReadAsIs()
    {
        float[] values = [-1.5f, -0.25f, 0f, 1e-30f, 0.75f, 2f];
        Assert.Equal(values, Read(Riff(Fmt(3, 1, 44_100, 32), Chunk("data", Floats(values)))).Channels[0]);
        double[] doubles = [-1.5, 0.1, 1e-300, 0.75];
        Assert.Equal(doubles.Select(d => (float)d), Read(Riff(Fmt(3, 1, 44_100, 64), Chunk("data", Doubles(doubles)))).Channels[0]);
    }

    [Fact]
    public void Extensible_PcmAndFloat_AreRead()
    {
        // 20 valid bits left-justified in a 24-bit container scale like 24-bit samples.
        AudioData pcm = Read(Riff(FmtExtensible(2, 96_000, 24, 20, 1), Chunk("data", Int24s(-8_388_608, 4_194_304, 16, -16))));
        Assert.Equal([-1f, 16f / 8_388_608], pcm.Channels[0]);
        Assert.Equal([0.5f, -16f / 8_388_608], pcm.Channels[1]);
        AudioData floats = Read(Riff(FmtExtensible(1, 44_100, 32, 32, 3), Chunk("data", Floats(0.125f, -3f))));
        Assert.Equal([0.125f, -3f], floats.Channels[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    public void Multichannel_IsDeinterleaved(int channels)
    {
        const int frames = 5;
        // Sample t of channel c holds 100 c + t, so a mix-up of channels or frames shows.
        short[] interleaved = [.. Enumerable.Range(0, frames * channels).Select(i => (short)((100 * (i % channels)) + (i / channels)))];
        AudioData audio = Read(Riff(Fmt(1, channels, 16_000, 16), Chunk("data", Int16s(interleaved))));
        Assert.Equal(channels, audio.ChannelCount);
        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(Enumerable.Range(0, frames).Select(t => ((100 * c) + t) / 32768f), audio.Channels[c]);
        }
    }

    [Fact]
    public void UnknownAndOddSizedChunks_AreSkipped_AndFmtMayFollowData()
    {
        byte[] file = Riff(
            Chunk("LIST", [1, 2, 3, 4, 5]),             // odd size: one pad byte follows
            Chunk("junk", [9]),
            Chunk("data", Int16s(1000, -1000, 3)),
            Chunk("fmt ", Fmt(1, 1, 22_050, 16)[8..]),  // fmt after data is legal
            Chunk("cue ", new byte[7]));
        AudioData audio = Read(file);
        Assert.Equal(22_050, audio.SampleRate);
        Assert.Equal([1000 / 32768f, -1000 / 32768f, 3 / 32768f], audio.Channels[0]);
    }

    [Fact]
    public void TruncatedData_ReadsTheWholeFramesPresent()
    {
        // Declares 100 stereo frames; the file holds 3 frames and half of a fourth.
        byte[] data = Int16s(1, 2, 3, 4, 5, 6, 7);
        byte[] file = Riff(Fmt(1, 2, 16_000, 16), Chunk("data", data, declaredSize: 400));
        AudioData audio = Read(file[..^(data.Length % 2 == 1 ? 1 : 0)]);
        Assert.Equal([1 / 32768f, 3 / 32768f, 5 / 32768f], audio.Channels[0]);
        Assert.Equal([2 / 32768f, 4 / 32768f, 6 / 32768f], audio.Channels[1]);
    }

    [Fact]
    public void StreamingHeader_WithMaximalSizes_ReadsTheData()
    {
        // Recorders that cannot seek back write 0xFFFFFFFF as the data size.
        byte[] file = Riff(Fmt(1, 1, 16_000, 16), Chunk("data", Int16s(7, 8, 9), declaredSize: uint.MaxValue));
        Assert.Equal([7 / 32768f, 8 / 32768f, 9 / 32768f], Read(file).Channels[0]);
    }

    [Fact]
    public void Rf64_UsesTheDs64DataSize()
    {
        byte[] ds64 = Chunk("ds64", [.. BitConverter.GetBytes(0L), .. BitConverter.GetBytes(6L), .. BitConverter.GetBytes(3L), .. U32(0)]);
        byte[] body = [.. "WAVE"u8, .. ds64, .. Fmt(1, 1, 16_000, 16), .. Chunk("data", Int16s(-5, 5, 10), declaredSize: uint.MaxValue), .. Chunk("LIST", new byte[4])];
        byte[] file = [.. "RF64"u8, .. U32(uint.MaxValue), .. body];
        Assert.Equal([-5 / 32768f, 5 / 32768f, 10 / 32768f], Read(file).Channels[0]);
    }

    [Fact]
    public void EmptyDataChunk_GivesZeroLengthAudio()
    {
        AudioData audio = Read(Riff(Fmt(1, 2, 16_000, 16), Chunk("data", [])));
        Assert.Equal(0, audio.Length);
        Assert.Equal(2, audio.ChannelCount);
    }

    [Theory]
    [InlineData((ushort)0x0002, "0x0002")]
    [InlineData((ushort)0x0006, "0x0006")]
    [InlineData((ushort)0x0011, "0x0011")]
    public void UnsupportedFormatCodes_NameTheFileAndTheCode(ushort code, string expected)
    {
        string path = _folder.Write("adpcm.wav", Riff(Fmt(code, 1, 8_000, 4, blockAlign: 256), Chunk("data", new byte[512])));
        AudioFileException error = Assert.Throws<AudioFileException>(() => AudioFile.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> BrokenFiles => new()
    {
        { "no fmt chunk", Riff(Chunk("data", Int16s(1, 2))) },
        { "no data chunk", Riff(Fmt(1, 1, 16_000, 16)) },
        { "short fmt chunk", Riff(Chunk("fmt ", [1, 0, 1, 0]), Chunk("data", Int16s(1))) },
        { "zero channels", Riff(Fmt(1, 0, 16_000, 16, blockAlign: 2), Chunk("data", Int16s(1))) },
        { "zero sample rate", Riff(Fmt(1, 1, 0, 16), Chunk("data", Int16s(1))) },
        { "12-bit float", Riff(Fmt(3, 1, 16_000, 12, blockAlign: 2), Chunk("data", Int16s(1))) },
        { "40-bit PCM", Riff(Fmt(1, 1, 16_000, 40), Chunk("data", new byte[10])) },
        { "unknown extensible sub-format", Riff(FmtExtensible(1, 16_000, 16, 16, 2), Chunk("data", Int16s(1))) },
        { "foreign extensible GUID", Riff(FmtExtensible(1, 16_000, 16, 16, 1, guidTail: new byte[14]), Chunk("data", Int16s(1))) },
        { "big-endian RIFX", [.. "RIFX"u8, .. Riff(Fmt(1, 1, 16_000, 16), Chunk("data", Int16s(1)))[4..]] },
        { "header only", [.. "RIFF"u8, 0, 0] },
        { "garbage", [.. Enumerable.Range(0, 100).Select(i => (byte)((i * 37) + 11))] },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFiles_GiveAudioFileException_NamingTheFile(string what, byte[] bytes)
    {
        string path = _folder.Write($"{what}.wav", bytes);
        AudioFileException error = Assert.Throws<AudioFileException>(() => AudioFile.Read(path));
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingEmptyAndFolderPaths_GiveAudioFileException()
    {
        string missing = Path.Combine(_folder.Path, "missing.wav");
        Assert.Contains("does not exist", Assert.Throws<AudioFileException>(() => AudioFile.Read(missing)).Message, StringComparison.Ordinal);
        string empty = _folder.Write("empty.wav", []);
        Assert.Contains("empty", Assert.Throws<AudioFileException>(() => AudioFile.Read(empty)).Message, StringComparison.Ordinal);
        Assert.Equal(_folder.Path, Assert.Throws<AudioFileException>(() => AudioFile.Read(_folder.Path)).FilePath);
        string unknown = _folder.Write("noise.bin", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
        Assert.Contains("unrecognised", Assert.Throws<AudioFileException>(() => AudioFile.Read(unknown)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContentWins_OverTheExtension()
    {
        // A WAV named .mp3 is still read as WAV.
        string path = _folder.Write("really-a-wav.mp3", Riff(Fmt(1, 1, 16_000, 16), Chunk("data", Int16s(123))));
        Assert.Equal([123 / 32768f], AudioFile.Read(path).Channels[0]);
    }

    [Fact]
    public void Pcm16_AgreesWithNWavesReader()
    {
        // NWaves is an independent WAV reader (test-only reference).
        short[] samples = [.. Enumerable.Range(0, 999).Select(i => (short)((i * 7919) % 65536 - 32768))];
        string path = _folder.Write("stereo.wav", Riff(Fmt(1, 3, 16_000, 16), Chunk("data", Int16s(samples))));
        AudioData ours = AudioFile.Read(path);
        using FileStream stream = File.OpenRead(path);
        var reference = new NWaves.Audio.WaveFile(stream);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(reference.Signals[c].Samples, ours.Channels[c]);
        }
    }

    private AudioData Read(byte[] bytes) => AudioFile.Read(_folder.Write($"{Guid.NewGuid():N}.wav", bytes));
}
