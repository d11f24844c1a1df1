using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Transforms.Amplitude;
using FastAudiomentations.Gpu.Transforms.Noise;
using FastAudiomentations.Random;
using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// One pass over the batch that runs a whole run of pointwise steps: each thread loads
/// <see cref="Lanes.Count"/> samples of one row, applies every op of the pass whose applied flag is set for
/// that row, and stores them once. A chain of k pointwise transforms costs one read and one write.
/// </summary>
/// <remarks>
/// Layout: block b works on row b / ChunksPerRow, on a chunk of GroupSize x <see cref="Lanes.Count"/> samples;
/// lane j of thread i is sample chunkStart + i + j x GroupSize (coalesced). The block first resolves its row's
/// program (op code, or 0 where the row's applied flag is off; node; the row's parameters and the op's constants) into
/// shared memory (<see cref="ResolveProgram"/>); the switch is uniform across a block, so it costs no divergence. A block whose row applies no op and writes no statistics returns at
/// once, so a transform with p = 0.5 moves half the bytes. Statistics (max |x| and sum x^2 of the pass's
/// output) are reduced per block into partial slots; the next pass sums its row's partials in a fixed order,
/// so results are deterministic. See docs/architecture/fusion.md.
/// </remarks>
internal static class FusedPointwiseKernel
{
    /// <summary>The largest group size the kernel's shared memory is sized for.</summary>
    public const int MaxGroupSize = 256;

    /// <summary>The most ops one pass runs; the executor starts a new pass after this many.</summary>
    public const int MaxOpsPerPass = 64;

    /// <summary>
    /// Values staged per op in shared memory: the row's parameters, then the op's constants (AddBackgroundNoise, the
    /// largest, has 7 + 1), with the parameter count in the last slot; so at most 11 values. The executor checks that
    /// every op fits.
    /// </summary>
    public const int OpValues = 12;

    /// <summary>The kernel.</summary>
    /// <param name="samples">The pitched batch.</param>
    /// <param name="ints">The per-call integer table.</param>
    /// <param name="floats">The per-call float table.</param>
    /// <param name="partialsIn">Statistics the previous pass wrote: [peak bits | energy | noise energy] x PartialCount.</param>
    /// <param name="partialsOut">Where this pass writes its statistics, same layout.</param>
    /// <param name="resident">Corpus clips resident on the device (background noise), or any view.</param>
    /// <param name="published">Where single-pass statistics are published (per block: peak bits, energy, noise energy), or any view.</param>
    /// <param name="pass">The pass's scalar arguments.</param>
    public static void Run(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partialsIn, ArrayView<float> partialsOut, ArrayView<float> resident, ArrayView<int> published, FusedPass pass)
    {
        int block = pass.SelfStatistics != 0 && pass.Tickets != 0 ? TakeTicket(ints, pass.TicketSlot) : Grid.IdxX;
        int row = block / pass.BlocksPerRow;
        int chunk = block - (row * pass.BlocksPerRow);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int chunkLength = groupSize * Lanes.Count;
        int length = ints[pass.LengthsOffset + row];
        ArrayView<float> tile = SharedMemory.Allocate<float>(NoiseTile.Length);
        // Resolve the op table for this row once per block into shared memory: every thread then reads its program
        // and the ops' values from shared memory instead of chasing table entries in global memory.
        ArrayView<int> codes = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<int> nodes = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<float> values = SharedMemory.Allocate<float>(MaxOpsPerPass * OpValues);
        ResolveProgram(ints, floats, pass, row, tid, groupSize, codes, nodes, values);
        bool any = false;
        for (int k = 0; k < pass.OpCount; k++)
        {
            any |= codes[k] != 0;
        }

        if (!any && pass.WriteStatistics == 0)
        {
            return;
        }

        var context = new RowContext
        {
            Row = row,
            Channel = row % pass.Channels,
            ExampleId = (uint)ints[pass.ExampleIdsOffset + row],
            Length = length,
            Key = new RandomKey((uint)ints[pass.KeyOffset], (uint)ints[pass.KeyOffset + 1]),
            ChunkLength = chunkLength,
            Tile = tile,
            TileNode = -1,
        };
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        bool combine = pass.ReadStatistics != 0;
        bool writeNoise = pass.WriteStatistics != 0 && pass.WriteNoiseOpEntry >= 0 && ints[ints[pass.WriteNoiseOpEntry + 4] + row] != 0;
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;

        // Chunks chunk, chunk + BlocksPerRow, ... of the row (one chunk unless the executor gave this pass fewer
        // blocks than chunks: then the block's start, its op program and the combination of the previous pass's
        // partials are paid once for several chunks). The bounds depend on the block alone, so every thread runs
        // the same iterations (the ops' and reductions' barriers need that). A chunk past the row's length ends
        // the walk: nothing valid there (a short clip in a long batch); a block with no valid chunk writes zero
        // statistics (a single-pass block publishes nothing: its clip's other blocks do not wait for it).
        // With Backward the same chunks are taken last first (see FusedPass.Backward).
        int validChunks = Math.Min(pass.ChunksPerRow, (length + chunkLength - 1) / chunkLength);
        int walk = chunk < validChunks ? ((validChunks - 1 - chunk) / pass.BlocksPerRow) + 1 : 0;
        for (int step = 0; step < walk; step++)
        {
            int c = chunk + ((pass.Backward != 0 ? walk - 1 - step : step) * pass.BlocksPerRow);
            int chunkStart = c * chunkLength;
            int first = chunkStart + tid;
            context.ChunkStart = chunkStart;

            // Loads first: they are in flight while the block combines the previous pass's partials (an L2 round
            // trip and two barriers), instead of waiting behind them.
            var lanes = default(Lanes);
            lanes.Load(rowView, first, groupSize, length);
            if (combine)
            {
                ReadStatistics(ints, partialsIn, pass, row, ref context);
                combine = false;
            }

            if (pass.SelfStatistics != 0)
            {
                SelfStatistics<CopiedTable>(ints, published, ints, pass, chunk, lanes, first, ref context);
            }

            for (int k = 0; k < pass.OpCount; k++)
            {
                int code = codes[k];
                if (code != 0)
                {
                    Dispatch(ref lanes, code, nodes[k], values, k * OpValues, (k * OpValues) + OpValueStride(values, k), resident, context, first, groupSize);
                }
            }

            if (pass.WriteStatistics != 0)
            {
                lanes.Accumulate(first, groupSize, length, ref peakBits, ref energy);
                if (writeNoise)
                {
                    // The next op's own noise, only its sum of squares (it is a pure function of its coordinates; the
                    // next pass generates it to add it).
                    noiseEnergy += NoiseTile.Energy(context.Key, ints[pass.WriteNoiseOpEntry + 1], context.ExampleId, (uint)context.Channel, chunkStart, chunkLength, length);
                }
            }

            if (pass.Store != 0)
            {
                lanes.Store(rowView, first, groupSize, length);
            }
        }

        if (pass.WriteStatistics != 0)
        {
            GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
            if (tid == 0)
            {
                partialsOut[block] = Interop.IntAsFloat((uint)peakBits);
                partialsOut[pass.PartialCount + block] = energy;
                partialsOut[(2 * pass.PartialCount) + block] = noiseEnergy;
            }
        }
    }

    /// <summary>
    /// The kernel for a pass with one chunk per block (BlocksPerRow = ChunksPerRow) that is not statistics-only: the
    /// body of <see cref="Run"/> executed once, straight-line, without the chunk walk.
    /// </summary>
    /// <remarks>
    /// Why a second entry: the chunk walk keeps its loop state and per-thread statistics accumulators live across
    /// every op of the pass, and the statistics-only branch brings two lane sets; the compiled kernel's register count
    /// (and so its occupancy) is that of its largest path. A pass of one chunk per block (every pass of a chain that
    /// reads no statistics from a multi-chunk pass) ran about 10% slower inside the walk on the H100 (bench/gpu-notes.md,
    /// runs 9-11). Results are bit-identical to <see cref="Run"/> with one chunk per block: the same loads, ops, store
    /// and statistics, summed in the same order (0 + x = x exactly).
    /// </remarks>
    /// <typeparam name="TTable">Where the call's table is read (<see cref="ITableSource"/>): <see cref="CopiedTable"/>, the
    /// device table <paramref name="ints"/> and <paramref name="floats"/>, its single pass counting in the table's zeros;
    /// or <see cref="InlineTable"/>, the argument <paramref name="table"/>, which each group stages into shared memory once
    /// its samples' loads are out, its single pass counting in <paramref name="counters"/> (<see cref="CallCounters"/>: a
    /// kernel cannot write its arguments). Never inline for a pass that takes tickets (the executor copies such a call's
    /// table): a ticket needs the table before the loads.</typeparam>
    /// <param name="table">The call's table, where it travels as the argument; else an argument of no data.</param>
    /// <param name="samples">The pitched batch.</param>
    /// <param name="ints">The per-call integer table.</param>
    /// <param name="floats">The per-call float table.</param>
    /// <param name="partialsIn">Statistics the previous pass wrote: [peak bits | energy | noise energy] x PartialCount.</param>
    /// <param name="partialsOut">Where this pass writes its statistics, same layout.</param>
    /// <param name="resident">Corpus clips resident on the device (background noise), or any view.</param>
    /// <param name="published">Where single-pass statistics are published (per block: peak bits, energy, noise energy), or any view.</param>
    /// <param name="counters">The call counters (inline instance), or any view.</param>
    /// <param name="pass">The pass's scalar arguments (BlocksPerRow = ChunksPerRow).</param>
    public static void RunOneChunk<TTable>(TTable table, ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partialsIn, ArrayView<float> partialsOut, ArrayView<float> resident, ArrayView<int> published, ArrayView<int> counters, FusedPass pass)
        where TTable : struct, ITableSource
    {
        bool inline = table.Inline;
        int block = !inline && pass.SelfStatistics != 0 && pass.Tickets != 0 ? TakeTicket(ints, pass.TicketSlot) : Grid.IdxX;
        int row = block / pass.BlocksPerRow;
        int chunk = block - (row * pass.BlocksPerRow);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int chunkLength = groupSize * Lanes.Count;
        int chunkStart = chunk * chunkLength;
        int first = chunkStart + tid;
        int length = inline ? 0 : ints[pass.LengthsOffset + row];
        ArrayView<float> tile = SharedMemory.Allocate<float>(NoiseTile.Length);
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var lanes = default(Lanes);
        if (pass.LoadFirst != 0)
        {
            // Every row applies every op: the loads go out now, in flight while the program resolves. Bounded by the
            // pitch (a kernel argument), not the row's length, so that they need no table read first; the lanes past
            // the length are zeroed where the values are first used (a warp stalls at the first instruction that
            // reads a loaded value). Bounded by the length, they waited for it, and the program's reads behind them:
            // B = 1 took ~1 us longer than loading after the program (run 42).
            lanes.Load(rowView, first, groupSize, pass.Pitch);
        }

        if (inline)
        {
            // After the loads: the staging's constant-bank reads and barrier pass under their latency. A single pass
            // clears the call counters' other half for the next call that counts, in every block before any returns.
            ArrayView<int> staged = SharedMemory.Allocate<int>(InlineTable.Capacity);
            ints = table.Stage(staged);
            floats = table.Floats(staged);
            length = ints[pass.LengthsOffset + row];
            if (pass.SelfStatistics != 0)
            {
                CallCounters.ClearOther(counters, ints[pass.CountersOffset + 1], ints[pass.CountersOffset + 2]);
            }
        }

        // The op table and the ops' values, resolved once per block into shared memory (as in Run).
        ArrayView<int> codes = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<int> nodes = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<float> values = SharedMemory.Allocate<float>(MaxOpsPerPass * OpValues);
        ResolveProgram(ints, floats, pass, row, tid, groupSize, codes, nodes, values);
        bool any = false;
        for (int k = 0; k < pass.OpCount; k++)
        {
            any |= codes[k] != 0;
        }

        if (!any && pass.WriteStatistics == 0)
        {
            return;
        }

        if (chunkStart >= length)
        {
            // Nothing valid in this chunk (a short clip in a long batch): zero statistics (a single-pass block
            // publishes nothing: the clip's other blocks do not wait for chunks past its length).
            if (pass.WriteStatistics != 0 && tid == 0)
            {
                partialsOut[block] = 0f;
                partialsOut[pass.PartialCount + block] = 0f;
                partialsOut[(2 * pass.PartialCount) + block] = 0f;
            }

            return;
        }

        var context = new RowContext
        {
            Row = row,
            Channel = row % pass.Channels,
            ExampleId = (uint)ints[pass.ExampleIdsOffset + row],
            Length = length,
            Key = new RandomKey((uint)ints[pass.KeyOffset], (uint)ints[pass.KeyOffset + 1]),
            ChunkStart = chunkStart,
            ChunkLength = chunkLength,
            Tile = tile,
            TileNode = -1,
        };

        // Loads first (unless already in flight): in flight while the block combines the previous pass's partials.
        if (pass.LoadFirst == 0)
        {
            lanes.Load(rowView, first, groupSize, length);
        }
        if (pass.ReadStatistics != 0)
        {
            ReadStatistics(ints, partialsIn, pass, row, ref context);
        }

        if (pass.LoadFirst != 0)
        {
            lanes.KeepBelow(first, groupSize, length);
        }

        if (pass.SelfStatistics != 0)
        {
            SelfStatistics<TTable>(ints, published, counters, pass, chunk, lanes, first, ref context);
        }

        for (int k = 0; k < pass.OpCount; k++)
        {
            int code = codes[k];
            if (code != 0)
            {
                Dispatch(ref lanes, code, nodes[k], values, k * OpValues, (k * OpValues) + OpValueStride(values, k), resident, context, first, groupSize);
            }
        }

        if (pass.WriteStatistics != 0)
        {
            int peakBits = 0;
            float energy = 0f, noiseEnergy = 0f;
            lanes.Accumulate(first, groupSize, length, ref peakBits, ref energy);
            if (pass.WriteNoiseOpEntry >= 0 && ints[ints[pass.WriteNoiseOpEntry + 4] + row] != 0)
            {
                // The next op's own noise, only its sum of squares (see Run).
                noiseEnergy += NoiseTile.Energy(context.Key, ints[pass.WriteNoiseOpEntry + 1], context.ExampleId, (uint)context.Channel, chunkStart, chunkLength, length);
            }

            GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
            if (tid == 0)
            {
                partialsOut[block] = Interop.IntAsFloat((uint)peakBits);
                partialsOut[pass.PartialCount + block] = energy;
                partialsOut[(2 * pass.PartialCount) + block] = noiseEnergy;
            }
        }

        if (pass.Store != 0)
        {
            lanes.Store(rowView, first, groupSize, length);
        }
    }

    /// <summary>
    /// The kernel of a statistics-only pass: <see cref="MeasureChunks"/> alone, so that its register count (and so its
    /// occupancy) is that of the measurement, not of <see cref="Run"/>'s largest path (the ops' dispatch).
    /// </summary>
    /// <remarks>
    /// On the H100, <see cref="Run"/> fits 4 blocks of 256 threads per multiprocessor (its registers) and this kernel 5,
    /// with the same loop and results. The statistics-only pass took the same time either way (~52 us at B = 128 against
    /// a one-read floor of ~45; 8 blocks per multiprocessor forced through a register budget did not help either:
    /// bench/gpu-notes.md, stats-pass run 2), so the pass is not short of loads in flight; the kernel stays so that the
    /// pass no longer depends on the register count of every op <see cref="Run"/> dispatches.
    /// </remarks>
    /// <param name="samples">The pitched batch.</param>
    /// <param name="ints">The per-call integer table.</param>
    /// <param name="floats">Unused (the launch signature of the fused kernels).</param>
    /// <param name="partialsIn">Unused.</param>
    /// <param name="partialsOut">Where this pass writes its statistics: [peak bits | energy | noise energy] x PartialCount.</param>
    /// <param name="resident">Unused.</param>
    /// <param name="published">Unused.</param>
    /// <param name="pass">The pass's scalar arguments of a statistics-only pass (no ops, no store).</param>
    public static void Measure(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partialsIn, ArrayView<float> partialsOut, ArrayView<float> resident, ArrayView<int> published, FusedPass pass)
    {
        int block = Grid.IdxX;
        int row = block / pass.BlocksPerRow;
        int chunk = block - (row * pass.BlocksPerRow);
        int length = ints[pass.LengthsOffset + row];
        MeasureChunks(samples, ints, partialsOut, pass, block, row, chunk, length);
    }

    /// <summary>
    /// A statistics-only pass (nothing fused before an op that needs statistics): block p of a row measures chunks
    /// p, p + BlocksPerRow, p + 2 BlocksPerRow, ... of it, two chunks per step (16 loads in flight per thread),
    /// accumulating per thread in that fixed order, then reduces once and writes one partial (slot = block).
    /// </summary>
    /// <remarks>
    /// Why: with one chunk per block, each 8 KB read paid the block's start, a group reduction (two barriers) and
    /// a partial write, and the next pass had a partial per chunk to combine. Several chunks per block amortise
    /// all three; concurrent blocks still read neighbouring chunks (the stride interleaves them). Deterministic:
    /// every thread's order of accumulation and the reduction's order are fixed by the launch shape alone.
    /// </remarks>
    private static void MeasureChunks(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> partialsOut, FusedPass pass, int block, int row, int chunk, int length)
    {
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int chunkLength = groupSize * Lanes.Count;
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        bool noise = pass.WriteNoiseOpEntry >= 0 && ints[ints[pass.WriteNoiseOpEntry + 4] + row] != 0;
        int node = pass.WriteNoiseOpEntry >= 0 ? ints[pass.WriteNoiseOpEntry + 1] : 0;
        var key = new RandomKey((uint)ints[pass.KeyOffset], (uint)ints[pass.KeyOffset + 1]);
        uint example = (uint)ints[pass.ExampleIdsOffset + row];
        uint channel = (uint)(row % pass.Channels);
        int step = pass.BlocksPerRow;
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;
        var a = default(Lanes);
        var b = default(Lanes);

        // The loop's bounds depend on the block alone, so every thread runs the same iterations.
        for (int c = chunk; c < pass.ChunksPerRow && c * chunkLength < length; c += 2 * step)
        {
            int startA = c * chunkLength;
            int startB = (c + step) * chunkLength;
            a.Load(rowView, startA + tid, groupSize, length);
            b.Load(rowView, startB + tid, groupSize, length);
            a.Accumulate(startA + tid, groupSize, length, ref peakBits, ref energy);
            b.Accumulate(startB + tid, groupSize, length, ref peakBits, ref energy);
            if (noise)
            {
                noiseEnergy += NoiseTile.Energy(key, node, example, channel, startA, chunkLength, length);
                if (c + step < pass.ChunksPerRow)
                {
                    noiseEnergy += NoiseTile.Energy(key, node, example, channel, startB, chunkLength, length);
                }
            }
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        if (tid == 0)
        {
            partialsOut[block] = Interop.IntAsFloat((uint)peakBits);
            partialsOut[pass.PartialCount + block] = energy;
            partialsOut[(2 * pass.PartialCount) + block] = noiseEnergy;
        }
    }

    /// <summary>
    /// Resolves the block's program into shared memory: per op, its code (0 where the row's applied flag is off) and node,
    /// and its values (the row's parameters, then the constants; the parameter count in slot OpValues - 1).
    /// </summary>
    /// <remarks>
    /// Why the values too: each op used to read its parameters from the float table as it ran, one L2 round trip per
    /// op, in sequence behind the op before it (the switch keeps the compiler from hoisting them); in a chain of five
    /// those waits were the largest stall beside the samples' own loads (bench/gpu-notes.md, run 38's SASS profile).
    /// Here up to OpCount x OpValues threads load them at once, alongside the applied flags, before the one barrier.
    /// </remarks>
    private static void ResolveProgram(ArrayView<int> ints, ArrayView<float> floats, FusedPass pass, int row, int tid, int groupSize, ArrayView<int> codes, ArrayView<int> nodes, ArrayView<float> values)
    {
        for (int k = tid; k < pass.OpCount; k += groupSize)
        {
            int entry = pass.OpsOffset + (k * PointwiseOp.Ints);
            bool applied = ints[ints[entry + 4] + row] != 0;
            codes[k] = applied ? ints[entry] : 0;
            nodes[k] = ints[entry + 1];
        }

        for (int i = tid; i < pass.OpCount * OpValues; i += groupSize)
        {
            int k = i / OpValues;
            int j = i - (k * OpValues);
            int entry = pass.OpsOffset + (k * PointwiseOp.Ints);
            int stride = ints[entry + 3];
            float value = 0f;
            if (j == OpValues - 1)
            {
                value = Interop.IntAsFloat((uint)stride);
            }
            else if (j < stride)
            {
                value = floats[ints[entry + 2] + (row * stride) + j];
            }
            else if (j < stride + ints[entry + 6])
            {
                value = floats[ints[entry + 5] + (j - stride)];
            }

            values[i] = value;
        }

        Group.Barrier();
    }

    /// <summary>Op <paramref name="k"/>'s parameter count, as <see cref="ResolveProgram"/> staged it.</summary>
    private static int OpValueStride(ArrayView<float> values, int k) => (int)Interop.FloatAsInt(values[(k * OpValues) + OpValues - 1]);

    /// <summary>The chunk this block works on, in the order blocks start (thread 0 takes a ticket; the group shares it).</summary>
    private static int TakeTicket(ArrayView<int> ints, int slot)
    {
        ArrayView<int> ticket = SharedMemory.Allocate<int>(1);
        if (Group.IdxX == 0)
        {
            ticket[0] = Atomic.Add(ref ints[slot], 1);
        }

        Group.Barrier();
        return ticket[0];
    }

    /// <summary>
    /// Single-pass statistics: publishes this block's statistics of its input (and of the first op's noise, which then
    /// stays in the tile for the op), waits until every block of its clip (or row) has arrived, and combines their
    /// statistics in a fixed order, as <see cref="ReadStatistics"/> does with a previous pass's partials.
    /// </summary>
    /// <remarks>
    /// <para>Blocks take their chunks in the order they start (<see cref="TakeTicket"/>), so every block a waiting block
    /// needs has started or will start as soon as a slot frees; the executor uses this pass only where all the
    /// blocks of a clip fit on the device at once (at most half of the resident blocks), so the oldest unfinished
    /// clip always has all its blocks resident and completes: no deadlock. Where the whole grid fits in half the
    /// resident blocks, every block is resident from the start and takes its chunk by grid index instead
    /// (<see cref="FusedPass.Tickets"/>).</para>
    /// <para>Protocol: thread 0 stores the block's entry, fences, and adds one to the clip's arrival counter; then
    /// thread 0 alone polls the counter (<see cref="DeviceWait"/>: an atomic read, with a growing nanosleep between polls so that waiting
    /// blocks do not flood the L2 with atomics) until every block of the clip whose first op applies has arrived,
    /// fences, and releases the group. The entries are then read with plain loads: a clip's entries fill whole
    /// 128-byte lines of their own and nobody reads them before the clip has arrived, so no L1 holds a stale copy
    /// (and L1 starts empty of global data at each launch).</para>
    /// </remarks>
    private static void SelfStatistics<TSource>(ArrayView<int> ints, ArrayView<int> published, ArrayView<int> counters, FusedPass pass, int chunk, in Lanes lanes, int first, ref RowContext context)
        where TSource : struct, ITableSource
    {
        // The ticket, arrival and peak words: in the device table (zeros that the call's copy wrote), or, where the
        // table is the kernel's argument, at the same offsets past the start of the call counters' half.
        ArrayView<int> tally = default(TSource).Inline ? counters : ints;
        int half = default(TSource).Inline ? ints[pass.CountersOffset] : 0;
        int row = context.Row;
        int firstRow = row;
        int rowCount = 1;
        if (pass.PerClip != 0)
        {
            firstRow = row - (row % pass.Channels);
            rowCount = pass.Channels;
        }

        int appliedOffset = ints[pass.OpsOffset + 4];
        int scopeEntries = firstRow / rowCount * pass.ScopeStride;
        int arrivals = half + pass.TicketSlot + 1 + firstRow;
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;
        lanes.Accumulate(first, Group.DimX, context.Length, ref peakBits, ref energy);
        if (pass.NoiseOpEntry >= 0 && ints[appliedOffset + row] != 0)
        {
            int node = ints[pass.NoiseOpEntry + 1];
            NoiseTile.Fill(context.Tile, context.Key, node, context.ExampleId, (uint)context.Channel, context.ChunkStart, context.ChunkLength);
            noiseEnergy = NoiseTile.SumOfSquares(context.Tile, Group.IdxX, Group.DimX, context.Length - context.ChunkStart);
            context.TileNode = node;
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);

        // How many blocks the clip's readers wait for: the chunks below each applied row's length.
        int expected = 0;
        for (int r = firstRow; r < firstRow + rowCount; r++)
        {
            if (ints[appliedOffset + r] != 0)
            {
                expected += (ints[pass.LengthsOffset + r] + context.ChunkLength - 1) / context.ChunkLength;
            }
        }

        if (pass.PeakOnly != 0)
        {
            bool applies = ints[appliedOffset + row] != 0;
            context.Peak = Interop.IntAsFloat((uint)FoldPeak(tally, half + pass.PeakOffset + firstRow, arrivals, expected, applies, peakBits));
            return;
        }

        if (Group.IdxX == 0)
        {
            if (ints[appliedOffset + row] != 0)
            {
                int entry = 4 * (scopeEntries + ((row - firstRow) * pass.ChunksPerRow) + chunk);
                published[entry] = peakBits;
                published[entry + 1] = (int)Interop.FloatAsInt(energy);
                published[entry + 2] = (int)Interop.FloatAsInt(noiseEnergy);
                MemoryFence.DeviceLevel();
                Atomic.Add(ref tally[arrivals], 1);
            }

            DeviceWait.UntilAtLeast(tally, arrivals, expected);
            MemoryFence.DeviceLevel();
        }

        Group.Barrier();
        peakBits = 0;
        energy = 0f;
        noiseEnergy = 0f;
        for (int r = firstRow; r < firstRow + rowCount; r++)
        {
            if (ints[appliedOffset + r] == 0)
            {
                continue;
            }

            int chunks = (ints[pass.LengthsOffset + r] + context.ChunkLength - 1) / context.ChunkLength;
            for (int c = Group.IdxX; c < chunks; c += Group.DimX)
            {
                int entry = 4 * (scopeEntries + ((r - firstRow) * pass.ChunksPerRow) + c);
                peakBits = Math.Max(peakBits, published[entry]);
                energy += Interop.IntAsFloat((uint)published[entry + 1]);
                noiseEnergy += Interop.IntAsFloat((uint)published[entry + 2]);
            }
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        context.Peak = Interop.IntAsFloat((uint)peakBits);
        context.Energy = energy;
        context.NoiseEnergy = noiseEnergy;
    }

    /// <summary>
    /// <see cref="SelfStatistics"/> for a pass that needs only the peak (<see cref="FusedPass.PeakOnly"/>): thread 0 folds the
    /// block's peak bits into the clip's peak word with an atomic max, fences, arrives, waits for the clip's other
    /// blocks and reads the word (an atomic read: past the L1). The max of the bits of |x| is the max of |x| whatever the
    /// order, so the result equals the combined entries' bit for bit.
    /// </summary>
    private static int FoldPeak(ArrayView<int> ints, int peak, int arrivals, int expected, bool applies, int peakBits)
    {
        ArrayView<int> folded = SharedMemory.Allocate<int>(1);
        if (Group.IdxX == 0)
        {
            if (applies)
            {
                Atomic.Max(ref ints[peak], peakBits);
                MemoryFence.DeviceLevel();
                Atomic.Add(ref ints[arrivals], 1);
            }

            DeviceWait.UntilAtLeast(ints, arrivals, expected);
            MemoryFence.DeviceLevel();
            folded[0] = Atomic.Or(ref ints[peak], 0);
        }

        Group.Barrier();
        return folded[0];
    }

    /// <summary>
    /// Combines the previous pass's per-block statistics of the row, or of every channel of its clip whose first op
    /// applies, in a fixed order (so every block of a clip gets the same values, and every run the same results).
    /// </summary>
    private static void ReadStatistics(ArrayView<int> ints, ArrayView<float> partials, FusedPass pass, int row, ref RowContext context)
    {
        int firstRow = row;
        int rowCount = 1;
        if (pass.PerClip != 0)
        {
            firstRow = row - (row % pass.Channels);
            rowCount = pass.Channels;
        }

        int appliedOffset = ints[pass.OpsOffset + 4];
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;
        for (int r = firstRow; r < firstRow + rowCount; r++)
        {
            if (ints[appliedOffset + r] == 0)
            {
                continue;
            }

            for (int c = Group.IdxX; c < pass.ReadBlocksPerRow; c += Group.DimX)
            {
                int slot = (r * pass.ReadBlocksPerRow) + c;
                peakBits = Math.Max(peakBits, (int)Interop.FloatAsInt(partials[slot]));
                energy += partials[pass.PartialCount + slot];
                noiseEnergy += partials[(2 * pass.PartialCount) + slot];
            }
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        context.Peak = Interop.IntAsFloat((uint)peakBits);
        context.Energy = energy;
        context.NoiseEnergy = noiseEnergy;
    }

    /// <summary>Runs op <paramref name="code"/> over the lanes: the one place that lists every pointwise op.</summary>
    private static void Dispatch(ref Lanes lanes, int code, int node, ArrayView<float> floats, int parameters, int constants, ArrayView<float> resident, in RowContext context, int first, int stride)
    {
        switch ((PointwiseOpCode)code)
        {
            case PointwiseOpCode.Gain:
            {
                GainKernel.Function function = GainKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.PolarityInversion:
            {
                PolarityInversionKernel.Function function = PolarityInversionKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.Clip:
            {
                ClipKernel.Function function = ClipKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.Normalize:
            {
                NormalizeKernel.Function function = NormalizeKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.AddGaussianNoise:
            {
                AddGaussianNoiseKernel.Function function = AddGaussianNoiseKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.AddGaussianSnr:
            {
                AddGaussianSnrKernel.Function function = AddGaussianSnrKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.AddBackgroundNoise:
            {
                AddBackgroundNoiseKernel.Function function = AddBackgroundNoiseKernel.Prepare(floats, parameters, constants, resident, context);
                function.MixLanes(ref lanes, first, stride);
                break;
            }

            default:
                break;
        }
    }
}
