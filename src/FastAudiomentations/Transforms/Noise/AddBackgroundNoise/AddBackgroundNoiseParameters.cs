namespace FastAudiomentations;

/// <summary>What <see cref="AddBackgroundNoise"/> draws for one example (or channel).</summary>
/// <remarks>Floats only, so a plan stays a flat float table; the file index is exact up to 2^24 files.</remarks>
public struct AddBackgroundNoiseParameters
{
    /// <summary>Index of the noise file in <see cref="AudioCorpus.Files"/>, a whole number.</summary>
    public float FileIndex;

    /// <summary>
    /// Where the noise starts, as a fraction in [0, 1) of the possible starts; turned into a sample offset
    /// once the noise's length is known (<see cref="BackgroundNoiseMath.StartSample"/>).
    /// </summary>
    public float OffsetFraction;

    /// <summary>Signal-to-noise ratio in dB (used in <see cref="NoiseRmsMode.Relative"/> mode).</summary>
    public float SnrDb;

    /// <summary>The noise's RMS in dB re full scale (used in <see cref="NoiseRmsMode.Absolute"/> mode).</summary>
    public float AbsoluteRmsDb;
}
