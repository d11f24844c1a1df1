namespace FastAudiomentations.Random;

/// <summary>
/// What a random stream is for; part of the counter, so that the draws for one purpose never collide
/// with another's (a transform's noise never reuses the bits that decided its probability).
/// </summary>
public enum RandomPurpose : uint
{
    /// <summary>The per-example decision "apply with probability p".</summary>
    Probability = 1,

    /// <summary>Sampled parameters (gain, cutoff, SNR, file index, ...).</summary>
    Parameters = 2,

    /// <summary>Choices made by containers (OneOf, SomeOf, shuffled Compose).</summary>
    Choice = 3,

    /// <summary>Random signals, one value per sample (noise).</summary>
    Signal = 4,
}
