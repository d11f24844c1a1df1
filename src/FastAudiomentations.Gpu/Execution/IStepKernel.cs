namespace FastAudiomentations.Gpu.Execution;

/// <summary>A transform that runs as a kernel (or several) of its own, not inside a fused pointwise pass.</summary>
internal interface IStepKernel
{
    /// <summary>
    /// Floats per row in the parameter table for <paramref name="transform"/>: its parameter struct's size, or
    /// a record whose size depends on the transform's settings (a filter's largest order, its FIR length).
    /// </summary>
    int StrideFor(Transform transform);

    /// <summary>
    /// Writes the step's per-row records, rows x <see cref="StrideFor"/> floats: the sampled parameter structs
    /// as they are, or what the kernel derives from them on the host (filter sections designed for the batch's
    /// sample rate and row lengths).
    /// </summary>
    void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination);

    /// <summary>Enqueues the step's kernels on the launch's stream.</summary>
    /// <returns>The number of kernels launched.</returns>
    int Launch(in StepLaunch launch);
}
