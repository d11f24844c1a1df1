namespace FastAudiomentations;

/// <summary>What <see cref="AddGaussianSnr"/> draws for one example.</summary>
public struct AddGaussianSnrParameters
{
    /// <summary>The signal-to-noise ratio, dB.</summary>
    public float SnrDb;
}
