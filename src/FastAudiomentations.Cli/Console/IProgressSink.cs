namespace FastAudiomentations.Cli.Console;

/// <summary>Where a long job reports finished clips.</summary>
internal interface IProgressSink
{
    /// <summary>Records that <paramref name="clips"/> more clips are done.</summary>
    void Advance(int clips);
}
