namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// How a warm-up launch cuts a row: groups of <see cref="GroupSize"/> threads, each filtering a window of
/// <see cref="Window"/> samples split into <see cref="Parts"/> equal parts, of which it writes only one (its own). The
/// parts around it are the warm-up it forgets the state over: <see cref="Reach"/> samples.
/// </summary>
/// <remarks>
/// A causal pass (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>) owns the window's last part: its warm-up lies
/// before it. Zero phase in one launch (<see cref="Centred"/>, <see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>)
/// filters the window forwards, then backwards, and owns its two middle parts: the forward pass forgets its state over
/// the parts before, the backward pass over as many after (quarters: half the window owned, a quarter of warm-up each
/// side, as many samples filtered per sample written as two causal launches in halves).
/// </remarks>
/// <param name="GroupSize">Threads per group (a warm-up kernel's compiled size).</param>
/// <param name="Parts">Parts per window: 2, 4 or 8 (centred: 4 or 8).</param>
/// <param name="Centred">Zero phase in one launch: the two middle parts owned, <see cref="Before"/> parts either side.</param>
internal readonly record struct WarmUpShape(int GroupSize, int Parts, bool Centred = false)
{
    /// <summary>Samples a group filters: a chunk per thread.</summary>
    public int Window => GroupSize * IirCascadeKernel.ChunkLength;

    /// <summary>Samples a group writes: its last part, or (centred) its two middle parts.</summary>
    public int Own => Window / Parts * (Centred ? 2 : 1);

    /// <summary>The parts of a window before its own: all the others, or (centred) half the others, as many as after.</summary>
    public int Before => Centred ? (Parts - 2) >> 1 : Parts - 1;

    /// <summary>The longest warm-up the window holds: the parts before its own (centred: as many after it).</summary>
    public int Reach => Window / Parts * Before;

    /// <summary>The shape in 13 bits, for a graph key (bits 51 on): 0 for none (the look-back); parts are even, so bit 0 marks a centred shape.</summary>
    public int Code => GroupSize == 0 ? 0 : (GroupSize << 4) | Parts | (Centred ? 1 : 0);

    /// <summary>Groups per row for rows of up to <paramref name="capacity"/> samples: one per part.</summary>
    public int GroupsPerRow(int capacity) => Math.Max(1, (capacity + Own - 1) / Own);
}
