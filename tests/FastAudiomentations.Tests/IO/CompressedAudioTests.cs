using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.IO;

/// <summary>MP3 (NLayer) and Ogg Vorbis (NVorbis) decoding of the committed fixtures (see Fixtures/README.md).</summary>
public sealed class CompressedAudioTests : IDisposable
{
    private const int SourceFrames = 22_050;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Mp3_DecodesBothChannelsWithTheirTones()
    {
        AudioData audio = AudioFile.Read(Fixture("sine-440-1000-stereo.mp3"));
        Assert.Equal(44_100, audio.SampleRate);
        Assert.Equal(2, audio.ChannelCount);
        // MP3 adds the encoder's delay and pads to whole 1152-sample frames, and NLayer keeps both.
        Assert.InRange(audio.Length, SourceFrames, SourceFrames + (3 * 1152));
        AssertTones(audio);
    }

    [Fact]
    public void OggVorbis_DecodesExactLengthAndTones()
    {
        AudioData audio = AudioFile.Read(Fixture("sine-440-1000-stereo.ogg"));
        Assert.Equal(44_100, audio.SampleRate);
        Assert.Equal(2, audio.ChannelCount);
        // Vorbis' granule positions give back the exact source length.
        Assert.Equal(SourceFrames, audio.Length);
        AssertTones(audio);
    }

    [Fact]
    public void CorruptOgg_GivesAudioFileException()
    {
        byte[] original = File.ReadAllBytes(Fixture("sine-440-1000-stereo.ogg"));
        byte[] corrupt = [.. original[..40], .. Enumerable.Repeat((byte)0x5A, 400)];
        string path = _folder.Write("corrupt.ogg", corrupt);
        AudioFileException error = Assert.Throws<AudioFileException>(() => AudioFile.Read(path));
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void GarbageWithMp3Extension_GivesAudioFileException()
    {
        string path = _folder.Write("garbage.mp3", [.. Enumerable.Range(0, 3000).Select(i => (byte)((i * 131) + 7))]);
        AudioFileException error = Assert.Throws<AudioFileException>(() => AudioFile.Read(path));
        Assert.Equal(path, error.FilePath);
    }

    [Fact]
    public void NotOggWithOggExtension_GivesAudioFileException()
    {
        string path = _folder.Write("text.ogg", "hello, this is not audio"u8.ToArray());
        Assert.Contains("OggS", Assert.Throws<AudioFileException>(() => AudioFile.Read(path)).Message, StringComparison.Ordinal);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", name);

    /// <summary>Left is a 0.5 sine at 440 Hz, right a 0.25 sine at 1 kHz; lossy coding keeps each within a few percent.</summary>
    private static void AssertTones(AudioData audio)
    {
        // 0.2 s holds whole periods of both tones, so the projections do not leak into each other.
        const int start = 4_410;
        const int length = 8_820;
        Assert.InRange(Amplitude(audio.Channels[0], 440, start, length), 0.47, 0.53);
        Assert.InRange(Amplitude(audio.Channels[0], 1000, start, length), 0, 0.01);
        Assert.InRange(Amplitude(audio.Channels[1], 1000, start, length), 0.235, 0.265);
        Assert.InRange(Amplitude(audio.Channels[1], 440, start, length), 0, 0.01);
    }

    private static double Amplitude(float[] x, double frequencyHz, int start, int length)
    {
        double c = 0;
        double s = 0;
        for (int t = start; t < start + length; t++)
        {
            double phase = 2 * Math.PI * frequencyHz * t / 44_100;
            c += x[t] * Math.Cos(phase);
            s += x[t] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((c * c) + (s * s)) / length;
    }
}
