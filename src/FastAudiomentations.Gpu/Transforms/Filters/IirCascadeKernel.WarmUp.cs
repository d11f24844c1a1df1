using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The warm-up kernel: causal passes whose groups never wait for each other.</summary>
internal static partial class IirCascadeKernel
{
    /// <summary>
    /// A causal pass in which each group filters its tile after filtering, from a zero state, the tile before it, which
    /// covers the row's warm-up (<see cref="IirRecord.WarmUpOffset"/>: the samples after which the cascade has forgotten
    /// its state, to 2^-32 of it, the same cut the look-back's levels make). No look-back: no group publishes or waits,
    /// so a group's time is its own tiles' chunk passes and scans, and groups may run in any order (ILGPU's CPU
    /// accelerator too). Tiles whose warm-up reaches the row's start filter from it, exactly as the first tile does.
    /// </summary>
    /// <remarks>
    /// <para>Why: at batch 1 a look-back costs a section ~1.5-2 us of waiting for a predecessor's state to cross the L2 (bench/gpu-notes.md,
    /// runs 71-74), more than filtering another tile; when the warm-up fits in one tile of 128 threads (4,096 samples: a
    /// low-pass above ~150 Hz at 44.1 kHz) filtering it again is cheaper. The executor picks this kernel per call
    /// (<see cref="FilterLaunchers.WarmUp"/>): one group per tile, warm-ups of one tile.</para>
    /// <para>The hand-over: rows are filtered in place, and a group reads the tile before its own, which that tile's group
    /// overwrites with its output. So a group writes only once the next tile's group has signalled that it holds the
    /// input (it signals right after its first loads, so the wait is normally over before it starts). Tiles go in
    /// reverse order of the grid: on ILGPU's CPU accelerator, which runs groups one after another in grid order, the
    /// reader then runs before the writer; on CUDA the launch is small (at most two rows) and every group is resident.</para>
    /// </remarks>
    public static void RunWarmUp<TGroup>(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
        where TGroup : struct, IGroupSize
    {
        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> running = SharedMemory.Allocate<float>(2 * ButterworthDesign.MaxOrder);
        ArrayView<int> readerDone = SharedMemory.Allocate<int>(1);
        int groupSize = default(TGroup).Threads;
        int tid = Group.IdxX;
        int row = Grid.IdxX / pass.TilesPerRow;

        // Tiles in reverse order of the grid: see the remarks (the hand-over).
        int tile = pass.TilesPerRow - 1 - (Grid.IdxX - (row * pass.TilesPerRow));
        pass.Epoch = ints[pass.LaunchIntsOffset];
        int tileSize = groupSize * ChunkLength;
        int tileStart = tile * tileSize;
        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        int length = ints[pass.LengthsOffset + row];
        int applied = ints[pass.AppliedOffset + row];
        LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
        if (applied == 0 || tileStart >= length)
        {
            return;
        }

        Group.Barrier();
        // The host takes this kernel only where every row's warm-up fits in the tile before (FilterKernel.WarmsUp).
        int from = Math.Max(0, tile - 1);

        // The hand-over: the next tile's group reads this tile's input as its warm-up; this group's output may overwrite
        // it only once that group has signalled (its flag: its look-back slot's first word, tagged with the launch's epoch).
        bool reader = (tile + 1) * tileSize < length;
        int readerFlag = (((row * pass.TilesPerRow) + tile + 1) * pass.SyncSections) * SlotWords;
        int sections = (int)record[0];
        ArrayView<float> own = tileMemory.SubView(((tid >> 5) * ChunkStride) + (tid & (ChunkLength - 1)));
        ArrayView<float> ownChunk = tileMemory.SubView(tid * ChunkStride, ChunkLength);
        var shared = new Shared { Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts, Tile = tileMemory, Running = running };
        var place = new Place
        {
            Tile = from,
            Slots = 0,
            TileLevel = default(TGroup).LaneBits + default(TGroup).WarpBits,
            WarmUpFrom = from,
        };
        for (int at = from; at <= tile; at++)
        {
            // Every tile before the group's own is whole (the group's own starts below the row's length).
            int start = at * tileSize;
            int first = start + tid;
            bool whole = length - start >= tileSize;
            var chunk = default(ChunkLanes);
            if (whole)
            {
                chunk.IssueWhole(data.SubView(first), groupSize);
            }
            else
            {
                chunk.IssueTail(data, first, groupSize, length);
            }

            // The tile before's last reads of the shared tile are behind this barrier.
            Group.Barrier();
            chunk.ScatterOwn(own, groupSize);
            Group.Barrier();
            chunk.Load(ownChunk, 0);
            place.Tile = at;
            if (tid == 0 && at < tile)
            {
                // This group holds the tile before its own (the barrier above waited for its loads): its group may write.
                Atomic.Exchange(ref sync[(((row * pass.TilesPerRow) + tile) * pass.SyncSections) * SlotWords], Pack(0f, pass.Epoch));
            }

            if (tid == 0 && at == tile)
            {
                // Asked now, needed at the store: the read's latency hides behind the sections.
                readerDone[0] = !reader || Tag(Atomic.Add(ref sync[readerFlag], 0L)) == pass.Epoch ? 1 : 0;
            }

            // The row's first sample (thread 0 of the row's first tile): the steady state's input, as in RunCausal.
            float steadyInput = at == 0 && tid == 0 ? chunk.V0 : 0f;
            for (int m = 0; m < sections; m++)
            {
                RunCausalSection<TGroup>(m, ref chunk, ref steadyInput, shared, place, sync, pass, ownChunk);
            }

            if (at == tile)
            {
                if (tid == 0 && readerDone[0] == 0)
                {
                    while (Tag(Atomic.Add(ref sync[readerFlag], 0L)) != pass.Epoch)
                    {
                    }
                }

                chunk.Store(ownChunk, 0);
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
        }
    }
}
