using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The causal kernel: the default filters' pass, with the way in and out stripped to its addresses.</summary>
internal static partial class IirCascadeKernel
{
    /// <summary>A group size known when the kernel compiles (<see cref="RunCausal{TGroup}"/>'s type argument).</summary>
    public interface IGroupSize
    {
        /// <summary>Threads per group: a power of two, what the launch uses.</summary>
        int Threads { get; }
    }

    /// <summary>
    /// The causal kernel: <see cref="Run"/> for <see cref="IirSignal.Causal"/> passes, launched with groups of
    /// <typeparamref name="TGroup"/>'s size (<see cref="FilterLaunchers"/> picks it; zero phase and other group sizes
    /// take <see cref="Run"/>). Same tiles, sections, scans and look-back; what differs is the way in and out.
    /// </summary>
    /// <remarks>
    /// <see cref="Run"/> computes every sample's source index, mode branches, bounds check and shared-memory slot
    /// (a signed division and remainder by K) at run time: ~2,500 integer instructions a thread against ~900 float
    /// ones for a section (bench/gpu-notes.md, IIR throughput run 2). Here the row is read in place, so a thread's
    /// 32 samples of a whole tile lie at one base address plus j G floats, and its shared slots at Slot(tid) plus
    /// Slot(j G) (chunk p / K, padded): with G a compile-time constant every offset is a constant of the load or
    /// store instruction. Only a row's last tile can be partial; it alone takes the bounds-checked loads and stores.
    /// </remarks>
    public static void RunCausal<TGroup>(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, ArrayView<int> tickets, IirPass pass)
        where TGroup : struct, IGroupSize
    {
        ArrayView<int> ticketShared = SharedMemory.Allocate<int>(1);
        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        int groupSize = default(TGroup).Threads;
        int tid = Group.IdxX;
        if (tid == 0)
        {
            ticketShared[0] = Atomic.Add(ref tickets[0], 1) - pass.TicketBase;
        }

        Group.Barrier();
        int ticket = ticketShared[0];
        int row = ticket / pass.TilesPerRow;
        int tile = ticket - (row * pass.TilesPerRow);
        int length = ints[pass.LengthsOffset + row];
        int tileSize = groupSize * ChunkLength;
        int tileStart = tile * tileSize;
        if (ints[pass.AppliedOffset + row] == 0 || tileStart >= length)
        {
            return;
        }

        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        int first = tileStart + tid;
        bool whole = length - tileStart >= tileSize;
        var chunk = default(ChunkLanes);
        if (whole)
        {
            chunk.IssueWhole(data.SubView(first), groupSize);
        }
        else
        {
            chunk.IssueTail(data, first, groupSize, length);
        }

        // Slot(tid) without the signed division: tid is never negative.
        ArrayView<float> own = tileMemory.SubView(((tid >> 5) * ChunkStride) + (tid & (ChunkLength - 1)));
        chunk.ScatterOwn(own, groupSize);
        Group.Barrier();
        chunk.Load(tileMemory.SubView(tid * ChunkStride), 0);
        var shared = new Shared { Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts, Tile = tileMemory };
        var place = new Place
        {
            Tile = tile,
            Slots = ((row * pass.TilesPerRow) + tile) * pass.SyncSections,
            TileLevel = Log2(groupSize),
        };

        // The row's first sample (thread 0 of tile 0 holds it as its chunk's first): the steady state's input.
        float steadyInput = tile == 0 && tid == 0 ? chunk.V0 : 0f;
        int sections = (int)record[0];
        for (int m = 0; m < sections; m++)
        {
            RunSection(m, ref chunk, ref steadyInput, shared, place, sync, pass);
        }

        chunk.Store(tileMemory.SubView(tid * ChunkStride), 0);
        Group.Barrier();
        chunk.CollectOwn(own, groupSize);
        if (whole)
        {
            chunk.EmitWhole(data.SubView(first), groupSize);
        }
        else
        {
            chunk.EmitTail(data, first, groupSize, length);
        }
    }

    /// <summary>16 threads: ILGPU's CPU accelerator (warps of 4).</summary>
    public struct Threads16 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 16;
    }

    /// <summary>32 threads.</summary>
    public struct Threads32 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 32;
    }

    /// <summary>64 threads.</summary>
    public struct Threads64 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 64;
    }

    /// <summary>128 threads.</summary>
    public struct Threads128 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 128;
    }

    /// <summary>256 threads (<see cref="MaxGroupSize"/>): CUDA.</summary>
    public struct Threads256 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 256;
    }
}
