namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The scalar arguments of one <see cref="FirKernel"/> launch (and of its halo copy).</summary>
internal struct FirPass
{
    /// <summary>Where the per-row lengths start in the integer table.</summary>
    public int LengthsOffset;

    /// <summary>Where the step's per-row applied flags start in the integer table.</summary>
    public int AppliedOffset;

    /// <summary>Where row 0's taps start in the float table.</summary>
    public int TapsOffset;

    /// <summary>Taps per row (odd).</summary>
    public int Taps;

    /// <summary>Input samples before each output that the taps reach: taps - 1 (causal) or taps / 2 (centred).</summary>
    public int Before;

    /// <summary>Floats between row starts in the batch.</summary>
    public int Pitch;

    /// <summary>Output samples per tile (one group).</summary>
    public int TileSize;

    /// <summary>Tiles per row (groups per row).</summary>
    public int TilesPerRow;

    /// <summary>Rows in the batch.</summary>
    public int Rows;

    /// <summary>
    /// 1: no halo copy; each tile reads its whole window from the batch, flags (at <see cref="FlagsOffset"/>) that it has,
    /// and waits before it stores until every tile that reads its samples has flagged (grids that fit on the device at
    /// once: <see cref="FirKernel"/>'s remarks). 0: the halo copy precedes the launch.
    /// </summary>
    public int Handshake;

    /// <summary>With <see cref="Handshake"/>: where the tiles' flags (rows x TilesPerRow ints, zero when uploaded) start in the integer table.</summary>
    public int FlagsOffset;
}
