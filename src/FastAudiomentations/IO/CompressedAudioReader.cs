using NLayer;
using NVorbis;

namespace FastAudiomentations;

/// <summary>Decodes MP3 (NLayer) and Ogg Vorbis (NVorbis) into per-channel float arrays.</summary>
/// <remarks>
/// Both decoders hand out interleaved floats; this reads them in blocks and de-interleaves. MP3 output
/// includes the encoder's delay and padding (NLayer does not read the LAME gapless header), so an MP3 is
/// typically ~1,100 samples longer than the audio that was encoded.
/// </remarks>
internal static class CompressedAudioReader
{
    private const int BlockFrames = 8192;

    /// <summary>Whether the first bytes are an Ogg page ("OggS").</summary>
    public static bool LooksLikeOgg(ReadOnlySpan<byte> head) => head.Length >= 4 && head[..4].SequenceEqual("OggS"u8);

    /// <summary>Whether the first bytes are an ID3v2 tag or an MPEG audio frame sync (11 set bits).</summary>
    public static bool LooksLikeMp3(ReadOnlySpan<byte> head) =>
        (head.Length >= 3 && head[..3].SequenceEqual("ID3"u8)) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0);

    public static AudioData ReadMp3(Stream stream, string path)
    {
        using var mpeg = new MpegFile(stream);
        if (mpeg.SampleRate <= 0 || mpeg.Channels <= 0)
        {
            throw new AudioFileException(path, "no MPEG audio frame was found.");
        }

        AudioData audio = ReadAll(path, mpeg.Channels, mpeg.SampleRate, (buffer, offset, count) => mpeg.ReadSamples(buffer, offset, count));
        return audio.Length == 0 && stream.Length > 0 ? throw new AudioFileException(path, "no MPEG audio frame could be decoded.") : audio;
    }

    public static AudioData ReadVorbis(Stream stream, string path)
    {
        using var vorbis = new VorbisReader(stream, closeOnDispose: false);
        if (vorbis.SampleRate <= 0 || vorbis.Channels <= 0)
        {
            throw new AudioFileException(path, "the Ogg stream has no Vorbis audio.");
        }

        return ReadAll(path, vorbis.Channels, vorbis.SampleRate, (buffer, offset, count) => vorbis.ReadSamples(buffer, offset, count));
    }

    /// <summary>Reads interleaved blocks until the decoder returns 0, then de-interleaves.</summary>
    private static AudioData ReadAll(string path, int channels, int sampleRate, Func<float[], int, int, int> read)
    {
        var interleaved = new float[BlockFrames * channels];
        int filled = 0;
        while (true)
        {
            if (interleaved.Length - filled < BlockFrames * channels)
            {
                if ((long)interleaved.Length * 2 > Array.MaxLength)
                {
                    throw new AudioFileException(path, "the decoded audio is too long to hold in memory.");
                }

                Array.Resize(ref interleaved, interleaved.Length * 2);
            }

            int got = read(interleaved, filled, BlockFrames * channels);
            if (got <= 0)
            {
                break;
            }

            filled += got;
        }

        int frames = filled / channels;
        var result = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            float[] y = result[c] = new float[frames];
            for (int t = 0; t < frames; t++)
            {
                y[t] = interleaved[(t * channels) + c];
            }
        }

        return new AudioData(result, sampleRate);
    }
}
