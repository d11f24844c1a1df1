namespace FastAudiomentations.Cli;

/// <summary>A problem found before any processing (bad arguments, unsafe output folder): printed, exit code 2.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
