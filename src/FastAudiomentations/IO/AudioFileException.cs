namespace FastAudiomentations;

/// <summary>An audio file could not be read or written; the message names the file and the reason.</summary>
public sealed class AudioFileException : IOException
{
    /// <summary>An error without a file (prefer the constructor that names one).</summary>
    public AudioFileException()
        : this(string.Empty, "Audio file error.")
    {
    }

    /// <summary>An error without a file (prefer the constructor that names one).</summary>
    /// <param name="message">What went wrong.</param>
    public AudioFileException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>An error without a file (prefer the constructor that names one).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public AudioFileException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>An error reading or writing <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="reason">What went wrong, as a sentence.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public AudioFileException(string filePath, string reason, Exception? innerException = null)
        : base(string.IsNullOrEmpty(filePath) ? reason : $"{filePath}: {reason}", innerException)
    {
        FilePath = filePath ?? string.Empty;
    }

    /// <summary>The file that could not be read or written.</summary>
    public string FilePath { get; }
}
