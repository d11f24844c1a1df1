namespace FastAudiomentations.Gpu.Fusion;

/// <summary>The scalar arguments of one launch of <see cref="FusedPointwiseKernel"/>.</summary>
internal struct FusedPass
{
    /// <summary>Channels per clip (row r is channel r % Channels).</summary>
    public int Channels;

    /// <summary>Floats between row starts.</summary>
    public int Pitch;

    /// <summary>Chunks (GroupSize x <see cref="Lanes.Count"/> samples) per row of the batch's capacity.</summary>
    public int ChunksPerRow;

    /// <summary>Blocks of this launch per row; block b works on row b / BlocksPerRow and walks its chunks b % BlocksPerRow, + BlocksPerRow, ... (ChunksPerRow: one chunk each).</summary>
    public int BlocksPerRow;

    /// <summary>Partials per row that the pass whose statistics this pass reads wrote (its BlocksPerRow).</summary>
    public int ReadBlocksPerRow;

    /// <summary>Partial-statistics slots per statistic (rows x ChunksPerRow).</summary>
    public int PartialCount;

    /// <summary>Where per-row lengths start in the integer table.</summary>
    public int LengthsOffset;

    /// <summary>Where per-row example ids start in the integer table.</summary>
    public int ExampleIdsOffset;

    /// <summary>Where this pass's first op entry starts in the integer table.</summary>
    public int OpsOffset;

    /// <summary>Ops in this pass.</summary>
    public int OpCount;

    /// <summary>1: reduce the previous pass's partial statistics into the row context first.</summary>
    public int ReadStatistics;

    /// <summary>
    /// 1: a block walks its chunks last first. The statistics-only pass before a reading pass walks every row forward
    /// with all its blocks at once, so when it ends the L2 holds the last chunks of every row; a reading pass that
    /// starts there finds them in the cache instead of reading them from memory again (session 3, run 26).
    /// </summary>
    public int Backward;

    /// <summary>
    /// 1: the pass measures its own input: blocks take chunks in launch order (a ticket at <see cref="TicketSlot"/>),
    /// publish their statistics, count themselves in their clip's (or row's) arrival counter (the rows ints after the
    /// ticket), wait until the clip has arrived and combine its statistics before the ops.
    /// </summary>
    public int SelfStatistics;

    /// <summary>Where, in the integer table, this pass's ticket counter lies (zero when uploaded), followed by one arrival counter per row.</summary>
    public int TicketSlot;

    /// <summary>
    /// Where, in the integer table, the call counters are described for a call whose table is the kernel's argument
    /// (<see cref="Execution.InlineTable"/>): where the ticket, arrival and peak words' offsets start in the counters
    /// (the start of the call's half), the start of the other half, and the words of the other half a single pass clears
    /// (<see cref="Execution.CallCounters"/>).
    /// </summary>
    public int CountersOffset;

    /// <summary>Published entries per clip (or row), a multiple of 8 (whole 128-byte lines).</summary>
    public int ScopeStride;

    /// <summary>1: reduce the statistics over every channel of the row's clip whose first op applies (one value per clip); 0: over the row alone.</summary>
    public int PerClip;

    /// <summary>1: write partial statistics of this pass's output.</summary>
    public int WriteStatistics;

    /// <summary>
    /// Where, in the integer table, the entry of the op that reads this pass's written statistics sits when it also needs
    /// the energy of its own white noise (the pass then regenerates that noise for the sum); -1 otherwise.
    /// </summary>
    public int WriteNoiseOpEntry;

    /// <summary>With <see cref="SelfStatistics"/>: the entry of the pass's first op when it needs its noise energy; -1 otherwise.</summary>
    public int NoiseOpEntry;

    /// <summary>1: store the output (0 for a statistics-only pass).</summary>
    public int Store;

    /// <summary>
    /// 1 where every op of the pass applies to every row: a one-chunk block then issues its samples' loads before it
    /// resolves its program, overlapping the two (the program's table reads are two dependent L2 round trips). Where a
    /// row may apply nothing, the block must first learn whether it loads at all (p = 0.5 moves half the bytes).
    /// </summary>
    public int LoadFirst;

    /// <summary>Where the call's Philox key (low word, high word) lies in the integer table: in the table, not here, so that a call's launches can be replayed unchanged (CallGraphs).</summary>
    public int KeyOffset;

    /// <summary>
    /// 1: a single-pass statistics pass whose op needs only the peak (Normalize): blocks fold their peaks into one
    /// integer of the table per clip with an atomic max (exact and order-free for the bits of |x|), so after the wait a
    /// block reads one word instead of every block's entry and reducing them again.
    /// </summary>
    public int PeakOnly;

    /// <summary>Where a peak-only pass's per-row peak words start in the integer table (zero when uploaded; a clip folds into its first row's).</summary>
    public int PeakOffset;

    /// <summary>
    /// 1: a single pass's blocks take their chunks from a ticket counter, in the order they start (where a clip's blocks
    /// may not all be resident at once); 0: by grid index, where the whole grid fits in half the resident blocks, so every
    /// block is resident from the start and the ticket's round trip would only delay the block's loads.
    /// </summary>
    public int Tickets;
}
