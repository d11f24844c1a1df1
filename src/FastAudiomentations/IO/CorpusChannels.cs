namespace FastAudiomentations;

/// <summary>How an <see cref="AudioCorpus"/> hands out a file's channels.</summary>
public enum CorpusChannels
{
    /// <summary>As many channels as the file has.</summary>
    Keep,

    /// <summary>One channel, the average of the file's channels (a mono file is returned as is).</summary>
    Mono,
}
