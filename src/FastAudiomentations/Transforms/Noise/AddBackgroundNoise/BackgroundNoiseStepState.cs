namespace FastAudiomentations;

/// <summary>
/// What <see cref="AddBackgroundNoise"/> prepares for a plan step: the clip each applied row mixes in,
/// loaded and resampled before the step runs. Kept on the step and refilled each call, so steady-state calls
/// allocate nothing.
/// </summary>
internal sealed class BackgroundNoiseStepState(int rows)
{
    /// <summary>The clip of row b * C + c, or null where the step does not apply.</summary>
    public CorpusClip?[] Clips { get; } = new CorpusClip?[rows];

    /// <summary>Scratch for the file indices to prefetch.</summary>
    public int[] FileIndices { get; } = new int[rows];
}
