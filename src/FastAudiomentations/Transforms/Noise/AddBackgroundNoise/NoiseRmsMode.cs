namespace FastAudiomentations;

/// <summary>How <see cref="AddBackgroundNoise"/> sets the level of the noise it mixes in (audiomentations' noise_rms).</summary>
public enum NoiseRmsMode
{
    /// <summary>The noise's RMS is the clip's RMS divided by 10^(SNR / 20): a silent clip gets no noise.</summary>
    Relative,

    /// <summary>The noise's RMS is 10^(RMS dB / 20), whatever the clip's level.</summary>
    Absolute,
}
