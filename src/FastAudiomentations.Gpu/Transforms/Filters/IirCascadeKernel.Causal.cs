using System.Runtime.CompilerServices;
using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The causal kernel: the default filters' pass, with the way in and out stripped to its addresses.</summary>
internal static partial class IirCascadeKernel
{
    /// <summary>A group size known when the kernel compiles (<see cref="RunCausal{TGroup, TKind}"/>'s type argument).</summary>
    public interface IGroupSize
    {
        /// <summary>Threads per group: a power of two, what the launch uses.</summary>
        int Threads { get; }

        /// <summary>log2 of the accelerator's warp size.</summary>
        int LaneBits { get; }

        /// <summary>log2 of the warps per group.</summary>
        int WarpBits { get; }
    }

    /// <summary>
    /// The causal kernel: <see cref="Run"/> launched with groups of <typeparamref name="TGroup"/>'s size
    /// (<see cref="FilterLaunchers"/> picks it; other group sizes take <see cref="Run"/>), for causal passes and, compiled
    /// apart (<typeparamref name="TKind"/>), both passes of zero phase (their way in and out: IirCascadeKernel.ZeroPhase.cs).
    /// Same tiles, sections, scans and look-back; what differs is the way in and out.
    /// </summary>
    /// <remarks>
    /// <see cref="Run"/> computes every sample's source index, mode branches, bounds check and shared-memory slot
    /// (a signed division and remainder by K) at run time, and its scans are loops over a run-time level: 4,096 SASS
    /// instructions a thread, ~370 of them FFMA. Here the row is read in place, so a thread's
    /// 32 samples of a whole tile lie at one base address plus j G floats, and its shared slots at Slot(tid) plus
    /// Slot(j G) (chunk p / K, padded): with G a compile-time constant every offset is a constant of the load or
    /// store instruction. Only a row's last tile can be partial; it alone takes the bounds-checked loads and stores.
    /// 2,208 SASS instructions, 64 registers, no spills; on an H100 at B = 128 -41% kernel time for 1-2 sections, -35%
    /// for the band defaults, -25% for 8 (bench/gpu-notes.md, IIR causal runs 1-2).
    /// </remarks>
    public static void RunCausal<TGroup, TKind>(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
        where TGroup : struct, IGroupSize
        where TKind : struct, IPassKind
    {
        ArrayView<int> ticketShared = SharedMemory.Allocate<int>(1);
        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        int groupSize = default(TGroup).Threads;
        int tid = Group.IdxX;
        int ticket = TakeTile(ticketShared, ints, pass);
        pass.Epoch = ints[pass.LaunchIntsOffset];
        int row = ticket / pass.TilesPerRow;
        int tile = ticket - (row * pass.TilesPerRow);
        int tileSize = groupSize * ChunkLength;
        int tileStart = tile * tileSize;
        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        int first = tileStart + tid;
        var chunk = default(ChunkLanes);
        int length;
        bool whole;
        var signal = default(IirSignal);
        bool reversed = false;
        if (default(TKind).ZeroPhase)
        {
            // Zero phase: the odd-extended row into the padded scratch, or the scratch backwards into the row.
            length = ints[pass.LengthsOffset + row];
            if (ints[pass.AppliedOffset + row] == 0 || length == 0)
            {
                return;
            }

            signal = PaddedSignal(pass.Mode, data, scratch.SubView((long)row * pass.ScratchPitch, pass.ScratchPitch), length, (int)floats[recordStart + 1]);
            if (tileStart >= signal.Count)
            {
                return;
            }

            reversed = IssuePadded(ref chunk, signal, tileStart, tid, groupSize);
            LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
            whole = false;
        }
        else if (pass.LoadFirst != 0)
        {
            // The row's length, its applied flag, the tile's samples and the row's record all in flight at once: the
            // samples bounded by the pitch, known before the length (what lies past the length only reaches outputs
            // past it, which are not stored). At small grids the chain of dependent loads is the kernel's start-up.
            length = ints[pass.LengthsOffset + row];
            int applied = ints[pass.AppliedOffset + row];
            if (tileStart + tileSize <= pass.Pitch)
            {
                chunk.IssueWhole(data.SubView(first), groupSize);
            }
            else
            {
                chunk.IssueTail(data, first, groupSize, pass.Pitch);
            }

            LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
            if (applied == 0 || tileStart >= length)
            {
                return;
            }

            whole = length - tileStart >= tileSize;
        }
        else
        {
            length = ints[pass.LengthsOffset + row];
            if (ints[pass.AppliedOffset + row] == 0 || tileStart >= length)
            {
                return;
            }

            LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
            whole = length - tileStart >= tileSize;
            if (whole)
            {
                chunk.IssueWhole(data.SubView(first), groupSize);
            }
            else
            {
                chunk.IssueTail(data, first, groupSize, length);
            }
        }

        // Slot(tid) without the signed division: tid is never negative.
        ArrayView<float> own = tileMemory.SubView(((tid >> 5) * ChunkStride) + (tid & (ChunkLength - 1)));
        if (default(TKind).ZeroPhase && reversed)
        {
            chunk.Reverse();
        }

        chunk.ScatterOwn(own, groupSize);
        Group.Barrier();
        chunk.Load(tileMemory.SubView(tid * ChunkStride, ChunkLength), 0);
        var shared = new Shared { Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts, Tile = tileMemory };
        var place = new Place
        {
            Tile = tile,
            Slots = ((row * pass.TilesPerRow) + tile) * pass.SyncSections,
            TileLevel = default(TGroup).LaneBits + default(TGroup).WarpBits,
        };

        // The row's first sample (thread 0 of tile 0 holds it as its chunk's first): the steady state's input.
        float steadyInput = tile == 0 && tid == 0 ? chunk.V0 : 0f;
        int sections = (int)record[0];
        ArrayView<float> ownChunk = tileMemory.SubView(tid * ChunkStride, ChunkLength);
        for (int m = 0; m < sections; m++)
        {
            RunCausalSection<TGroup>(m, ref chunk, ref steadyInput, shared, place, sync, pass, ownChunk);
        }

        chunk.Store(ownChunk, 0);
        Group.Barrier();
        chunk.CollectOwn(own, groupSize);
        if (default(TKind).ZeroPhase)
        {
            EmitPadded(ref chunk, signal, tileStart, tid, groupSize);
        }
        else if (whole)
        {
            chunk.EmitWhole(data.SubView(first), groupSize);
        }
        else
        {
            chunk.EmitTail(data, first, groupSize, length);
        }
    }

    /// <summary>
    /// <see cref="RunSection"/> with the group's shape known when the kernel compiles: the scans' levels written out
    /// (ILGPU does not unroll loops), the section's coefficients and levels read at constant offsets of its entry,
    /// warp 0's chunk parked at constant offsets of its own slot. The same operations in the same order.
    /// </summary>
    private static void RunCausalSection<TGroup>(int m, ref ChunkLanes chunk, ref float steadyInput, in Shared shared, in Place place, ArrayView<long> sync, in IirPass pass, ArrayView<float> ownChunk)
        where TGroup : struct, IGroupSize
    {
        int laneBits = default(TGroup).LaneBits;
        int warpBits = default(TGroup).WarpBits;
        int entry = IirRecord.HeaderFloats + (m * IirRecord.SectionFloats);
        ArrayView<float> section = shared.Record.SubView(entry, IirRecord.SectionFloats);
        int tid = Group.IdxX;
        int lane = Warp.LaneIdx;
        int warp = Warp.WarpIdx;

        // (1) The chunk from a zero state (the row's first sample's steady state for thread 0 of tile 0).
        BiquadState steady = RowSteadyState(place.Tile == 0 && tid == 0, section, ref steadyInput);

        BiquadState end = steady;
        chunk.Advance(Section(section, 0), ref end);

        // (2) Inclusive scan of the end states within the warp: level d joins runs of 2^d chunks.
        BiquadState prefix = end;
        ScanLevels(ref prefix, section, lane, laneBits);
        if (lane == (1 << laneBits) - 1)
        {
            shared.WarpEnds[2 * warp] = prefix.S1;
            shared.WarpEnds[(2 * warp) + 1] = prefix.S2;
        }

        Group.Barrier();
        if (warp == 0)
        {
            // Warp 0's chunks wait in their own slots while it scans and looks back (see RunSection).
            chunk.Store(ownChunk, 0);
            int warps = 1 << warpBits;
            BiquadState total = lane < warps ? new BiquadState(shared.WarpEnds[2 * lane], shared.WarpEnds[(2 * lane) + 1]) : default;
            ScanLevels(ref total, section, lane, warpBits, laneBits);
            BiquadState warpStart = ShuffleUp(total, 1);
            if (lane == 0)
            {
                warpStart = default;
            }

            var aggregate = new BiquadState(Warp.Shuffle(total.S1, warps - 1), Warp.Shuffle(total.S2, warps - 1));
            int slot = place.Slots + m;
            if (place.Tile == 0)
            {
                if (lane == 0)
                {
                    Publish(sync, slot, 1, aggregate, pass.Epoch);
                }
            }
            else
            {
                BiquadState carry = CausalLookBack<TGroup>(sync, slot, place.Tile, aggregate, section, pass);

                // The carry into warp w: its zero-start carry plus A^(32 K w) C.
                BiquadState advanced = carry;
                AdvanceBits(ref advanced, section, lane, warpBits, laneBits);
                warpStart = new BiquadState(warpStart.S1 + advanced.S1, warpStart.S2 + advanced.S2);
            }

            if (lane < warps)
            {
                shared.WarpStarts[2 * lane] = warpStart.S1;
                shared.WarpStarts[(2 * lane) + 1] = warpStart.S2;
            }

            chunk.Load(ownChunk, 0);
        }

        Group.Barrier();

        // (4) The chunk's true start state: the warp's exclusive prefix plus A^(K lane) times the warp's start.
        BiquadState start = ShuffleUp(prefix, 1);
        if (lane == 0)
        {
            start = default;
        }

        var carried = new BiquadState(shared.WarpStarts[2 * warp], shared.WarpStarts[(2 * warp) + 1]);
        AdvanceBits(ref carried, section, lane, laneBits, 0);
        start = new BiquadState(start.S1 + carried.S1, start.S2 + carried.S2);
        if (place.Tile == 0 && tid == 0)
        {
            start = steady;
        }

        chunk.Filter(Section(section, 0), ref start);
    }

    /// <summary>
    /// <see cref="LookBack"/> with the group's shape known when the kernel compiles: the lanes' weights (the set bits'
    /// levels) and the warp reductions written out, the levels read at constant offsets of the section's entry.
    /// </summary>
    /// <remarks>
    /// At B = 1 the general look-back's run-time loops (five bit levels, two sums and a minimum over the lanes, each a
    /// chain of dependent shuffles or shared loads behind a loop branch) took ~1,800 cycles between a tile's first
    /// round of polls and its inclusive state (bench/gpu-notes.md, run 73).
    /// </remarks>
    private static BiquadState CausalLookBack<TGroup>(ArrayView<long> sync, int slot, int tile, in BiquadState aggregate, ArrayView<float> section, in IirPass pass)
        where TGroup : struct, IGroupSize
    {
        int laneBits = default(TGroup).LaneBits;
        int tileLevel = default(TGroup).LaneBits + default(TGroup).WarpBits;
        int lane = Warp.LaneIdx;
        int warpSize = 1 << laneBits;
        if (lane == 0)
        {
            Publish(sync, slot, 0, aggregate, pass.Epoch);
        }

        // R = A^(K G warpSize rounds): the weight of the current round's sum.
        var round = new BiquadChunkTransition(1, 0, 0, 1);
        BiquadState carry = default;
        for (int newest = 0; ; newest += warpSize)
        {
            // Lane j waits for tile t - 1 - newest - j (none before the row's first tile).
            int back = 1 + newest + lane;
            bool exists = back <= tile;
            bool inclusive = false;
            BiquadState value = default;
            if (exists)
            {
                PollTile(sync, slot - (back * pass.SyncSections), pass, ref value, ref inclusive);
            }

            int first = WarpMin<TGroup>(inclusive ? lane : warpSize);

            // Lane j's tile weighs A^(K G j) (the set bits' levels); nothing past the nearest inclusive one.
            if (lane > first || !exists)
            {
                value = default;
            }

            AdvanceBits(ref value, section, lane, laneBits, tileLevel);
            var sum = new BiquadState(WarpSum<TGroup>(value.S1), WarpSum<TGroup>(value.S2));
            carry = BiquadChunkScan.Carry(round, sum, carry);
            if (first < warpSize)
            {
                break;
            }

            round = Times(round, Level(section, tileLevel + laneBits));
        }

        if (lane == 0 && pass.AggregatesOnly == 0)
        {
            Publish(sync, slot, 1, BiquadChunkScan.Carry(Level(section, tileLevel), carry, aggregate), pass.Epoch);
        }

        return carry;
    }

    /// <summary>
    /// One lane's wait for a tile's published state: the inclusive end state where both its words carry the epoch
    /// (<paramref name="inclusive"/> set), else the aggregate. Each lane polls on its own and leaves as soon as its
    /// tile has published (the warp meets again at the next shuffle): a vote of the warp after every round of polls cost
    /// ~500 ns a section at B = 1 (bench/gpu-notes.md, run 73).
    /// </summary>
    private static void PollTile(ArrayView<long> sync, int other, in IirPass pass, ref BiquadState value, ref bool inclusive)
    {
        int at = other * SlotWords;
        while (true)
        {
            // All four words in one round trip; a state counts once both its words carry this epoch.
            long aggregate1 = Atomic.Add(ref sync[at], 0L), aggregate2 = Atomic.Add(ref sync[at + 1], 0L);
            long inclusive1 = Atomic.Add(ref sync[at + 2], 0L), inclusive2 = Atomic.Add(ref sync[at + 3], 0L);
            if (Tag(inclusive1) == pass.Epoch && Tag(inclusive2) == pass.Epoch)
            {
                value = new BiquadState(Value(inclusive1), Value(inclusive2));
                inclusive = true;
                return;
            }

            if (Tag(aggregate1) == pass.Epoch && Tag(aggregate2) == pass.Epoch)
            {
                value = new BiquadState(Value(aggregate1), Value(aggregate2));
                return;
            }
        }
    }

    /// <summary>The sum over the warp's lanes (warps of 2^LaneBits), in every lane: the butterfly written out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float WarpSum<TGroup>(float value)
        where TGroup : struct, IGroupSize
    {
        int bits = default(TGroup).LaneBits;
        value += bits > 4 ? Warp.ShuffleXor(value, 16) : 0f;
        value += bits > 3 ? Warp.ShuffleXor(value, 8) : 0f;
        value += bits > 2 ? Warp.ShuffleXor(value, 4) : 0f;
        value += bits > 1 ? Warp.ShuffleXor(value, 2) : 0f;
        value += bits > 0 ? Warp.ShuffleXor(value, 1) : 0f;
        return value;
    }

    /// <summary>The minimum over the warp's lanes, in every lane: the butterfly written out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WarpMin<TGroup>(int value)
        where TGroup : struct, IGroupSize
    {
        int bits = default(TGroup).LaneBits;
        value = bits > 4 ? Math.Min(value, Warp.ShuffleXor(value, 16)) : value;
        value = bits > 3 ? Math.Min(value, Warp.ShuffleXor(value, 8)) : value;
        value = bits > 2 ? Math.Min(value, Warp.ShuffleXor(value, 4)) : value;
        value = bits > 1 ? Math.Min(value, Warp.ShuffleXor(value, 2)) : value;
        value = bits > 0 ? Math.Min(value, Warp.ShuffleXor(value, 1)) : value;
        return value;
    }

    /// <summary>
    /// Step <paramref name="step"/> (offset 2^step, below 2^<paramref name="bits"/>) of an inclusive scan across the
    /// lanes: lane j at or past the offset joins the run before it with level <paramref name="levelBase"/> + step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScanLevel(ref BiquadState x, ArrayView<float> section, int lane, int step, int bits, int levelBase = 0)
    {
        if (step < bits)
        {
            int offset = 1 << step;
            BiquadState earlier = ShuffleUp(x, offset);
            if (lane >= offset)
            {
                x = BiquadChunkScan.Carry(Level(section, levelBase + step), earlier, x);
            }
        }
    }

    /// <summary>
    /// An inclusive scan over the warp's lanes below 2^<paramref name="bits"/>: <see cref="ScanLevel"/> for steps 0-4,
    /// written out (ILGPU does not unroll loops; steps at or above <paramref name="bits"/> do nothing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScanLevels(ref BiquadState x, ArrayView<float> section, int lane, int bits, int levelBase = 0)
    {
        ScanLevel(ref x, section, lane, 0, bits, levelBase);
        ScanLevel(ref x, section, lane, 1, bits, levelBase);
        ScanLevel(ref x, section, lane, 2, bits, levelBase);
        ScanLevel(ref x, section, lane, 3, bits, levelBase);
        ScanLevel(ref x, section, lane, 4, bits, levelBase);
    }

    /// <summary>x advanced by A^(K lane 2^levelBase): <see cref="AdvanceBit"/> for bits 0-4 of <paramref name="lane"/>, written out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdvanceBits(ref BiquadState x, ArrayView<float> section, int lane, int bits, int levelBase)
    {
        AdvanceBit(ref x, section, lane, 0, bits, levelBase);
        AdvanceBit(ref x, section, lane, 1, bits, levelBase);
        AdvanceBit(ref x, section, lane, 2, bits, levelBase);
        AdvanceBit(ref x, section, lane, 3, bits, levelBase);
        AdvanceBit(ref x, section, lane, 4, bits, levelBase);
    }

    /// <summary>
    /// The steady state of <paramref name="section"/> for the row's first sample (<paramref name="rowStart"/>: thread 0 of
    /// the row's first tile or warm-up window; zero elsewhere), the state scipy's <c>sosfilt_zi</c> gives; then the next
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

    /// <summary>Bit <paramref name="bit"/> (below <paramref name="bits"/>) of <paramref name="lane"/>: if set, x = level (levelBase + bit) x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdvanceBit(ref BiquadState x, ArrayView<float> section, int lane, int bit, int bits, int levelBase)
    {
        if (bit < bits && (lane & (1 << bit)) != 0)
        {
            x = BiquadChunkScan.Carry(Level(section, levelBase + bit), x, default);
        }
    }

    /// <summary>Level <paramref name="level"/> of a section entry: A^(K 2^level).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static BiquadChunkTransition Level(ArrayView<float> section, int level)
    {
        int at = IirRecord.LevelsOffset + (4 * level);
        return new BiquadChunkTransition(section[at], section[at + 1], section[at + 2], section[at + 3]);
    }

    /// <summary>16 threads in warps of 4: ILGPU's CPU accelerator.</summary>
    public struct GroupOf16 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 16;

        /// <inheritdoc/>
        public readonly int LaneBits => 2;

        /// <inheritdoc/>
        public readonly int WarpBits => 2;
    }

    /// <summary>128 threads in warps of 32: CUDA's warm-up launches (<see cref="RunWarmUp{TTable, TGroup, TKind}"/>).</summary>
    public struct GroupOf128 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 128;

        /// <inheritdoc/>
        public readonly int LaneBits => 5;

        /// <inheritdoc/>
        public readonly int WarpBits => 2;
    }

    /// <summary>256 threads (<see cref="MaxGroupSize"/>) in warps of 32: CUDA.</summary>
    public struct GroupOf256 : IGroupSize
    {
        /// <inheritdoc/>
        public readonly int Threads => 256;

        /// <inheritdoc/>
        public readonly int LaneBits => 5;

        /// <inheritdoc/>
        public readonly int WarpBits => 3;
    }
}
