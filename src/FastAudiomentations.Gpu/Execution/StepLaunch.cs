using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Random;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>Everything a non-fused kernel gets for one step: the batch, the uploaded tables and where its rows sit in them.</summary>
internal readonly struct StepLaunch
{
    public required AcceleratorStream Stream { get; init; }

    public required DeviceMemoryPool Pool { get; init; }

    public required PlannedStep Step { get; init; }

    public required AudioBatch Batch { get; init; }

    /// <summary>The pitched batch buffer.</summary>
    public required ArrayView<float> Samples { get; init; }

    /// <summary>The per-call integer table on the device.</summary>
    public required ArrayView<int> Ints { get; init; }

    /// <summary>The per-call float table on the device.</summary>
    public required ArrayView<float> Floats { get; init; }

    public required int Pitch { get; init; }

    /// <summary>Where the per-row lengths start in <see cref="Ints"/>.</summary>
    public required int LengthsOffset { get; init; }

    /// <summary>Where the per-row example ids start in <see cref="Ints"/>.</summary>
    public required int ExampleIdsOffset { get; init; }

    /// <summary>Where row 0's parameters start in <see cref="Floats"/>.</summary>
    public required int ParameterOffset { get; init; }

    /// <summary>Floats per row in <see cref="Floats"/>.</summary>
    public required int ParameterStride { get; init; }

    /// <summary>Where row 0's applied flag sits in <see cref="Ints"/>.</summary>
    public required int AppliedOffset { get; init; }

    public required RandomKey Key { get; init; }

    /// <summary>Threads per group the device runs best with (a power of two).</summary>
    public required int GroupSize { get; init; }
}
