namespace FastAudiomentations;

/// <summary>Reads WAV, MP3 and Ogg Vorbis files into <see cref="AudioData"/>; writes WAV atomically.</summary>
/// <remarks>
/// The format is recognised from the file's first bytes (RIFF/RF64 WAVE, "OggS", an ID3 tag or an MPEG frame
/// sync), falling back to the extension. WAV is read by our own parser (<c>WavReader</c>: PCM 8/16/24/32-bit,
/// float 32/64-bit, WAVE_FORMAT_EXTENSIBLE); MP3 by NLayer, Ogg Vorbis by NVorbis. Every failure, from a
/// missing file to a corrupt stream, is an <see cref="AudioFileException"/> naming the file and the reason.
/// </remarks>
public static class AudioFile
{
    private static readonly string[] Extensions = [".wav", ".mp3", ".ogg"];

    /// <summary>The file extensions <see cref="Read"/> accepts (lower case, with the dot).</summary>
    public static IReadOnlyList<string> SupportedExtensions => Extensions;

    /// <summary>Whether <paramref name="path"/> ends in one of <see cref="SupportedExtensions"/> (case-insensitive).</summary>
    public static bool HasSupportedExtension(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path);
        foreach (string supported in Extensions)
        {
            if (extension.Equals(supported, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes a WAV, MP3 or Ogg Vorbis file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Its channels at its own sample rate.</returns>
    /// <exception cref="AudioFileException">The file is missing, empty, unreadable, corrupt or of an unsupported format.</exception>
    public static AudioData Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new AudioFileException(path, "is a folder, not an audio file.");
        }

        if (!File.Exists(path))
        {
            throw new AudioFileException(path, "the file does not exist.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
            if (stream.Length == 0)
            {
                throw new AudioFileException(path, "the file is empty.");
            }

            Span<byte> head = stackalloc byte[12];
            int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            head = head[..got];
            stream.Position = 0;
            string extension = Path.GetExtension(path).ToUpperInvariant();
            if (WavReader.LooksLikeWav(head) || (extension == ".WAV" && !CompressedAudioReader.LooksLikeOgg(head) && !CompressedAudioReader.LooksLikeMp3(head)))
            {
                return WavReader.Read(stream, path);
            }

            if (CompressedAudioReader.LooksLikeOgg(head))
            {
                return CompressedAudioReader.ReadVorbis(stream, path);
            }

            if (CompressedAudioReader.LooksLikeMp3(head) || extension == ".MP3")
            {
                return CompressedAudioReader.ReadMp3(stream, path);
            }

            if (extension == ".OGG")
            {
                throw new AudioFileException(path, "not an Ogg file (no OggS page header).");
            }

            string hex = Convert.ToHexString(head);
            throw new AudioFileException(path, $"unrecognised audio format (first bytes {hex}); supported: WAV, MP3, Ogg Vorbis.");
        }
        catch (AudioFileException)
        {
            throw;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Third-party decoders throw whatever they throw on corrupt input (InvalidDataException,
            // IndexOutOfRangeException, ...): every one of them means "this file cannot be decoded".
            throw new AudioFileException(path, $"could not be decoded: {error.Message}", error);
        }
    }

    /// <summary>
    /// Writes <paramref name="audio"/> as a WAV file, atomically: the samples go to a temporary file in the
    /// same folder, which then replaces <paramref name="path"/> in one rename, so a reader never sees a
    /// half-written file and a failure leaves any earlier file intact.
    /// </summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="audio">The audio.</param>
    /// <param name="format">16-bit PCM (clamped, rounded to nearest) or 32-bit float.</param>
    /// <exception cref="AudioFileException">The file could not be written.</exception>
    public static void WriteWav(string path, AudioData audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(audio);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown WAV sample format.");
        }

        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? throw new AudioFileException(path, "has no parent folder.");
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                WavWriter.Write(stream, audio, format);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            throw new AudioFileException(path, $"could not be written: {error.Message}", error);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original error is the one worth reporting.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
