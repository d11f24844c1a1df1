namespace FastAudiomentations;

/// <summary>An audio file that cannot be read or written (interim stand-in, see README.md).</summary>
public sealed class AudioFileException : IOException
{
    /// <summary>Makes an exception with a generic message.</summary>
    public AudioFileException()
        : this(string.Empty, "The audio file cannot be read.")
    {
    }

    /// <summary>Makes an exception with <paramref name="message"/>.</summary>
    public AudioFileException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Makes an exception with <paramref name="message"/> and its cause.</summary>
    public AudioFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    /// <summary>Makes an exception about <paramref name="filePath"/>.</summary>
    public AudioFileException(string filePath, string message, Exception? innerException = null)
        : base($"{filePath}: {message}", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file.</summary>
    public string FilePath { get; }
}
