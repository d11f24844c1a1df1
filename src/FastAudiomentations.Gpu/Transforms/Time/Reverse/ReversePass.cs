namespace FastAudiomentations.Gpu.Transforms.Time;

/// <summary>The scalar arguments of <see cref="ReverseKernel.Run"/>.</summary>
internal struct ReversePass
{
    /// <summary>Floats between row starts.</summary>
    public int Pitch;

    /// <summary>Blocks per row (over the first half of the capacity).</summary>
    public int ChunksPerRow;

    /// <summary>Where per-row lengths start in the integer table.</summary>
    public int LengthsOffset;

    /// <summary>Where the step's applied flags start in the integer table.</summary>
    public int AppliedOffset;
}
