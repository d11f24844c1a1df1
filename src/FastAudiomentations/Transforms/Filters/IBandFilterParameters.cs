namespace FastAudiomentations;

/// <summary>
/// What a <see cref="BandFilter{TParams}"/> (band pass or band stop) draws for one example: lets the shared
/// base read and build its transform's own parameter struct without boxing.
/// </summary>
/// <typeparam name="TSelf">The implementing parameter struct.</typeparam>
public interface IBandFilterParameters<TSelf>
    where TSelf : unmanaged, IBandFilterParameters<TSelf>
{
    /// <summary>The roll-off of each skirt, dB/octave.</summary>
    float RolloffDbPerOctave { get; }

    /// <summary>The lower band edge, Hz.</summary>
    double LowHz { get; }

    /// <summary>The upper band edge, Hz.</summary>
    double HighHz { get; }

    /// <summary>Makes the parameters of one example.</summary>
    /// <param name="centerHz">The centre frequency, Hz.</param>
    /// <param name="bandwidthHz">The bandwidth, Hz.</param>
    /// <param name="rolloffDbPerOctave">The roll-off of each skirt, dB/octave.</param>
    static abstract TSelf Create(float centerHz, float bandwidthHz, float rolloffDbPerOctave);
}
