using FastAudiomentations.Gpu.Fusion;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>What the executor needs to put a pointwise step into a fused pass.</summary>
internal interface IPointwiseKernel
{
    /// <summary>The op the fused kernel runs for this transform.</summary>
    PointwiseOpCode Code { get; }

    /// <summary>A statistic of the op's input it needs; a fused pass ends before such an op.</summary>
    RowStatistic Needs { get; }

    /// <summary>Floats per row in the parameter table.</summary>
    int ParameterStride { get; }

    /// <summary>Copies the step's parameters, rows x <see cref="ParameterStride"/> floats.</summary>
    void WriteParameters(PlannedStep step, Span<float> destination);

    /// <summary>Floats of constants the op reads (properties of the transform, not sampled per row).</summary>
    int ConstantCount { get; }

    /// <summary>Writes the transform's <see cref="ConstantCount"/> constants.</summary>
    void WriteConstants(Transform transform, Span<float> destination);
}
