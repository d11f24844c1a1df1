namespace FastAudiomentations.Cli;

/// <summary>What `fastaug` returns to the shell.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The run finished, but some inputs could not be read or some outputs not written.</summary>
    public const int SomeFailed = 1;

    /// <summary>Nothing was processed: bad arguments, a bad pipeline file or an unsafe output folder.</summary>
    public const int InvalidUsage = 2;
}
