using FastAudiomentations.Random;
using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>What a pointwise op may know about the row and chunk a GPU thread works on.</summary>
/// <remarks>Built once per thread and pass; plain data so that ILGPU passes it in registers.</remarks>
internal struct RowContext
{
    /// <summary>The row, b * Channels + c.</summary>
    public int Row;

    /// <summary>The channel c of the row.</summary>
    public int Channel;

    /// <summary>The clip's id in the random streams.</summary>
    public uint ExampleId;

    /// <summary>Valid samples of the row.</summary>
    public int Length;

    /// <summary>The call's Philox key.</summary>
    public RandomKey Key;

    /// <summary>First sample of the block's chunk (a multiple of 4: Philox blocks never straddle chunks).</summary>
    public int ChunkStart;

    /// <summary>Samples in a chunk: group size x <see cref="Lanes.Count"/>.</summary>
    public int ChunkLength;

    /// <summary>The block's shared noise tile (<see cref="NoiseTile"/>), for ops that add generated noise.</summary>
    public ArrayView<float> Tile;

    /// <summary>The node whose stream the tile already holds for this chunk (filled for a statistic), or -1.</summary>
    public int TileNode;

    /// <summary>max |x| over the valid samples at the input of the pass (when the pass reads statistics).</summary>
    public float Peak;

    /// <summary>Sum of x^2 over the valid samples at the input of the pass (when the pass reads statistics).</summary>
    public float Energy;

    /// <summary>Sum of n^2 of the first op's white noise over the valid samples (when the pass reads statistics).</summary>
    public float NoiseEnergy;
}
