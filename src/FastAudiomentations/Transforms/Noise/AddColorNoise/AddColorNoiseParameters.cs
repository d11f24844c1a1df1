namespace FastAudiomentations;

/// <summary>What <see cref="AddColorNoise"/> draws for one example.</summary>
public struct AddColorNoiseParameters
{
    /// <summary>The signal-to-noise ratio, dB.</summary>
    public float SnrDb;

    /// <summary>The noise's spectral slope, dB per octave (audiomentations' f_decay).</summary>
    public float DecayDbPerOctave;

    /// <summary>1 when the noise is also A-weighted, 0 otherwise (a float so that the struct holds floats only).</summary>
    public float AWeighting;
}
