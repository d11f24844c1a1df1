using System.Buffers.Binary;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.IO;

/// <summary>The WAV writer: exact round trips, 16-bit quantisation, header bytes, atomic replacement.</summary>
public sealed class WavWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Float32_RoundTripsBitExactly(int channels)
    {
        float[][] x = [.. Enumerable.Range(0, channels).Select(c => Signals.Noise(1001, c, amplitude: 3))];
        x[0][0] = float.Epsilon;
        x[0][1] = -0f;
        string path = _folder.File("f.wav");
        AudioFile.WriteWav(path, new AudioData(x, 12_345), WavSampleFormat.Float32);
        AudioData back = AudioFile.Read(path);
        Assert.Equal(12_345, back.SampleRate);
        for (int c = 0; c < channels; c++)
        {
            Assert.Equal(x[c].Select(BitConverter.SingleToInt32Bits), back.Channels[c].Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Pcm16_RoundTripsEveryCode()
    {
        // Every 16-bit code k / 32768 is written back as k, so read-write-read is the identity.
        float[] x = [.. Enumerable.Range(-32768, 65536).Select(k => k / 32768f)];
        string path = _folder.File("all-codes.wav");
        AudioFile.WriteWav(path, new AudioData([x, [.. x.Reverse()]], 8_000));
        AudioData back = AudioFile.Read(path);
        Assert.Equal(x, back.Channels[0]);
        Assert.Equal(x.Reverse(), back.Channels[1]);
    }

    [Fact]
    public void Pcm16_ClampsAndRoundsToNearest()
    {
        float step = 1f / 32768;
        float[] x = [2f, 1f, -1f, -1.5f, 0.4f * step, 0.6f * step, -0.6f * step, 100.5f * step, float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        short[] expected = [32767, 32767, -32768, -32768, 0, 1, -1, 101, 0, 32767, -32768];
        string path = _folder.File("clamp.wav");
        AudioFile.WriteWav(path, new AudioData([x], 16_000));
        byte[] bytes = File.ReadAllBytes(path);
        short[] written = [.. Enumerable.Range(0, x.Length).Select(i => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (2 * i))))];
        Assert.Equal(expected, written);
    }

    [Fact]
    public void Headers_AreCanonical()
    {
        string pcm = _folder.File("pcm.wav");
        AudioFile.WriteWav(pcm, new AudioData([[0f, 0f, 0f], [0f, 0f, 0f]], 44_100));
        byte[] p = File.ReadAllBytes(pcm);
        Assert.Equal(44 + 12, p.Length);
        Assert.Equal(WavBytes.Riff(WavBytes.Fmt(1, 2, 44_100, 16), WavBytes.Chunk("data", new byte[12])), p);

        string f = _folder.File("float.wav");
        AudioFile.WriteWav(f, new AudioData([[0.5f]], 48_000), WavSampleFormat.Float32);
        byte[] expected = WavBytes.Riff(
            WavBytes.Chunk("fmt ", [.. WavBytes.Fmt(3, 1, 48_000, 32)[8..], 0, 0]),
            WavBytes.Chunk("fact", WavBytes.U32(1)),
            WavBytes.Chunk("data", WavBytes.Floats(0.5f)));
        Assert.Equal(expected, File.ReadAllBytes(f));
    }

    [Fact]
    public void Write_ReplacesAnExistingFile_AndLeavesNoTemporaryFile()
    {
        string path = _folder.File("out.wav");
        File.WriteAllText(path, "old contents");
        AudioFile.WriteWav(path, new AudioData([[0.25f, -0.25f]], 16_000));
        Assert.Equal([0.25f, -0.25f], AudioFile.Read(path).Channels[0]);
        Assert.Equal([path], Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Write_IntoMissingFolder_GivesAudioFileException_NamingTheFile()
    {
        string path = Path.Combine(_folder.Path, "no-such-folder", "out.wav");
        AudioFileException error = Assert.Throws<AudioFileException>(() => AudioFile.WriteWav(path, new AudioData([[0f]], 16_000)));
        Assert.Equal(path, error.FilePath);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void EmptyAudio_RoundTrips()
    {
        string path = _folder.File("empty.wav");
        AudioFile.WriteWav(path, new AudioData([[], []], 16_000));
        AudioData back = AudioFile.Read(path);
        Assert.Equal(0, back.Length);
        Assert.Equal(2, back.ChannelCount);
    }

    [Fact]
    public void AudioData_ValidatesItsChannels()
    {
        Assert.Equal("channels", Assert.Throws<ArgumentException>(() => new AudioData([], 16_000)).ParamName);
        Assert.Equal("channels", Assert.Throws<ArgumentException>(() => new AudioData([[1f], [1f, 2f]], 16_000)).ParamName);
        Assert.Equal("sampleRate", Assert.Throws<ArgumentOutOfRangeException>(() => new AudioData([[1f]], 0)).ParamName);
        var audio = new AudioData([[1f, 2f], [3f, 6f]], 4);
        Assert.Equal(0.5, audio.DurationSeconds);
        Assert.Equal([2f, 4f], audio.ToMono().Channels[0]);
    }
}
