namespace FastAudiomentations;

/// <summary>What <see cref="AddGaussianNoise"/> draws for one example.</summary>
public struct AddGaussianNoiseParameters
{
    /// <summary>The noise's standard deviation, in full-scale units.</summary>
    public float Amplitude;
}
