namespace FastAudiomentations.Gpu.Fusion;

/// <summary>A statistic of a row that a pointwise op needs of its input (so a fused pass ends before it).</summary>
internal enum RowStatistic
{
    /// <summary>The op needs nothing but its own sample.</summary>
    None = 0,

    /// <summary>The op needs max |x| and the sum of x^2 over the row's valid samples.</summary>
    PeakAndEnergy = 1,
}
