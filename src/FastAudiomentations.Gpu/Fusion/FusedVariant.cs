namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// Bits of <see cref="FusedPass.Variant"/>: alternative code paths of the fused kernels, chosen per call on the host so
/// that one build can time them side by side on the device (read from FASTAUG_FUSED_VARIANT by the executor).
/// Every variant gives the same results.
/// </summary>
internal static class FusedVariant
{
    /// <summary>AddBackgroundNoise computes its noise index with a remainder per sample (the path before stats-pass run 1).</summary>
    public const int PerSampleNoiseIndex = 1;

    /// <summary>A statistics-only pass runs in the chunk-walking kernel (Run) instead of its own (Measure).</summary>
    public const int MeasureInWalk = 2;

    /// <summary>A pass that reads a statistics-only pass's partials runs one chunk per block (RunOneChunk) instead of walking.</summary>
    public const int ReaderOneChunk = 4;
}
