using System.Runtime.CompilerServices;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// One thread's <see cref="IirCascadeKernel.ChunkLength"/> samples of a tile in registers: sample j is
/// tileStart + tid + j x groupSize (coalesced across the group). The kernel loads the next tile into these
/// while it filters the current one in shared memory, so the loads' latency hides behind the recursion.
/// </summary>
/// <remarks>Written out lane by lane: a register array indexed at run time would spill to local memory.</remarks>
internal struct TileLanes
{
    public float V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15;

    /// <summary>Loads this thread's samples of the tile at <paramref name="tileStart"/> (zero past the signal's end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Load(in IirSignal source, int tileStart, int tid, int groupSize)
    {
        V0 = Fetch(source, tileStart + tid + (0 * groupSize));
        V1 = Fetch(source, tileStart + tid + (1 * groupSize));
        V2 = Fetch(source, tileStart + tid + (2 * groupSize));
        V3 = Fetch(source, tileStart + tid + (3 * groupSize));
        V4 = Fetch(source, tileStart + tid + (4 * groupSize));
        V5 = Fetch(source, tileStart + tid + (5 * groupSize));
        V6 = Fetch(source, tileStart + tid + (6 * groupSize));
        V7 = Fetch(source, tileStart + tid + (7 * groupSize));
        V8 = Fetch(source, tileStart + tid + (8 * groupSize));
        V9 = Fetch(source, tileStart + tid + (9 * groupSize));
        V10 = Fetch(source, tileStart + tid + (10 * groupSize));
        V11 = Fetch(source, tileStart + tid + (11 * groupSize));
        V12 = Fetch(source, tileStart + tid + (12 * groupSize));
        V13 = Fetch(source, tileStart + tid + (13 * groupSize));
        V14 = Fetch(source, tileStart + tid + (14 * groupSize));
        V15 = Fetch(source, tileStart + tid + (15 * groupSize));
    }

    /// <summary>Stores this thread's samples into the tile's shared memory, chunk-major.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(ArrayView<float> tile, int tid, int groupSize)
    {
        tile[IirCascadeKernel.Slot(tid + (0 * groupSize))] = V0;
        tile[IirCascadeKernel.Slot(tid + (1 * groupSize))] = V1;
        tile[IirCascadeKernel.Slot(tid + (2 * groupSize))] = V2;
        tile[IirCascadeKernel.Slot(tid + (3 * groupSize))] = V3;
        tile[IirCascadeKernel.Slot(tid + (4 * groupSize))] = V4;
        tile[IirCascadeKernel.Slot(tid + (5 * groupSize))] = V5;
        tile[IirCascadeKernel.Slot(tid + (6 * groupSize))] = V6;
        tile[IirCascadeKernel.Slot(tid + (7 * groupSize))] = V7;
        tile[IirCascadeKernel.Slot(tid + (8 * groupSize))] = V8;
        tile[IirCascadeKernel.Slot(tid + (9 * groupSize))] = V9;
        tile[IirCascadeKernel.Slot(tid + (10 * groupSize))] = V10;
        tile[IirCascadeKernel.Slot(tid + (11 * groupSize))] = V11;
        tile[IirCascadeKernel.Slot(tid + (12 * groupSize))] = V12;
        tile[IirCascadeKernel.Slot(tid + (13 * groupSize))] = V13;
        tile[IirCascadeKernel.Slot(tid + (14 * groupSize))] = V14;
        tile[IirCascadeKernel.Slot(tid + (15 * groupSize))] = V15;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Fetch(in IirSignal source, int i) => i < source.Count ? source.Read(i) : 0f;
}
