namespace FastAudiomentations;

/// <summary>
/// What <see cref="AddBackgroundNoise"/> prepares for a plan step: the clip each applied row mixes in,
/// loaded and resampled before the step runs, where it starts and the energy of the segment it adds (all known on
/// the host before any sample is touched, so a GPU kernel needs only the clip's own RMS). Kept on the step and
/// refilled each call, so steady-state calls allocate nothing.
/// </summary>
internal sealed class BackgroundNoiseStepState(int rows)
{
    /// <summary>The clip of row b * C + c, or null where the step does not apply.</summary>
    public CorpusClip?[] Clips { get; } = new CorpusClip?[rows];

    /// <summary>The first noise sample row b * C + c mixes in (<see cref="BackgroundNoiseMath.StartSample"/>).</summary>
    public int[] Starts { get; } = new int[rows];

    /// <summary>The noise channel row b * C + c reads: its own channel when the noise has the clip's channels, else 0.</summary>
    public int[] NoiseChannels { get; } = new int[rows];

    /// <summary>Sum of squares of the noise segment row b * C + c mixes in (before scaling), from the clip's running sums.</summary>
    public double[] NoiseEnergies { get; } = new double[rows];

    /// <summary>Scratch for the file indices to prefetch.</summary>
    public int[] FileIndices { get; } = new int[rows];
}
