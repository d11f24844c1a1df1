namespace FastAudiomentations;

/// <summary>What <see cref="LowPassFilter"/> draws for one example.</summary>
public struct LowPassFilterParameters : ICutoffFilterParameters<LowPassFilterParameters>
{
    /// <summary>The cutoff frequency, Hz (-3.01 dB for Butterworth, -6.02 dB for windowed sinc).</summary>
    public float CutoffHz;

    /// <summary>The roll-off, dB/octave (a multiple of 6; of 12 for zero-phase Butterworth); unused by windowed sinc.</summary>
    public float RolloffDbPerOctave;

    /// <inheritdoc/>
    readonly float ICutoffFilterParameters<LowPassFilterParameters>.CutoffHz => CutoffHz;

    /// <inheritdoc/>
    readonly float ICutoffFilterParameters<LowPassFilterParameters>.RolloffDbPerOctave => RolloffDbPerOctave;

    /// <inheritdoc/>
    static LowPassFilterParameters ICutoffFilterParameters<LowPassFilterParameters>.Create(float cutoffHz, float rolloffDbPerOctave) =>
        new() { CutoffHz = cutoffHz, RolloffDbPerOctave = rolloffDbPerOctave };
}
