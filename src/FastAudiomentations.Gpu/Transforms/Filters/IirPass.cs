namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The scalar arguments of one <see cref="IirCascadeKernel"/> launch.</summary>
internal struct IirPass
{
    /// <summary>Where the per-row lengths start in the integer table.</summary>
    public int LengthsOffset;

    /// <summary>Where the step's per-row applied flags start in the integer table.</summary>
    public int AppliedOffset;

    /// <summary>Where row 0's record starts in the float table.</summary>
    public int RecordOffset;

    /// <summary>Floats per row record (<see cref="IirRecord.Stride"/>).</summary>
    public int RecordStride;

    /// <summary>Floats between row starts in the batch.</summary>
    public int Pitch;

    /// <summary>Floats between row starts in the zero-phase scratch (the padded signal of each row).</summary>
    public int ScratchPitch;

    /// <summary>1: forward and backward over the odd-extended signal (sosfiltfilt); 0: causal.</summary>
    public int ZeroPhase;
}
