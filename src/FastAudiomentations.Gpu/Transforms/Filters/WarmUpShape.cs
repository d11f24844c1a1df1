namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// How a warm-up launch (<see cref="IirCascadeKernel.RunWarmUp{TGroup}"/>) cuts a row: groups of
/// <see cref="GroupSize"/> threads, each filtering a window of <see cref="Window"/> samples split into
/// <see cref="Parts"/> equal parts, of which it writes only the last (its own). The parts before are the warm-up it
/// forgets the state over: <see cref="Reach"/> samples.
/// </summary>
/// <param name="GroupSize">Threads per group (a warm-up kernel's compiled size).</param>
/// <param name="Parts">Parts per window: 2, 4 or 8.</param>
internal readonly record struct WarmUpShape(int GroupSize, int Parts)
{
    /// <summary>Samples a group filters: a chunk per thread.</summary>
    public int Window => GroupSize * IirCascadeKernel.ChunkLength;

    /// <summary>Samples a group writes: the window's last part.</summary>
    public int Own => Window / Parts;

    /// <summary>The longest warm-up the window holds: the parts before its own.</summary>
    public int Reach => Own * (Parts - 1);

    /// <summary>The shape in 16 bits, for a graph key: 0 for none (the look-back).</summary>
    public int Code => GroupSize == 0 ? 0 : (GroupSize << 4) | Parts;

    /// <summary>Groups per row for rows of up to <paramref name="capacity"/> samples: one per part.</summary>
    public int GroupsPerRow(int capacity) => Math.Max(1, (capacity + Own - 1) / Own);
}
