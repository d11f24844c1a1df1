using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The warm-up kernel: causal passes whose groups never wait for each other's states.</summary>
internal static partial class IirCascadeKernel
{
    /// <summary>
    /// A causal pass over windows of two half tiles: group g filters, from a zero state, the window of
    /// <see cref="WarmUpHalf"/> samples before its own half tile and that half, and writes only its own half. The window's
    /// first half covers the row's warm-up (<see cref="IirRecord.WarmUpOffset"/>: the samples after which the cascade has
    /// forgotten its state, to 2^-32 of it, the same cut the look-back's levels make), so the output is the look-back's
    /// to within float rounding. Windows that start at the row's start begin in its steady state, exactly as the
    /// causal kernel's first tile; group 0 reads only its own half (nothing precedes it).
    /// </summary>
    /// <remarks>
    /// <para>Why: at batch 1 a look-back costs a section ~1.5-2 us of waiting for a predecessor's state to cross the L2
    /// (bench/gpu-notes.md, runs 71-74), more than filtering another half tile alongside. No group publishes a state or
    /// looks back; the executor takes this kernel per call where every row's warm-up fits in half a tile
    /// (<see cref="FilterLaunchers.WarmUps"/>: 4,096 samples with groups of 256, a low-pass above ~150 Hz at 44.1 kHz).</para>
    /// <para>The hand-over: rows are filtered in place, and group g + 1 reads the half that group g overwrites with its
    /// output. So a group writes only once the next group has signalled that it holds its window (its flag: its look-back
    /// slot's first word, tagged with the launch's epoch); it signals right after its loads, so the wait is normally over
    /// before the writer asks. Groups go in reverse order of the grid: on ILGPU's CPU accelerator, which runs groups one
    /// after another in grid order, each reader then runs before its writer; on CUDA the launch is small (at most two
    /// rows) and every group is resident.</para>
    /// </remarks>
    public static void RunWarmUp<TGroup>(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
        where TGroup : struct, IGroupSize
    {
        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<int> readerDone = SharedMemory.Allocate<int>(1);
        int groupSize = default(TGroup).Threads;
        int tid = Group.IdxX;
        int row = Grid.IdxX / pass.TilesPerRow;

        // Halves in reverse order of the grid (the hand-over).
        int half = pass.TilesPerRow - 1 - (Grid.IdxX - (row * pass.TilesPerRow));
        int halfSize = WarmUpHalf(groupSize);
        int own = half * halfSize;
        pass.Epoch = ints[pass.LaunchIntsOffset];
        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        int length = ints[pass.LengthsOffset + row];
        int applied = ints[pass.AppliedOffset + row];
        LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
        if (applied == 0 || own >= length)
        {
            return;
        }

        // The window: the half before and the group's own (group 0: its own half alone, read no further).
        int start = half == 0 ? 0 : own - halfSize;
        int end = half == 0 ? Math.Min(length, halfSize) : length;
        int first = start + tid;
        var chunk = default(ChunkLanes);
        if (end - start >= 2 * halfSize)
        {
            chunk.IssueWhole(data.SubView(first), groupSize);
        }
        else
        {
            chunk.IssueTail(data, first, groupSize, end);
        }

        ArrayView<float> ownSlot = tileMemory.SubView(((tid >> 5) * ChunkStride) + (tid & (ChunkLength - 1)));
        ArrayView<float> ownChunk = tileMemory.SubView(tid * ChunkStride, ChunkLength);
        chunk.ScatterOwn(ownSlot, groupSize);
        Group.Barrier();
        chunk.Load(ownChunk, 0);
        bool reader = (half + 1) * halfSize < length;
        int readerFlag = HandOverFlag(pass, row, half + 1);
        if (tid == 0)
        {
            if (half > 0)
            {
                // This group holds the half before its own (the barrier above waited for its loads): its group may write.
                Atomic.Exchange(ref sync[HandOverFlag(pass, row, half)], Pack(0f, pass.Epoch));
            }

            // Asked now, needed at the store: the read's latency hides behind the sections.
            readerDone[0] = !reader || Tag(Atomic.Add(ref sync[readerFlag], 0L)) == pass.Epoch ? 1 : 0;
        }

        var shared = new Shared { Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts, Tile = tileMemory };
        var place = new Place
        {
            // Tile 0 (the row's start, a steady state) for windows that start there; any other tile starts from zero.
            Tile = start == 0 ? 0 : 1,
            Slots = 0,
            TileLevel = default(TGroup).LaneBits + default(TGroup).WarpBits,
            WarmUp = 1,
        };

        // The row's first sample (thread 0 of a window at the row's start): the steady state's input, as in RunCausal.
        float steadyInput = start == 0 && tid == 0 ? chunk.V0 : 0f;
        int sections = (int)record[0];
        for (int m = 0; m < sections; m++)
        {
            RunCausalSection<TGroup>(m, ref chunk, ref steadyInput, shared, place, sync, pass, ownChunk);
        }

        if (tid == 0 && readerDone[0] == 0)
        {
            while (Tag(Atomic.Add(ref sync[readerFlag], 0L)) != pass.Epoch)
            {
            }
        }

        chunk.Store(ownChunk, 0);
        Group.Barrier();
        chunk.CollectOwn(ownSlot, groupSize);

        // A thread's lanes below 16 hold the window's first half (lane j sits j G + tid in).
        chunk.EmitLanes(data, first, groupSize, length, half == 0 ? 0 : ChunkLength / 2, half == 0 ? ChunkLength / 2 : ChunkLength);
    }

    /// <summary>The hand-over flag of half <paramref name="half"/> of row <paramref name="row"/>: the first word of its look-back slots.</summary>
    private static int HandOverFlag(in IirPass pass, int row, int half) => (((row * pass.TilesPerRow) + half) * pass.SyncSections) * SlotWords;

    /// <summary>Samples of a warm-up window's half for groups of <paramref name="groupSize"/> threads: half a tile.</summary>
    public static int WarmUpHalf(int groupSize) => groupSize * ChunkLength / 2;
}
