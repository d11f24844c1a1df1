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

    /// <summary><see cref="IirSignal.Causal"/>, <see cref="IirSignal.Forward"/> or <see cref="IirSignal.Backward"/>.</summary>
    public int Mode;

    /// <summary>Tiles per row: groups of the launch per row (tiles past a row's signal return at once).</summary>
    public int TilesPerRow;

    /// <summary>Look-back slots per tile: the most sections a row of this step has.</summary>
    public int SyncSections;

    /// <summary>A warm-up launch's parts per window (<see cref="WarmUpShape.Parts"/>); unused by the other kernels.</summary>
    public int WarmUpParts;

    /// <summary>
    /// A zero-phase window launch's input (<see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>): 0, the row itself,
    /// overwritten in place behind the hand-over; 1, a copy of the row in the scratch (ILGPU's CPU accelerator, which runs
    /// groups one after another, so that no group waits for a later one). Unused by the other kernels.
    /// </summary>
    public int WindowInputCopied;

    /// <summary>
    /// Where this launch's two integers lie in the integer table: its look-back flags' tag (positive, new for every
    /// launch) and its ticket counter (zero when uploaded). From the table, not the arguments, so that a replayed graph
    /// gets a new tag and a fresh counter with each call's table.
    /// </summary>
    public int LaunchIntsOffset;

    /// <summary>The launch's tag, read from the table by the kernel at its start (any value as an argument).</summary>
    public int Epoch;

    /// <summary>
    /// 1: every group of the launch is resident on the device at once (small grids on CUDA,
    /// <see cref="FilterLaunchers.IirResident"/>), so a group works on the tile of its grid index and takes no ticket;
    /// 0: tiles in ticket order.
    /// </summary>
    public int Resident;

    /// <summary>
    /// 1: the causal kernel issues a tile's samples and its row's record before it learns the row's length and applied
    /// flag (<see cref="FilterLaunchers.IirLoadFirst"/>): at small grids the start-up's chain of dependent loads is much
    /// of the kernel's time; at large ones a row that does not apply would read its samples for nothing.
    /// </summary>
    public int LoadFirst;

    /// <summary>
    /// 1: tiles after the first publish only their aggregates, so every look-back walks through aggregates
    /// back to the row's first tile (tests use it to reach the many-round composition on an accelerator that
    /// runs groups in order); 0 in normal use.
    /// </summary>
    public int AggregatesOnly;
}
