namespace FastAudiomentations.Gpu.Fusion;

/// <summary>The statistics of a row (or clip) that a pointwise op needs of its input, so a fused pass ends before it.</summary>
[Flags]
internal enum RowStatistic
{
    /// <summary>The op needs nothing but its own sample.</summary>
    None = 0,

    /// <summary>max |x| over the valid samples (as the integer max of the bits &amp; 0x7FFFFFFF, so NaN wins).</summary>
    Peak = 1,

    /// <summary>The sum of x^2 over the valid samples.</summary>
    Energy = 2,

    /// <summary>The sum of n^2 over the valid samples of the op's own white noise stream (regenerated: a pure function).</summary>
    NoiseEnergy = 4,

    /// <summary>Peak and energy.</summary>
    PeakAndEnergy = Peak | Energy,
}
