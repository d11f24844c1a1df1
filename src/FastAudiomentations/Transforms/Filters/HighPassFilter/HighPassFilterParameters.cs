namespace FastAudiomentations;

/// <summary>What <see cref="HighPassFilter"/> draws for one example.</summary>
public struct HighPassFilterParameters : ICutoffFilterParameters<HighPassFilterParameters>
{
    /// <summary>The cutoff frequency, Hz (-3.01 dB for Butterworth, -6.02 dB for windowed sinc).</summary>
    public float CutoffHz;

    /// <summary>The roll-off, dB/octave (a multiple of 6; of 12 for zero-phase Butterworth); unused by windowed sinc.</summary>
    public float RolloffDbPerOctave;

    /// <inheritdoc/>
    readonly float ICutoffFilterParameters<HighPassFilterParameters>.CutoffHz => CutoffHz;

    /// <inheritdoc/>
    readonly float ICutoffFilterParameters<HighPassFilterParameters>.RolloffDbPerOctave => RolloffDbPerOctave;

    /// <inheritdoc/>
    static HighPassFilterParameters ICutoffFilterParameters<HighPassFilterParameters>.Create(float cutoffHz, float rolloffDbPerOctave) =>
        new() { CutoffHz = cutoffHz, RolloffDbPerOctave = rolloffDbPerOctave };
}
