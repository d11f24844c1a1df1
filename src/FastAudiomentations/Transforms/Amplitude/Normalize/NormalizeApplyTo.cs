namespace FastAudiomentations;

/// <summary>Which clips <see cref="Normalize"/> changes (audiomentations' apply_to).</summary>
public enum NormalizeApplyTo
{
    /// <summary>Every clip is scaled to a peak of 1 ("all").</summary>
    All = 0,

    /// <summary>Only clips whose peak is at least 1 are scaled down; quieter ones are left as they are ("only_too_loud_sounds").</summary>
    OnlyTooLoudSounds = 1,
}
