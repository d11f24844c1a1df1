using FastAudiomentations.Dsp;
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
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(4 * MaxWarps);
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
        int windowEnd = half == 0 ? Math.Min(length, halfSize) : length;
        int first = start + tid;
        var chunk = default(ChunkLanes);
        if (windowEnd - start >= 2 * halfSize)
        {
            chunk.IssueWhole(data.SubView(first), groupSize);
        }
        else
        {
            chunk.IssueTail(data, first, groupSize, windowEnd);
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

        // The row's first sample (thread 0 of a window at the row's start): the steady state's input, as in RunCausal.
        bool rowStart = start == 0 && tid == 0;
        float steadyInput = rowStart ? chunk.V0 : 0f;
        int sections = (int)record[0];

        // Section 0's chunk from a zero state (the steady state at the row's start); then per section the chunk's true
        // start, and its filtering fused with the next section's zero-state pass over the output.
        ArrayView<float> section = record.SubView(IirRecord.HeaderFloats, IirRecord.SectionFloats);
        BiquadState steady = RowSteadyState(rowStart, section, ref steadyInput);
        BiquadState end = steady;
        chunk.Advance(Section(section, 0), ref end);
        for (int m = 0; m < sections; m++)
        {
            section = record.SubView(IirRecord.HeaderFloats + (m * IirRecord.SectionFloats), IirRecord.SectionFloats);
            BiquadState chunkStart = WarmUpChunkStart<TGroup>(m, end, section, warpEnds);
            if (rowStart)
            {
                chunkStart = steady;
            }

            if (m + 1 < sections)
            {
                ArrayView<float> next = record.SubView(IirRecord.HeaderFloats + ((m + 1) * IirRecord.SectionFloats), IirRecord.SectionFloats);
                steady = RowSteadyState(rowStart, next, ref steadyInput);
                end = steady;
                chunk.FilterThenAdvance(Section(section, 0), ref chunkStart, Section(next, 0), ref end);
            }
            else
            {
                chunk.Filter(Section(section, 0), ref chunkStart);
            }
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

    /// <summary>
    /// The start state of this thread's chunk in section <paramref name="m"/> of a warm-up window, from its zero-state
    /// end state <paramref name="end"/>: the warp's inclusive scan, the warps' totals through shared memory, then every
    /// warp scans the totals itself and carries its start over its lanes. The operations of
    /// <see cref="RunCausalSection{TGroup}"/> for a window (no look-back) in the same order, so the same bits; but one
    /// barrier a section instead of two, and no warp waits while warp 0 scans for all (the totals alternate between two
    /// buffers, so section m + 1's writes never meet section m's reads).
    /// </summary>
    private static BiquadState WarmUpChunkStart<TGroup>(int m, in BiquadState end, ArrayView<float> section, ArrayView<float> warpEnds)
        where TGroup : struct, IGroupSize
    {
        int laneBits = default(TGroup).LaneBits;
        int warpBits = default(TGroup).WarpBits;
        int lane = Warp.LaneIdx;
        int warp = Warp.WarpIdx;

        // Inclusive scan of the end states within the warp: level d joins runs of 2^d chunks.
        BiquadState prefix = end;
        ScanLevel(ref prefix, section, lane, 0, laneBits);
        ScanLevel(ref prefix, section, lane, 1, laneBits);
        ScanLevel(ref prefix, section, lane, 2, laneBits);
        ScanLevel(ref prefix, section, lane, 3, laneBits);
        ScanLevel(ref prefix, section, lane, 4, laneBits);
        ArrayView<float> totals = warpEnds.SubView((m & 1) * 2 * MaxWarps, 2 * MaxWarps);
        if (lane == (1 << laneBits) - 1)
        {
            totals[2 * warp] = prefix.S1;
            totals[(2 * warp) + 1] = prefix.S2;
        }

        Group.Barrier();

        // The warps' totals scanned (lane w: warps 0..w), in every warp; warp w starts where warp w - 1's scan ends.
        int warps = 1 << warpBits;
        BiquadState total = lane < warps ? new BiquadState(totals[2 * lane], totals[(2 * lane) + 1]) : default;
        ScanLevel(ref total, section, lane, 0, warpBits, laneBits);
        ScanLevel(ref total, section, lane, 1, warpBits, laneBits);
        ScanLevel(ref total, section, lane, 2, warpBits, laneBits);
        ScanLevel(ref total, section, lane, 3, warpBits, laneBits);
        ScanLevel(ref total, section, lane, 4, warpBits, laneBits);
        int before = Math.Max(warp - 1, 0);
        var carried = new BiquadState(Warp.Shuffle(total.S1, before), Warp.Shuffle(total.S2, before));
        if (warp == 0)
        {
            carried = default;
        }

        // The chunk's start: the warp's exclusive prefix plus A^(K lane) times the warp's start.
        BiquadState start = ShuffleUp(prefix, 1);
        if (lane == 0)
        {
            start = default;
        }

        AdvanceBit(ref carried, section, lane, 0, laneBits, 0);
        AdvanceBit(ref carried, section, lane, 1, laneBits, 0);
        AdvanceBit(ref carried, section, lane, 2, laneBits, 0);
        AdvanceBit(ref carried, section, lane, 3, laneBits, 0);
        AdvanceBit(ref carried, section, lane, 4, laneBits, 0);
        return new BiquadState(start.S1 + carried.S1, start.S2 + carried.S2);
    }

    /// <summary>
    /// The steady state of <paramref name="section"/> for the row's first sample (<paramref name="rowStart"/>: thread 0 of a
    /// window at the row's start; zero elsewhere), as <see cref="RunCausalSection{TGroup}"/> starts it; then the next
    /// section's input level (<paramref name="steadyInput"/> times the section's gain at 0 Hz).
    /// </summary>
    private static BiquadState RowSteadyState(bool rowStart, ArrayView<float> section, ref float steadyInput)
    {
        if (!rowStart)
        {
            return default;
        }

        BiquadState steady = Biquad.SteadyState(new BiquadState(section[IirRecord.PerUnitOffset], section[IirRecord.PerUnitOffset + 1]), steadyInput);
        steadyInput *= section[IirRecord.DcGainOffset];
        return steady;
    }

    /// <summary>
    /// Launch bounds of the warm-up kernel on CUDA: groups a multiprocessor must hold at once. Its launches are small (at
    /// most <see cref="FilterLaunchers.MaxWarmUpRows"/> rows: 246 groups of 128 on 132 multiprocessors), so two suffice,
    /// and the registers this leaves (ptxas: 102-122, no spills) hold both sections of the fused passes; the causal
    /// kernel's bound of 4 (64 registers) cost 0.1-0.3 us at B = 1 (bench/gpu-notes.md, run 118).
    /// </summary>
    public const int WarmUpGroupsPerMultiprocessor = 2;

    /// <summary>The hand-over flag of half <paramref name="half"/> of row <paramref name="row"/>: the first word of its look-back slots.</summary>
    private static int HandOverFlag(in IirPass pass, int row, int half) => (((row * pass.TilesPerRow) + half) * pass.SyncSections) * SlotWords;

    /// <summary>Samples of a warm-up window's half for groups of <paramref name="groupSize"/> threads: half a tile.</summary>
    public static int WarmUpHalf(int groupSize) => groupSize * ChunkLength / 2;
}
