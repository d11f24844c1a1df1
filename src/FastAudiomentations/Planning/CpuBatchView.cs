using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>What a CPU step needs beyond the batch: its samples array and the call's key.</summary>
/// <param name="Samples">The batch's host array, rows x capacity.</param>
/// <param name="Key">The call's Philox key.</param>
internal readonly record struct CpuBatchView(float[] Samples, RandomKey Key);
