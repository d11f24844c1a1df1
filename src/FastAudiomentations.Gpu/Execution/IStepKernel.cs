namespace FastAudiomentations.Gpu.Execution;

/// <summary>A transform that runs as a kernel (or several) of its own, not inside a fused pointwise pass.</summary>
internal interface IStepKernel
{
    /// <summary>Floats per row in the parameter table.</summary>
    int ParameterStride { get; }

    /// <summary>Floats per row for this <paramref name="transform"/> (its settings may decide, e.g. a filter length); default <see cref="ParameterStride"/>.</summary>
    int StrideFor(Transform transform) => ParameterStride;

    /// <summary>Floats per row for <paramref name="transform"/> in a call of <paramref name="rows"/> rows (a kernel may upload less per row for large batches); default <see cref="StrideFor(Transform)"/>.</summary>
    int StrideFor(Transform transform, int rows) => StrideFor(transform);

    /// <summary>Copies the step's parameters, rows x <see cref="ParameterStride"/> floats.</summary>
    void WriteParameters(PlannedStep step, Span<float> destination);

    /// <summary>Copies the step's parameters knowing the batch (after the step's Prepare); default <see cref="WriteParameters(PlannedStep, Span{float})"/>.</summary>
    void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination) => WriteParameters(step, destination);

    /// <summary>
    /// Integers per call the step's launches read from the integer table besides the rows' flags (per-launch values such
    /// as the IIR look-back's epoch and ticket counter: from the table, a replayed graph gets new ones); default 0.
    /// </summary>
    int LaunchInts(Transform transform, AudioBatch batch) => 0;

    /// <summary>Writes the call's <see cref="LaunchInts"/> integers (before any launch of the call).</summary>
    void WriteLaunchInts(PlannedStep step, AudioBatch batch, Span<int> destination)
    {
    }

    /// <summary>
    /// Whether every kernel the step launches over <paramref name="batch"/> takes the call's table as its first argument
    /// (<see cref="InlineTable"/>, <see cref="StepLaunch.Inline"/>), so that a small call may skip the table's copy, and
    /// how much of it they read; null (the default) where they do not. Asked after the step's parameters are written.
    /// </summary>
    InlineUse? InlineTableUse(PlannedStep step, AudioBatch batch) => null;

    /// <summary>Kernel launches <see cref="Launch"/> makes (for the device's launch count); default 1.</summary>
    int LaunchesPerStep => 1;

    /// <summary>Kernel launches <see cref="Launch"/> makes for <paramref name="transform"/> (its settings may decide, e.g. zero phase); default <see cref="LaunchesPerStep"/>.</summary>
    int LaunchesFor(Transform transform) => LaunchesPerStep;

    /// <summary>Kernel launches <see cref="Launch"/> makes for <paramref name="transform"/> over <paramref name="batch"/>; default <see cref="LaunchesFor(Transform)"/>.</summary>
    int LaunchesFor(Transform transform, AudioBatch batch) => LaunchesFor(transform);

    /// <summary>
    /// Whether a call may replay this step's launches from a CUDA graph, and under what key: every argument of its
    /// launches must derive from the executor's call signature (buffers, batch shape, table offsets) and this key (the
    /// transform's settings), and every per-call value must come from the table; its host work must all happen before
    /// the launches. Null where that does not hold (per-call arguments such as the Philox key or look-back epochs, host
    /// work between launches): the call then launches. Default null.
    /// </summary>
    ulong? GraphKey(PlannedStep step, AudioBatch batch) => null;

    /// <summary>Enqueues the step's kernels on the launch's stream.</summary>
    void Launch(in StepLaunch launch);
}
