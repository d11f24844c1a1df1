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

    /// <summary>Floats of constants the op reads (properties of the transform, not sampled per row).</summary>
    int ConstantCount { get; }

    /// <summary>The statistics <paramref name="transform"/> needs (its settings may decide, e.g. a noise level mode); default <see cref="Needs"/>.</summary>
    RowStatistic NeedsFor(Transform transform) => Needs;

    /// <summary>True when the statistics are taken over the whole clip (its applied channels), false when per row.</summary>
    bool PerClip(Transform transform);

    /// <summary>Copies the step's parameters, rows x <see cref="ParameterStride"/> floats.</summary>
    void WriteParameters(PlannedStep step, Span<float> destination);

    /// <summary>Copies the step's parameters knowing the batch (after the step's Prepare); default <see cref="WriteParameters(PlannedStep, Span{float})"/>.</summary>
    void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination) => WriteParameters(step, destination);

    /// <summary>Writes the transform's <see cref="ConstantCount"/> constants.</summary>
    void WriteConstants(Transform transform, Span<float> destination);
}
