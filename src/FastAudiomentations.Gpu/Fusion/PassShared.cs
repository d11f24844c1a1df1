using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// The shared-memory arrays of a fused pass's block, allocated once at the kernel's entry: a persistent block
/// (single-pass statistics) reuses them for every item it takes.
/// </summary>
internal struct PassShared
{
    /// <summary>The block's noise tile (<see cref="NoiseTile"/>).</summary>
    public ArrayView<float> Tile;

    /// <summary>Per op of the pass: its code, or 0 where the row's applied flag is off.</summary>
    public ArrayView<int> Codes;

    /// <summary>Per op: its node in the plan (the random stream it draws from).</summary>
    public ArrayView<int> Nodes;

    /// <summary>Per op: where the row's parameters start in the float table.</summary>
    public ArrayView<int> ParameterIndices;

    /// <summary>Per op: where its constants start in the float table.</summary>
    public ArrayView<int> ConstantIndices;
}
