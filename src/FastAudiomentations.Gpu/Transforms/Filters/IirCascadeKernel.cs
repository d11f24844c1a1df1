using System.Runtime.CompilerServices;
using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// A Butterworth cascade (up to 16 state-space sections) over the batch, in place: one thread group per tile
/// of G x K samples (G threads, K = <see cref="ChunkLength"/>), every tile of every row at once. Inside a tile
/// each thread holds one chunk of K samples in registers and runs it through every section; the chunks' true
/// start states come from a block scan of <see cref="BiquadChunkScan.Carry"/>, and the tile's own start state
/// from the tiles before it by a decoupled look-back. One read and one write of the batch per pass.
/// </summary>
/// <remarks>
/// <para>
/// Per section m of a tile (docs/architecture/iir-filters.md): (1) every thread runs <see cref="Biquad.Step"/>
/// over its chunk from a zero state (in the row's first tile, thread 0 from the steady state for the first
/// sample) and keeps the end state E_i; (2) an inclusive scan P_i = Phi P_(i-1) + E_i with Phi = A^K, by
/// shuffles within each warp (step d joins runs of 2^d chunks with A^(K 2^d), host-computed in double) and
/// across the warps' totals in warp 0, gives each chunk's start state as if the tile started from zero, and
/// the tile's aggregate (its end state from a zero start); (3) warp 0 publishes the aggregate, looks back
/// over the tiles before it for their published aggregates or inclusive end states, composes them into the
/// tile's true start state C (one round of 32 tiles at a time: lane j weighs tile t-1-j by A^(KG j), all
/// summed by shuffles, up to the nearest inclusive one), and publishes the tile's inclusive end state
/// aggregate + A^(KG) C; (4) each thread adds A^(K i) C (products of the set bits' levels) to its start
/// state and runs its chunk again from it, writing the section's output over its registers.
/// </para>
/// <para>
/// The re-run costs a second pass of 9 multiply-adds per sample but no basis responses, and it is exact to
/// float rounding whatever the pole radius; the correction y0 + S1 h1[n] + S2 h2[n]
/// (<see cref="BiquadChunkScan.Correction"/>) would need the zero-state outputs kept and per-section tables of
/// h1 and h2, and near z = 1 (1 Hz band edges) it corrects every sample of the chunk anyway. With the chunk in
/// registers both are a few instructions per sample; the kernel is bound by its memory traffic and the
/// scans, not by the multiply-adds.
/// </para>
/// <para>
/// Look-back without deadlock: each group takes a ticket from the launch's counter (in the call's table, zero when
/// uploaded) when it starts and works on tile ticket, so a group waits only for groups that started before it (running
/// or done); where the whole grid is resident at once (<see cref="IirPass.Resident"/>, small calls on CUDA) the grid index
/// serves instead, with no ticket. Warp 0's lanes each poll their own tile and leave when it has published
/// (<see cref="PollTile"/>). A published state is two 64-bit words, each a float tagged with the launch's epoch (also from the table),
/// written and read with atomics (past the non-coherent L1): a state is valid once both words carry the epoch, so
/// nothing is cleared between launches and no fence is needed. On ILGPU's CPU accelerator groups run one at a time in
/// ticket order, so every look-back finds its predecessors done.
/// </para>
/// <para>
/// Zero phase (scipy's <c>sosfiltfilt</c>, as <see cref="FilterRunner"/>): a forward launch reads the odd
/// extension on the fly and writes the padded signal to scratch; a backward launch reads it reversed, starts
/// from the steady state for its first sample and writes the middle back in order.
/// </para>
/// </remarks>
internal static partial class IirCascadeKernel
{
    /// <summary>Samples per thread chunk (K), held in registers.</summary>
    public const int ChunkLength = 1 << ChunkShift;

    /// <summary>log2 of <see cref="ChunkLength"/>.</summary>
    public const int ChunkShift = 5;

    /// <summary>The largest group the shared memory is sized for.</summary>
    public const int MaxGroupSize = 256;

    /// <summary>
    /// Groups of <see cref="MaxGroupSize"/> threads a CUDA multiprocessor must hold at once (launch bounds, set by
    /// <see cref="FilterLaunchers"/>): the kernel is latency-bound, so resident groups set its throughput. 4 x 256
    /// threads cap registers at 64 a thread, what the kernel needs with warp 0's chunks parked in shared memory
    /// during the look-back (ptxas: 64, no spills); shared memory (39 KB a group) would allow 5.
    /// </summary>
    public const int MinGroupsPerMultiprocessor = 4;

    /// <summary>
    /// 64-bit words per look-back slot (a tile's section): the aggregate state's two floats, then the inclusive
    /// state's, each word tagged with the launch's epoch in its upper half.
    /// </summary>
    public const int SlotWords = 4;

    private const int ChunkStride = ChunkLength + 1;
    private const int MaxWarps = 32;

    /// <summary>
    /// The group size for <paramref name="maxThreads"/> threads per group and warps of <paramref name="warpSize"/>: a
    /// power of two, at most <see cref="MaxGroupSize"/>, with no more warps than a warp has lanes (warp 0 scans
    /// the warps' totals).
    /// </summary>
    public static int GroupSize(int maxThreads, int warpSize)
    {
        int size = MaxGroupSize;
        while (size > maxThreads || size > warpSize * warpSize || size > warpSize * MaxWarps)
        {
            size /= 2;
        }

        return size;
    }

    /// <summary>The kernel: one group per tile; grid rows x TilesPerRow.</summary>
    public static void Run(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
    {
        ArrayView<int> ticketShared = SharedMemory.Allocate<int>(1);
        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        int tid = Group.IdxX;
        int ticket = TakeTile(ticketShared, ints, pass);
        pass.Epoch = ints[pass.LaunchIntsOffset];
        int row = ticket / pass.TilesPerRow;
        int tile = ticket - (row * pass.TilesPerRow);
        int length = ints[pass.LengthsOffset + row];
        if (ints[pass.AppliedOffset + row] == 0 || length == 0)
        {
            return;
        }

        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        int padding = pass.Mode == IirSignal.Causal ? 0 : (int)floats[recordStart + 1];
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        ArrayView<float> padded = scratch.SubView((long)row * pass.ScratchPitch, pass.ScratchPitch);
        var signal = new IirSignal
        {
            Row = data,
            Scratch = padded,
            Count = length + (2 * padding),
            Length = length,
            Padding = padding,
            Mode = pass.Mode,
        };
        int groupSize = Group.DimX;
        int tileStart = tile * groupSize * ChunkLength;
        if (tileStart >= signal.Count)
        {
            return;
        }

        // The row's record, then the tile, coalesced (all of a thread's loads in flight at once) into shared
        // memory (chunk i at i (K + 1): a warp's chunk-wise reads hit distinct banks), then each thread's chunk
        // into registers.
        LoadRecord(record, floats, recordStart, tid, groupSize, pass.RecordStride);
        var chunk = default(ChunkLanes);
        chunk.Issue(signal, tileStart, tid, groupSize);
        float first = pass.Mode == IirSignal.Forward ? data[0] : 0f;
        float last = pass.Mode == IirSignal.Forward ? data[length - 1] : 0f;
        chunk.Finish(signal, tileStart, tid, groupSize, first, last);
        chunk.Scatter(tileMemory, tid, groupSize);
        Group.Barrier();
        chunk.Load(tileMemory, tid * ChunkStride);
        var shared = new Shared { Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts, Tile = tileMemory };
        var place = new Place
        {
            Tile = tile,
            Slots = ((row * pass.TilesPerRow) + tile) * pass.SyncSections,
            TileLevel = Log2(groupSize),
        };

        // The steady state for the first sample, per section for its input x[0] times the gains before it, as
        // the CPU path computes it: only thread 0 of the row's first tile starts from it.
        float steadyInput = tile == 0 && tid == 0 ? signal.Read(0) : 0f;
        int sections = (int)record[0];
        for (int m = 0; m < sections; m++)
        {
            RunSection(m, ref chunk, ref steadyInput, shared, place, sync, pass);
        }

        chunk.Store(tileMemory, tid * ChunkStride);
        Group.Barrier();
        chunk.Collect(tileMemory, tid, groupSize);
        chunk.Emit(signal, tileStart, tid, groupSize);
    }

    /// <summary>
    /// The tile the group works on: its grid index where every group of the launch is resident at once
    /// (<see cref="IirPass.Resident"/>), else a ticket in the order groups start, so that a group waits only for groups
    /// that started before it (thread 0 takes it from the launch's counter; the group shares it).
    /// </summary>
    private static int TakeTile(ArrayView<int> ticketShared, ArrayView<int> ints, in IirPass pass)
    {
        if (pass.Resident != 0)
        {
            return Grid.IdxX;
        }

        if (Group.IdxX == 0)
        {
            ticketShared[0] = Atomic.Add(ref ints[pass.LaunchIntsOffset + 1], 1);
        }

        Group.Barrier();
        return ticketShared[0];
    }

    /// <summary>The row's record into shared memory (L2-resident after its first tile), four loads in flight per thread.</summary>
    private static void LoadRecord(ArrayView<float> record, ArrayView<float> floats, long recordStart, int tid, int groupSize, int stride)
    {
        for (int i = tid; i < stride; i += 4 * groupSize)
        {
            int i1 = i + groupSize, i2 = i + (2 * groupSize), i3 = i + (3 * groupSize), end = stride - 1;
            float r0 = floats[recordStart + i], r1 = floats[recordStart + Math.Min(i1, end)];
            float r2 = floats[recordStart + Math.Min(i2, end)], r3 = floats[recordStart + Math.Min(i3, end)];
            record[i] = r0;
            record[Math.Min(i1, end)] = r1;
            record[Math.Min(i2, end)] = r2;
            record[Math.Min(i3, end)] = r3;
        }
    }

    /// <summary>Section <paramref name="m"/> over the tile's chunks: zero-state pass, scans and look-back, re-run from the true states.</summary>
    private static void RunSection(int m, ref ChunkLanes chunk, ref float steadyInput, in Shared shared, in Place place, ArrayView<long> sync, in IirPass pass)
    {
        ArrayView<float> record = shared.Record;
        int entry = IirRecord.HeaderFloats + (m * IirRecord.SectionFloats);
        BiquadSection c = Section(record, entry);
        int tid = Group.IdxX;
        int lane = Warp.LaneIdx;
        int warp = Warp.WarpIdx;
        int warpSize = Warp.WarpSize;
        int warps = Group.DimX / warpSize;

        // (1) The chunk from a zero state (the row's first sample's steady state for thread 0 of tile 0).
        BiquadState steady = default;
        if (place.Tile == 0 && tid == 0)
        {
            steady = Biquad.SteadyState(new BiquadState(record[entry + IirRecord.PerUnitOffset], record[entry + IirRecord.PerUnitOffset + 1]), steadyInput);
            steadyInput *= record[entry + IirRecord.DcGainOffset];
        }

        BiquadState end = steady;
        chunk.Advance(c, ref end);

        // (2) Inclusive scan of the end states within the warp.
        BiquadState prefix = end;
        int level = 0;
        for (int offset = 1; offset < warpSize; offset <<= 1)
        {
            BiquadState earlier = ShuffleUp(prefix, offset);
            if (lane >= offset)
            {
                prefix = BiquadChunkScan.Carry(Transition(record, entry, level), earlier, prefix);
            }

            level++;
        }

        if (lane == warpSize - 1)
        {
            shared.WarpEnds[2 * warp] = prefix.S1;
            shared.WarpEnds[(2 * warp) + 1] = prefix.S2;
        }

        Group.Barrier();
        if (warp == 0)
        {
            // Warp 0's chunks wait in their own slots of the tile's shared memory (free during the sections)
            // while it scans and looks back: its registers then hold the look-back, not the samples, and the
            // kernel fits 64 registers a thread (95 otherwise), 4 groups per multiprocessor instead of 2.
            chunk.Store(shared.Tile, tid * ChunkStride);

            // Across the warps' totals, then (3) the look-back for the tile's true start state.
            BiquadState total = lane < warps ? new BiquadState(shared.WarpEnds[2 * lane], shared.WarpEnds[(2 * lane) + 1]) : default;
            int warpLevel = level;
            for (int offset = 1; offset < warps; offset <<= 1)
            {
                BiquadState earlier = ShuffleUp(total, offset);
                if (lane >= offset)
                {
                    total = BiquadChunkScan.Carry(Transition(record, entry, warpLevel), earlier, total);
                }

                warpLevel++;
            }

            BiquadState warpStart = ShuffleUp(total, 1);
            if (lane == 0)
            {
                warpStart = default;
            }

            var aggregate = new BiquadState(Warp.Shuffle(total.S1, warps - 1), Warp.Shuffle(total.S2, warps - 1));
            int slot = place.Slots + m;
            if (place.Tile == 0)
            {
                // The first tile started from the true state: its aggregate is its inclusive end state.
                if (lane == 0)
                {
                    Publish(sync, slot, 1, aggregate, pass.Epoch);
                }
            }
            else
            {
                BiquadState carry = LookBack(sync, slot, place.Tile, aggregate, record, entry, place.TileLevel, pass);

                // The carry into warp w: its zero-start carry plus A^(32 K w) C.
                BiquadState advanced = carry;
                int bitLevel = level;
                for (int b = 1; b < warps; b <<= 1)
                {
                    if ((lane & b) != 0)
                    {
                        advanced = BiquadChunkScan.Carry(Transition(record, entry, bitLevel), advanced, default);
                    }

                    bitLevel++;
                }

                warpStart = new BiquadState(warpStart.S1 + advanced.S1, warpStart.S2 + advanced.S2);
            }

            if (lane < warps)
            {
                shared.WarpStarts[2 * lane] = warpStart.S1;
                shared.WarpStarts[(2 * lane) + 1] = warpStart.S2;
            }

            chunk.Load(shared.Tile, tid * ChunkStride);
        }

        Group.Barrier();

        // (4) The chunk's true start state: the warp's exclusive prefix plus A^(K lane) times the warp's start.
        BiquadState start = ShuffleUp(prefix, 1);
        if (lane == 0)
        {
            start = default;
        }

        var carried = new BiquadState(shared.WarpStarts[2 * warp], shared.WarpStarts[(2 * warp) + 1]);
        int bit = 0;
        for (int b = 1; b < warpSize; b <<= 1)
        {
            if ((lane & b) != 0)
            {
                carried = BiquadChunkScan.Carry(Transition(record, entry, bit), carried, default);
            }

            bit++;
        }

        start = new BiquadState(start.S1 + carried.S1, start.S2 + carried.S2);
        if (place.Tile == 0 && tid == 0)
        {
            start = steady;
        }

        // The coefficients again from shared memory (past the barriers they cannot be kept from before): no
        // register holds them through the look-back.
        chunk.Filter(Section(record, entry), ref start);
    }

    /// <summary>
    /// Warp 0's look-back: publishes the tile's aggregate, composes the tiles before it into the tile's true
    /// start state C (32 tiles a round, up to the nearest one that published its inclusive end state),
    /// publishes the inclusive end state aggregate + A^(K G) C and returns C (in every lane).
    /// </summary>
    private static BiquadState LookBack(ArrayView<long> sync, int slot, int tile, in BiquadState aggregate, ArrayView<float> record, int entry, int tileLevel, in IirPass pass)
    {
        int lane = Warp.LaneIdx;
        int warpSize = Warp.WarpSize;
        if (lane == 0)
        {
            Publish(sync, slot, 0, aggregate, pass.Epoch);
        }

        // R = A^(K G warpSize rounds): the weight of the current round's sum.
        var round = new BiquadChunkTransition(1, 0, 0, 1);
        BiquadState carry = default;
        int windowLevel = tileLevel + Log2(warpSize);
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

            int first = WarpMin(inclusive ? lane : warpSize);

            // Lane j's tile weighs A^(K G j) (the set bits' levels); nothing past the nearest inclusive one.
            if (lane > first || !exists)
            {
                value = default;
            }

            int bitLevel = tileLevel;
            for (int b = 1; b < warpSize; b <<= 1)
            {
                if ((lane & b) != 0)
                {
                    value = BiquadChunkScan.Carry(Transition(record, entry, bitLevel), value, default);
                }

                bitLevel++;
            }

            var sum = new BiquadState(WarpSum(value.S1), WarpSum(value.S2));
            carry = BiquadChunkScan.Carry(round, sum, carry);
            if (first < warpSize)
            {
                break;
            }

            round = Times(round, Transition(record, entry, windowLevel));
        }

        if (lane == 0 && pass.AggregatesOnly == 0)
        {
            Publish(sync, slot, 1, BiquadChunkScan.Carry(Transition(record, entry, tileLevel), carry, aggregate), pass.Epoch);
        }

        return carry;
    }

    /// <summary>
    /// Publishes a state (0: aggregate, 1: inclusive) of slot <paramref name="slot"/>: two 64-bit words, each a float
    /// tagged with the epoch, written atomically. A reader accepts the state once both words carry the epoch, so
    /// no fence orders a value before a flag and the writer never waits.
    /// </summary>
    private static void Publish(ArrayView<long> sync, int slot, int kind, in BiquadState state, int epoch)
    {
        int at = (slot * SlotWords) + (2 * kind);
        Atomic.Exchange(ref sync[at], Pack(state.S1, epoch));
        Atomic.Exchange(ref sync[at + 1], Pack(state.S2, epoch));
    }

    /// <summary>The product a b of two transitions (a look-back's weight for its next round of tiles).</summary>
    private static BiquadChunkTransition Times(in BiquadChunkTransition a, in BiquadChunkTransition b) => new(
        (a.P11 * b.P11) + (a.P12 * b.P21),
        (a.P11 * b.P12) + (a.P12 * b.P22),
        (a.P21 * b.P11) + (a.P22 * b.P21),
        (a.P21 * b.P12) + (a.P22 * b.P22));

    private static long Pack(float value, int epoch) => ((long)epoch << 32) | Interop.FloatAsInt(value);

    private static int Tag(long word) => (int)(word >> 32);

    private static float Value(long word) => Interop.IntAsFloat((uint)word);

    private static BiquadState ShuffleUp(in BiquadState state, int offset) =>
        new(Warp.ShuffleUp(state.S1, offset), Warp.ShuffleUp(state.S2, offset));

    private static float WarpSum(float value)
    {
        for (int offset = Warp.WarpSize / 2; offset > 0; offset >>= 1)
        {
            value += Warp.ShuffleXor(value, offset);
        }

        return value;
    }

    private static int WarpMin(int value)
    {
        for (int offset = Warp.WarpSize / 2; offset > 0; offset >>= 1)
        {
            value = Math.Min(value, Warp.ShuffleXor(value, offset));
        }

        return value;
    }

    private static int Log2(int powerOfTwo)
    {
        int log = 0;
        while ((1 << log) < powerOfTwo)
        {
            log++;
        }

        return log;
    }

    /// <summary>Section m's coefficients from the record in shared memory.</summary>
    private static BiquadSection Section(ArrayView<float> record, int entry) => new()
    {
        A11 = record[entry],
        A12 = record[entry + 1],
        A21 = record[entry + 2],
        A22 = record[entry + 3],
        B1 = record[entry + 4],
        B2 = record[entry + 5],
        C1 = record[entry + 6],
        C2 = record[entry + 7],
        D = record[entry + 8],
    };

    /// <summary>Level <paramref name="level"/> of section entry <paramref name="entry"/>: A^(K 2^level).</summary>
    private static BiquadChunkTransition Transition(ArrayView<float> record, int entry, int level)
    {
        int at = entry + IirRecord.LevelsOffset + (4 * level);
        return new BiquadChunkTransition(record[at], record[at + 1], record[at + 2], record[at + 3]);
    }

    /// <summary>Where tile sample <paramref name="p"/> lives in shared memory: chunk p / K, padded by one float per chunk.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Slot(int p) => ((p / ChunkLength) * ChunkStride) + (p % ChunkLength);

    /// <summary>
    /// <see cref="Slot"/> of a run-time <paramref name="p"/> known not to be negative, by shift and mask: the PTX backend
    /// emits a signed division and remainder by a register, which ptxas turns into a reciprocal sequence of ~35
    /// instructions (bench/gpu-notes.md, run 134).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int NonNegativeSlot(int p) => ((p >> ChunkShift) * ChunkStride) + (p & (ChunkLength - 1));

    /// <summary>The group's shared buffers.</summary>
    private struct Shared
    {
        public ArrayView<float> Record;
        public ArrayView<float> WarpEnds;
        public ArrayView<float> WarpStarts;
        public ArrayView<float> Tile;
    }

    /// <summary>Which tile the group works on.</summary>
    private struct Place
    {
        /// <summary>The tile's index in its row.</summary>
        public int Tile;

        /// <summary>The look-back slot of the tile's section 0.</summary>
        public int Slots;

        /// <summary>log2 of the group size: the level of A^(K G), one tile's transition.</summary>
        public int TileLevel;
    }
}
