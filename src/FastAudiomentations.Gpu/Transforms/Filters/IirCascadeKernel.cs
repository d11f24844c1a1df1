using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// A Butterworth cascade (up to 16 state-space sections) over each row of the batch, in place: one thread
/// block per row walks it in tiles, and within a tile every thread runs one chunk of
/// <see cref="ChunkLength"/> samples through every section, the chunks' true start states found by a block
/// scan of <see cref="BiquadChunkScan.Carry"/>. One read and one write of the batch per call (zero phase:
/// two of each, through a scratch row).
/// </summary>
/// <remarks>
/// <para>
/// Per tile of G x K samples (G threads, K = <see cref="ChunkLength"/>): the tile is loaded coalesced into
/// shared memory, chunk i at i (K + 1) (the extra float keeps a warp's chunk-wise accesses on distinct banks).
/// Then for each section m:
/// (1) thread i runs <see cref="Biquad.Step"/> over its chunk from a zero state (thread 0 from the tile's
/// true start state for m) and keeps its end state E_i;
/// (2) an inclusive scan P_i = Phi P_(i-1) + E_i with Phi = A^K: within each warp by shuffles (step d joins
/// runs of 2^d chunks with the transition A^(K 2^d) from the record), then across the warps' totals in
/// warp 0; P_(G-1) is the next tile's start state for m;
/// (3) thread i's true start state is P_(i-1) (the warp's exclusive prefix plus A^(K lane) times the
/// carry into its warp, a product of the lane's set-bit levels), and it runs its chunk again from it,
/// writing the section's output over its input in shared memory.
/// The re-run costs one more pass of 9 multiply-adds per sample but needs no basis responses and is exact
/// to float rounding whatever the pole radius; the alternative, correcting a zero-state output with
/// S1 h1[n] + S2 h2[n] (<see cref="BiquadChunkScan.Correction"/>), saves the re-run's arithmetic but costs
/// the same two shared-memory passes, tables of h1 and h2 per section, and for poles near z = 1 (1 Hz
/// edges) corrections over the whole chunk anyway. The kernel is bound by its global traffic and by the
/// per-tile chain latency, not by arithmetic, so the simpler re-run is at least as fast.
/// After the last section the tile is stored coalesced.
/// </para>
/// <para>
/// Start: every section starts in the steady state for the first sample (scipy's
/// <c>sosfilt_zi(sos) * x[0]</c>), section m for input x[0] times the DC gains before it, computed as the CPU
/// path computes it. Zero phase (scipy's <c>sosfiltfilt</c>, as <see cref="FilterRunner"/>): the forward pass
/// reads the odd extension 2 x[0] - x[P - i] / 2 x[T-1] - x[2T + P - 2 - i] of P samples per end on the
/// fly and writes the padded signal to scratch; the backward pass reads it reversed, starts from the steady
/// state for its last sample and writes the middle T samples back in order.
/// </para>
/// <para>
/// Against the CPU path (32 chunks, fused multiply-adds in its SIMD lanes): float rounding only; both stay
/// within 2e-5 of a double-precision loop (relative to the larger of the input's and the output's peak).
/// </para>
/// </remarks>
internal static class IirCascadeKernel
{
    /// <summary>Samples per thread chunk (K).</summary>
    public const int ChunkLength = 16;

    /// <summary>The largest group the shared memory is sized for.</summary>
    public const int MaxGroupSize = 512;

    private const int ChunkStride = ChunkLength + 1;
    private const int MaxWarps = 32;

    /// <summary>
    /// The group size this kernel runs with on <paramref name="maxThreads"/> threads per group and warps of
    /// <paramref name="warpSize"/>: a multiple of the warp size, at most <see cref="MaxGroupSize"/>, with no more
    /// warps than a warp has lanes (warp 0 scans the warps' totals).
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

    /// <summary>The kernel: one group per row of the batch.</summary>
    public static void Run(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, IirPass pass)
    {
        int row = Grid.IdxX;
        int length = ints[pass.LengthsOffset + row];
        if (ints[pass.AppliedOffset + row] == 0 || length == 0)
        {
            return;
        }

        ArrayView<float> tile = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> carries = SharedMemory.Allocate<float>(2 * ButterworthDesign.MaxOrder);
        var shared = new Shared { Tile = tile, Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts, Carries = carries };

        int tid = Group.IdxX;
        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        for (int i = tid; i < pass.RecordStride; i += Group.DimX)
        {
            record[i] = floats[recordStart + i];
        }

        Group.Barrier();
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        if (pass.ZeroPhase == 0)
        {
            FilterSignal(new IirSignal { Input = data, Output = data, Count = length, Length = length, Mode = IirSignal.Causal }, shared);
            return;
        }

        int padding = (int)record[1];
        int extended = length + (2 * padding);
        ArrayView<float> padded = scratch.SubView((long)row * pass.ScratchPitch, pass.ScratchPitch);
        FilterSignal(new IirSignal { Input = data, Output = padded, Count = extended, Length = length, Padding = padding, Mode = IirSignal.Forward }, shared);

        // The barrier also makes the forward pass's global writes visible to the whole group.
        Group.Barrier();
        FilterSignal(new IirSignal { Input = padded, Output = data, Count = extended, Length = length, Padding = padding, Mode = IirSignal.Backward }, shared);
    }

    /// <summary>Where tile sample <paramref name="p"/> lives in shared memory: chunk p / K, padded by one float per chunk.</summary>
    public static int Slot(int p) => ((p / ChunkLength) * ChunkStride) + (p % ChunkLength);

    /// <summary>Runs the cascade over the pass's signal, tile by tile; the next tile's loads are in flight while one is filtered.</summary>
    private static void FilterSignal(in IirSignal signal, in Shared shared)
    {
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        ArrayView<float> tile = shared.Tile;
        ArrayView<float> record = shared.Record;
        int sections = (int)record[0];
        if (tid == 0)
        {
            // Steady state for the first sample, section by section, as the CPU path computes it.
            float u = signal.Read(0);
            for (int m = 0; m < sections; m++)
            {
                int entry = IirRecord.HeaderFloats + (m * IirRecord.SectionFloats);
                var perUnit = new BiquadState(record[entry + IirRecord.PerUnitOffset], record[entry + IirRecord.PerUnitOffset + 1]);
                BiquadState start = Biquad.SteadyState(perUnit, u);
                shared.Carries[2 * m] = start.S1;
                shared.Carries[(2 * m) + 1] = start.S2;
                u *= record[entry + IirRecord.DcGainOffset];
            }
        }

        int tileSize = groupSize * ChunkLength;
        var ahead = default(TileLanes);
        ahead.Load(signal, 0, tid, groupSize);
        for (int tileStart = 0; tileStart < signal.Count; tileStart += tileSize)
        {
            // Each thread writes the very slots it read when it stored the last tile, so no barrier is needed
            // before this; the barrier after it publishes the tile (and, the first time, the start states).
            ahead.Store(tile, tid, groupSize);
            Group.Barrier();
            if (tileStart + tileSize < signal.Count)
            {
                ahead.Load(signal, tileStart + tileSize, tid, groupSize);
            }

            for (int m = 0; m < sections; m++)
            {
                RunSection(m, shared);
            }

            Group.Barrier();
            for (int j = 0; j < ChunkLength; j++)
            {
                int p = tid + (j * groupSize);
                int i = tileStart + p;
                if (i < signal.Count)
                {
                    signal.Write(i, tile[Slot(p)]);
                }
            }
        }
    }

    /// <summary>Section <paramref name="m"/> over the tile in shared memory: zero-state pass, scan, re-run from the true states.</summary>
    private static void RunSection(int m, in Shared shared)
    {
        ArrayView<float> tile = shared.Tile;
        ArrayView<float> record = shared.Record;
        int tid = Group.IdxX;
        int entry = IirRecord.HeaderFloats + (m * IirRecord.SectionFloats);
        var c = new BiquadSection
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
        var tileStart = new BiquadState(shared.Carries[2 * m], shared.Carries[(2 * m) + 1]);

        // (1) The chunk from a zero state (thread 0: from the tile's true start): its end state only.
        BiquadState state = tid == 0 ? tileStart : default;
        int slot = tid * ChunkStride;
        for (int n = 0; n < ChunkLength; n++)
        {
            Biquad.Step(c, ref state, tile[slot + n]);
        }

        // (2) Inclusive scan of the end states within the warp, then across the warps' totals in warp 0.
        int lane = Warp.LaneIdx;
        int warp = Warp.WarpIdx;
        int warpSize = Warp.WarpSize;
        int warps = Group.DimX / warpSize;
        BiquadState prefix = state;
        int level = 0;
        for (int offset = 1; offset < warpSize; offset <<= 1)
        {
            var earlier = new BiquadState(Warp.ShuffleUp(prefix.S1, offset), Warp.ShuffleUp(prefix.S2, offset));
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
            BiquadState total = lane < warps ? new BiquadState(shared.WarpEnds[2 * lane], shared.WarpEnds[(2 * lane) + 1]) : default;
            int warpLevel = level;
            for (int offset = 1; offset < warps; offset <<= 1)
            {
                var earlier = new BiquadState(Warp.ShuffleUp(total.S1, offset), Warp.ShuffleUp(total.S2, offset));
                if (lane >= offset)
                {
                    total = BiquadChunkScan.Carry(Transition(record, entry, warpLevel), earlier, total);
                }

                warpLevel++;
            }

            if (lane < warps)
            {
                shared.WarpStarts[2 * lane] = total.S1;
                shared.WarpStarts[(2 * lane) + 1] = total.S2;
            }

            if (lane == warps - 1)
            {
                // The state after the whole tile: where the next tile starts.
                shared.Carries[2 * m] = total.S1;
                shared.Carries[(2 * m) + 1] = total.S2;
            }
        }

        Group.Barrier();

        // (3) The true start state of this chunk, P_(i-1), and the re-run from it.
        var start = new BiquadState(Warp.ShuffleUp(prefix.S1, 1), Warp.ShuffleUp(prefix.S2, 1));
        if (lane == 0)
        {
            start = default;
        }

        if (warp > 0)
        {
            // Carry into the warp, advanced over the lane's chunks: A^(K lane) = product of the set bits' levels.
            var carried = new BiquadState(shared.WarpStarts[2 * (warp - 1)], shared.WarpStarts[(2 * (warp - 1)) + 1]);
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
        }

        if (tid == 0)
        {
            start = tileStart;
        }

        for (int n = 0; n < ChunkLength; n++)
        {
            tile[slot + n] = Biquad.Step(c, ref start, tile[slot + n]);
        }
    }

    /// <summary>Level <paramref name="level"/> of section entry <paramref name="entry"/>: A^(K 2^level).</summary>
    private static BiquadChunkTransition Transition(ArrayView<float> record, int entry, int level)
    {
        int at = entry + IirRecord.LevelsOffset + (4 * level);
        return new BiquadChunkTransition(record[at], record[at + 1], record[at + 2], record[at + 3]);
    }

    /// <summary>The group's shared buffers.</summary>
    private struct Shared
    {
        public ArrayView<float> Tile;
        public ArrayView<float> Record;
        public ArrayView<float> WarpEnds;
        public ArrayView<float> WarpStarts;
        public ArrayView<float> Carries;
    }
}
