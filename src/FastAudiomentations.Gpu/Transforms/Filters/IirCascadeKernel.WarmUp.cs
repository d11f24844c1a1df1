using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Execution;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The warm-up kernel: causal and zero-phase passes whose groups never wait for each other's states.</summary>
internal static partial class IirCascadeKernel
{
    /// <summary>
    /// A causal or zero-phase pass (<typeparamref name="TKind"/>, <see cref="IirPass.Mode"/>) over windows: group g
    /// filters, from a zero state, a window of a tile's samples (a chunk per thread) cut into
    /// <see cref="IirPass.WarmUpParts"/> parts, the last its own part g, and writes only that part. The parts before cover
    /// the row's warm-up (<see cref="IirRecord.WarmUpOffset"/>: the samples after which the cascade has
    /// forgotten its state, to 2^-32 of it, the same cut the look-back's levels make), so the output is the look-back's
    /// to within float rounding. Windows that would start before the row start at its start, in its steady state,
    /// exactly as the causal kernel's first tile; no window reads past its own part.
    /// </summary>
    /// <remarks>
    /// <para>Why: at batch 1 a look-back costs a section ~1.5-2 us of waiting for a predecessor's state to cross the L2
    /// (bench/gpu-notes.md, runs 71-74), more than filtering the parts before alongside. No group publishes a state or
    /// looks back; the executor takes this kernel per call where every row's warm-up fits the window's reach
    /// (<see cref="WarmUpShape"/>, <see cref="FilterLaunchers.WarmUps"/>).</para>
    /// <para>The hand-over: causal rows are filtered in place (zero phase's passes read one buffer and write another), and the groups of the next parts - 1 parts read the part that group
    /// g overwrites with its output. So a group writes only once each of them has signalled that it holds its window
    /// (its flag: its look-back slot's first word, tagged with the launch's epoch); each signals right after its loads,
    /// and the first polls go out then too, so the wait is normally over before the writer needs it. Groups go in reverse
    /// order of the grid: on ILGPU's CPU accelerator, which runs groups one after another in grid order, each reader
    /// then runs before its writers; on CUDA a call takes a shape only where its launch fits in half the groups the
    /// device holds at once (<see cref="FilterLaunchers.WarmUpShapeFor"/>), so every group it waits for runs beside it.</para>
    /// </remarks>
    /// <typeparam name="TTable">Where the call's table is read (<see cref="ITableSource"/>): the device table
    /// (<see cref="CopiedTable"/>) or the argument <paramref name="table"/> (<see cref="InlineTable"/>), staged into shared
    /// memory. Either way the rows' records are compact (<see cref="IirRecord.Compact"/>).</typeparam>
    /// <typeparam name="TGroup">The group's shape (threads, warps), known when the kernel compiles.</typeparam>
    /// <typeparam name="TKind">Causal or zero phase's passes (<see cref="IPassKind"/>).</typeparam>
    public static void RunWarmUp<TTable, TGroup, TKind>(TTable table, ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
        where TTable : struct, ITableSource
        where TGroup : struct, IGroupSize
        where TKind : struct, IPassKind
    {
        if (table.Inline)
        {
            ArrayView<int> staged = SharedMemory.Allocate<int>(InlineTable.Capacity);
            ints = table.Stage(staged);
            floats = table.Floats(staged);
        }

        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(4 * MaxWarps);
        int groupSize = default(TGroup).Threads;
        int tid = Group.IdxX;
        int row = Grid.IdxX / pass.TilesPerRow;

        // Parts in reverse order of the grid (the hand-over).
        int part = pass.TilesPerRow - 1 - (Grid.IdxX - (row * pass.TilesPerRow));
        int parts = pass.WarmUpParts;
        int partSize = groupSize * ChunkLength / parts;
        int own = part * partSize;
        pass.Epoch = ints[pass.LaunchIntsOffset];
        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        int length = ints[pass.LengthsOffset + row];
        int applied = ints[pass.AppliedOffset + row];
        bool causal = !default(TKind).ZeroPhase;
        IirSignal signal = causal || length == 0 ? default
            : PaddedSignal(pass.Mode, data, scratch.SubView((long)row * pass.ScratchPitch, pass.ScratchPitch), length, (int)floats[recordStart + 1]);
        int count = causal ? length : signal.Count;
        if (applied == 0 || own >= count)
        {
            return;
        }

        // The window: the parts - 1 parts before the group's own (fewer at the row's start) and its own, read no further
        // (in place; a zero-phase pass writes another buffer than it reads, so its window may read on to a whole span).
        int start = Math.Max(0, own - ((parts - 1) * partSize));
        int windowEnd = Math.Min(count, own + partSize);
        int first = start + tid;
        var chunk = default(ChunkLanes);
        bool reversed = false;
        if (!causal)
        {
            reversed = IssuePadded(ref chunk, signal, start, tid, groupSize);
        }
        else if (windowEnd - start == groupSize * ChunkLength)
        {
            chunk.IssueWhole(data.SubView(first), groupSize);
        }
        else
        {
            chunk.IssueTail(data, first, groupSize, windowEnd);
        }

        // The record while the window's loads are in flight (its own loads behind them, its levels computed meanwhile).
        LoadCompactRecord<TGroup>(record, floats, recordStart, tid, groupSize);

        ArrayView<float> ownSlot = tileMemory.SubView(((tid >> 5) * ChunkStride) + (tid & (ChunkLength - 1)));
        ArrayView<float> chunkSlot = tileMemory.SubView(tid * ChunkStride, ChunkLength);
        if (!causal && reversed)
        {
            chunk.Reverse();
        }

        chunk.ScatterOwn(ownSlot, groupSize);
        Group.Barrier();
        chunk.Load(chunkSlot, 0);
        if (causal && tid == 0 && part > 0)
        {
            // This group holds the parts before its own (the barrier above waited for its loads): their groups may write.
            SignalHandOver(sync, HandOverFlag(pass, row, part), pass.Epoch);
        }

        // Thread d (1 <= d < parts) waits for the reader of the part d after this one, if the row has it: asked now,
        // needed at the store, so the first poll's latency hides behind the sections.
        // A zero-phase pass writes another buffer than it reads: no hand-over.
        int readerPart = part + tid;
        bool reader = causal && tid >= 1 && tid < parts && readerPart * partSize < length;
        int readerFlag = reader ? HandOverFlag(pass, row, readerPart) : 0;
        bool readerDone = !reader || HandedOver(sync, readerFlag, pass.Epoch);

        // The threads whose chunks make the own part (on CUDA whole warps: a part is at least 32 chunks). The others
        // skip the last section's filtering and the final store, whose results would not leave the group (issue
        // slots are the windows' cost in quarters and eighths: bench/gpu-notes.md, run 124).
        int ownFirstChunk = (own - start) / ChunkLength;
        bool ownChunk = tid >= ownFirstChunk && tid < ownFirstChunk + (partSize / ChunkLength);

        // From a zero state; thread 0 of a window at the row's start from the row's steady state, as in RunCausal.
        WarmUpCascade<TGroup>(ref chunk, record, warpEnds, start == 0 && tid == 0, ownChunk);

        if (!readerDone)
        {
            AwaitHandOver(sync, readerFlag, pass.Epoch);
        }

        if (ownChunk)
        {
            chunk.Store(chunkSlot, 0);
        }

        Group.Barrier();
        chunk.CollectOwn(ownSlot, groupSize);

        // Lane j of a thread holds the window's sample j G + tid: the own part is lanes (own - start) / G on, 32 / parts of them.
        int fromLane = (own - start) / groupSize;
        if (causal)
        {
            chunk.EmitLanes(data, first, groupSize, length, fromLane, fromLane + (ChunkLength / parts));
        }
        else
        {
            chunk.EmitLanes(signal, first, groupSize, fromLane, fromLane + (ChunkLength / parts));
        }
    }

    /// <summary>
    /// A compact record (<see cref="IirRecord.Compact"/>) into shared memory in the full layout
    /// (<see cref="IirRecord"/>), with the levels the group's scans read, A^(K 2^d) for d below log2 of its chunks,
    /// computed by thread m for section m: A^K by squaring A log2 K times, then each level the square of the one before,
    /// in float; zero from the first whose entries are all below <see cref="BiquadChunkScan.Tolerance"/>, as the host's.
    /// </summary>
    /// <remarks>
    /// Why here and not on the host: the host's levels are 64 of a section's 76 floats, and without them a band filter's
    /// table at batch 1 fits an <see cref="InlineTable"/>. They differ from the host's (A^K in double from the unrounded
    /// design, rounded once) by float rounding: a power A^n reached by squaring carries a relative error of about n float
    /// epsilons and weighs a state by |A^n| ~ r^n, so the error is at most ~eps n r^n &lt;= eps / (e (1 - r)) of the
    /// state. A warm-up call's cascade settles within its window (7,168 samples at most: 1 - r &gt;= ~3e-3), which keeps
    /// it under ~1e-5 of the state; the tests bound warm-up against look-back at 1e-6 of the clip's scale.
    /// </remarks>
    private static void LoadCompactRecord<TGroup>(ArrayView<float> record, ArrayView<float> floats, long recordStart, int tid, int groupSize)
        where TGroup : struct, IGroupSize
    {
        int sections = (int)floats[recordStart];
        int count = IirRecord.CompactFloats(sections);
        for (int i = tid; i < count; i += groupSize)
        {
            int k = i - IirRecord.HeaderFloats;
            int at = k < 0 ? i : IirRecord.HeaderFloats + (k / IirRecord.CoefficientFloats * IirRecord.SectionFloats) + (k % IirRecord.CoefficientFloats);
            record[at] = floats[recordStart + i];
        }

        int levels = default(TGroup).LaneBits + default(TGroup).WarpBits;
        for (int m = tid; m < sections; m += groupSize)
        {
            long a = recordStart + IirRecord.HeaderFloats + (m * IirRecord.CoefficientFloats);
            float p11 = floats[a], p12 = floats[a + 1], p21 = floats[a + 2], p22 = floats[a + 3];
            for (int power = 1; power < ChunkLength; power <<= 1)
            {
                Square(ref p11, ref p12, ref p21, ref p22);
            }

            int entry = IirRecord.HeaderFloats + (m * IirRecord.SectionFloats) + IirRecord.LevelsOffset;
            bool zero = false;
            for (int d = 0; d < levels; d++)
            {
                zero |= Math.Max(Math.Max(Math.Abs(p11), Math.Abs(p12)), Math.Max(Math.Abs(p21), Math.Abs(p22))) < NegligibleLevel;
                record[entry + (4 * d)] = zero ? 0f : p11;
                record[entry + (4 * d) + 1] = zero ? 0f : p12;
                record[entry + (4 * d) + 2] = zero ? 0f : p21;
                record[entry + (4 * d) + 3] = zero ? 0f : p22;
                Square(ref p11, ref p12, ref p21, ref p22);
            }
        }
    }

    /// <summary><see cref="BiquadChunkScan.Tolerance"/> as a float (2^-32, exact).</summary>
    private const float NegligibleLevel = (float)BiquadChunkScan.Tolerance;

    /// <summary>P = P P for a 2 x 2 matrix in float.</summary>
    private static void Square(ref float p11, ref float p12, ref float p21, ref float p22)
    {
        float q11 = (p11 * p11) + (p12 * p21);
        float q12 = (p11 * p12) + (p12 * p22);
        float q21 = (p21 * p11) + (p22 * p21);
        float q22 = (p21 * p12) + (p22 * p22);
        (p11, p12, p21, p22) = (q11, q12, q21, q22);
    }

    /// <summary>
    /// Every section of the cascade over the window's chunks, each from a zero state (thread 0 from the row's steady state
    /// where <paramref name="rowStart"/>): section 0's zero-state pass, then per section the chunk's true start
    /// (<see cref="WarmUpChunkStart{TGroup}"/>) and its filtering fused with the next section's zero-state pass
    /// (<see cref="ChunkLanes.FilterThenAdvance"/>). The last section filters only where <paramref name="filterLast"/>:
    /// its end states went into the scan already, and a chunk whose output never leaves the group skips it.
    /// </summary>
    private static void WarmUpCascade<TGroup>(ref ChunkLanes chunk, ArrayView<float> record, ArrayView<float> warpEnds, bool rowStart, bool filterLast)
        where TGroup : struct, IGroupSize
    {
        float steadyInput = rowStart ? chunk.V0 : 0f;
        int sections = (int)record[0];
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
            else if (filterLast)
            {
                chunk.Filter(Section(section, 0), ref chunkStart);
            }
        }
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
        ScanLevels(ref prefix, section, lane, laneBits);
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
        ScanLevels(ref total, section, lane, warpBits, laneBits);
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

        AdvanceBits(ref carried, section, lane, laneBits, 0);
        return new BiquadState(start.S1 + carried.S1, start.S2 + carried.S2);
    }

    /// <summary>
    /// Launch bounds of the warm-up kernel on CUDA: groups a multiprocessor must hold at once. Its launches are small (at
    /// most <see cref="FilterLaunchers.MaxWarmUpRows"/> rows: a clip of 252,046 samples is 62-124 groups of 256 or 123 of
    /// 128 on 132 multiprocessors), so two suffice, and the registers this leaves (ptxas: 102-122, no spills) hold both
    /// sections of the fused passes; the causal kernel's bound of 4 (64 registers) cost 0.1-0.3 us at B = 1
    /// (bench/gpu-notes.md, run 118).
    /// </summary>
    public const int WarmUpGroupsPerMultiprocessor = 2;

    /// <summary>The hand-over flag of part <paramref name="part"/> of row <paramref name="row"/>: the first word of its look-back slots.</summary>
    private static int HandOverFlag(in IirPass pass, int row, int part) => (((row * pass.TilesPerRow) + part) * pass.SyncSections) * SlotWords;

    /// <summary>Sets hand-over flag <paramref name="flag"/> for this launch: the group holds its window, so the part it read may be overwritten.</summary>
    private static void SignalHandOver(ArrayView<long> sync, int flag, int epoch) => Atomic.Exchange(ref sync[flag], Pack(0f, epoch));

    /// <summary>Whether hand-over flag <paramref name="flag"/> is set for this launch (an atomic read, past the L1).</summary>
    private static bool HandedOver(ArrayView<long> sync, int flag, int epoch) => Tag(Atomic.Add(ref sync[flag], 0L)) == epoch;

    /// <summary>Returns once hand-over flag <paramref name="flag"/> is set for this launch.</summary>
    private static void AwaitHandOver(ArrayView<long> sync, int flag, int epoch)
    {
        while (!HandedOver(sync, flag, epoch))
        {
        }
    }
}
