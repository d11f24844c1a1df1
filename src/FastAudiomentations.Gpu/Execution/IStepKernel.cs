namespace FastAudiomentations.Gpu.Execution;

/// <summary>A transform that runs as a kernel (or several) of its own, not inside a fused pointwise pass.</summary>
internal interface IStepKernel
{
    /// <summary>Floats per row in the parameter table.</summary>
    int ParameterStride { get; }

    /// <summary>Copies the step's parameters, rows x <see cref="ParameterStride"/> floats.</summary>
    void WriteParameters(PlannedStep step, Span<float> destination);

    /// <summary>Enqueues the step's kernels on the launch's stream.</summary>
    void Launch(in StepLaunch launch);
}
