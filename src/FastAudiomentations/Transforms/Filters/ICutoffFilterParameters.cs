namespace FastAudiomentations;

/// <summary>
/// What a <see cref="CutoffFilter{TParams}"/> (low or high pass) draws for one example: lets the shared base
/// read and build its transform's own parameter struct without boxing.
/// </summary>
/// <typeparam name="TSelf">The implementing parameter struct.</typeparam>
public interface ICutoffFilterParameters<TSelf>
    where TSelf : unmanaged, ICutoffFilterParameters<TSelf>
{
    /// <summary>The cutoff frequency, Hz.</summary>
    float CutoffHz { get; }

    /// <summary>The roll-off, dB/octave.</summary>
    float RolloffDbPerOctave { get; }

    /// <summary>Makes the parameters of one example.</summary>
    /// <param name="cutoffHz">The cutoff frequency, Hz.</param>
    /// <param name="rolloffDbPerOctave">The roll-off, dB/octave.</param>
    static abstract TSelf Create(float cutoffHz, float rolloffDbPerOctave);
}
