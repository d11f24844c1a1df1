using FastAudiomentations.Gpu.Memory;
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

    /// <summary>Where the step's <see cref="IStepKernel.LaunchInts"/> integers sit in <see cref="Ints"/>.</summary>
    public required int LaunchIntsOffset { get; init; }

    /// <summary>
    /// Where the call's Philox key (two ints) sits in <see cref="Ints"/>: kernels read it there, not from an argument,
    /// so that a call replays from a graph with each call's key.
    /// </summary>
    public required int KeyOffset { get; init; }

    /// <summary>Threads per group the device runs best with (a power of two).</summary>
    public required int GroupSize { get; init; }

    /// <summary>
    /// The call's page-locked staging of both tables (the float table from <see cref="FloatsStart"/>, as bits), already
    /// copied to <see cref="DeviceTable"/> once: a kernel that writes more of its parameters after its first launches
    /// (a filter designing its later rows while the device filters the first) writes them here and copies that span up
    /// again on <see cref="Stream"/>, before the launches that read it.
    /// </summary>
    public required PageLockedArray1D<int> HostTable { get; init; }

    /// <summary>Both tables on the device (<see cref="Ints"/> and <see cref="Floats"/> are views of it).</summary>
    public required ArrayView<int> DeviceTable { get; init; }

    /// <summary>Where the float table starts in <see cref="HostTable"/> and <see cref="DeviceTable"/>.</summary>
    public required int FloatsStart { get; init; }

    /// <summary>
    /// The call's table when it travels as the kernels' first argument instead of <see cref="DeviceTable"/> (only for
    /// steps that take it: <see cref="IStepKernel.InlineTableUse"/>); Count 0 otherwise.
    /// </summary>
    public InlineTable Inline { get; init; }

    /// <summary>The call counters' buffer (<see cref="CallCounters"/>), where a call whose table travels inline counts.</summary>
    public required ArrayView<int> Counters { get; init; }

    /// <summary>Where, in <see cref="Ints"/>, an inline call's counters are described: where its half starts, the other half, the words to clear.</summary>
    public required int CountersOffset { get; init; }

    /// <summary>
    /// The two buffers of the steps' work done ahead (<see cref="IAheadStep"/>, each <see cref="IAheadStep.AheadFloats"/>
    /// long): <see cref="IAheadStep.LaunchAhead"/> writes buffer <see cref="AheadBuffer"/>, which the call's launches read
    /// where <see cref="HasAhead"/>.
    /// </summary>
    public ArrayView<float> Ahead { get; init; }

    /// <summary>Which of the two buffers of <see cref="Ahead"/> holds the step's work (0 or 1).</summary>
    public int AheadBuffer { get; init; }

    /// <summary>Both buffers' done counters (<see cref="SideStreamWork.Done"/>), which a launch reading the work waits on.</summary>
    public ArrayView<int> AheadDone { get; init; }

    /// <summary>Whether the step's work was done ahead into <see cref="Ahead"/> (its launches read it instead of doing it).</summary>
    public bool HasAhead { get; init; }
}
