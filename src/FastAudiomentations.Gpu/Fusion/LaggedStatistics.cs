using FastAudiomentations.Random;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// Single-pass statistics: one launch both measures each clip (or row) and applies the ops that need its statistics,
/// so the batch is read from memory once. Each row is cut into BlocksPerRow items (item p walks chunks p,
/// p + BlocksPerRow, ..., as a block of <see cref="FusedPointwiseKernel.Run"/> does), and each item comes twice, to
/// measure and to mix, in an order that runs the measurement <see cref="FusedPass.LagUnits"/> clips ahead of the
/// mixing: by the time a clip's mixing items start, its statistics are usually complete and its samples still sit in
/// the L2 cache, where the measurement left them. Persistent blocks take the items from a ticket.
/// </summary>
/// <remarks>
/// <para>Order of the 2 U n tickets (U units, a unit being a clip with <see cref="FusedPass.PerClip"/> or else a row,
/// n items per unit, lag L): first the measurement of units 0 .. L - 1; then for s = 0 .. U - L - 1, measuring
/// item j of unit s + L and mixing item j of unit s alternately; then the mixing of the last L units.</para>
/// <para>No deadlock, whatever the device's residency: a block takes a ticket only while it runs, and holds at most
/// two (its current item and the next); a mixing item waits only for measuring items of its unit, whose tickets are
/// smaller, and measuring items never wait. So the unfinished item with the smallest ticket is always some running
/// block's current item and can finish. Two earlier designs lost to two passes on the H100: every block measuring its
/// chunk, keeping it in registers and waiting for its clip's other blocks (waiting blocks held their slots without
/// loading; bench/gpu-notes.md, run 8), and one block per chunk and item taking tickets (a global atomic, a publication
/// and a combination per 8 KB: session 3, run 22).</para>
/// <para>Protocol: a measuring item publishes its statistics (zeros where its row's first op does not apply), fences,
/// and counts itself in its unit's arrival counter; the item that completes the count combines the unit's entries in a fixed order (so results do
/// not depend on timing), writes the unit's statistics and then its ready flag. A mixing item's thread 0 polls the
/// flag (atomic reads, with a growing nanosleep on CUDA) and reads the statistics with atomics too: atomics go to the
/// L2, so no multiprocessor's L1 can hold a stale copy of a flag or statistic it read earlier.</para>
/// </remarks>
internal static class LaggedStatistics
{
    /// <summary>Units of the pass: clips with <see cref="FusedPass.PerClip"/>, else rows.</summary>
    public static int Units(in FusedPass pass) => pass.PartialCount / pass.ChunksPerRow / ScopeRows(pass);

    /// <summary>Items of each kind per unit: BlocksPerRow per row of the unit.</summary>
    public static int ItemsPerUnit(in FusedPass pass) => ScopeRows(pass) * pass.BlocksPerRow;

    /// <summary>Integers a single-pass statistics pass needs in the call's table (zero at launch): its ticket, one arrival counter per row, and per row a ready flag and three statistics.</summary>
    public static int TableInts(int rows) => 1 + (5 * rows);

    /// <summary>The work item ticket <paramref name="ticket"/> names (see the order in the remarks).</summary>
    public static LaggedItem Locate(int ticket, in FusedPass pass)
    {
        int perUnit = ItemsPerUnit(pass);
        int units = Units(pass);
        int lag = pass.LagUnits;
        bool measure;
        int unit, item;
        int lead = lag * perUnit;
        int paired = (units - lag) * 2 * perUnit;
        if (ticket < lead)
        {
            measure = true;
            unit = ticket / perUnit;
            item = ticket - (unit * perUnit);
        }
        else if (ticket - lead < paired)
        {
            int t = ticket - lead;
            int step = t / (2 * perUnit);
            int within = t - (step * 2 * perUnit);
            measure = (within & 1) == 0;
            unit = measure ? step + lag : step;
            item = within >> 1;
        }
        else
        {
            int t = ticket - lead - paired;
            int tail = t / perUnit;
            measure = false;
            unit = units - lag + tail;
            item = t - (tail * perUnit);
        }

        int rowInUnit = item / pass.BlocksPerRow;
        return new LaggedItem
        {
            Measure = measure,
            Unit = unit,
            Row = (unit * ScopeRows(pass)) + rowInUnit,
            Block = item - (rowInUnit * pass.BlocksPerRow),
        };
    }

    /// <summary>
    /// A measuring item: the statistics of its chunks' input (and of the first op's noise), published for its unit;
    /// the unit's last arrival combines them. A row whose first op does not apply publishes zeros without reading.
    /// </summary>
    public static void Measure(ArrayView<float> samples, ArrayView<int> ints, ArrayView<int> published, ArrayView<float> tile, in FusedPass pass, LaggedItem item)
    {
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int chunkLength = groupSize * Lanes.Count;
        int row = item.Row;
        int length = ints[ints[pass.OpsOffset + 4] + row] != 0 ? ints[pass.LengthsOffset + row] : 0;
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var key = new RandomKey(pass.KeyLow, pass.KeyHigh);
        uint example = (uint)ints[pass.ExampleIdsOffset + row];
        int node = pass.NoiseOpEntry >= 0 ? ints[pass.NoiseOpEntry + 1] : 0;
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;

        // The bounds depend on the item alone, so every thread runs the same iterations (the tile's barriers).
        for (int c = item.Block; c < pass.ChunksPerRow && c * chunkLength < length; c += pass.BlocksPerRow)
        {
            int start = c * chunkLength;
            var lanes = default(Lanes);
            lanes.Load(rowView, start + tid, groupSize, length);
            lanes.Accumulate(start + tid, groupSize, length, ref peakBits, ref energy);
            if (pass.NoiseOpEntry >= 0)
            {
                NoiseTile.Fill(tile, key, node, example, (uint)(row % pass.Channels), start, chunkLength);
                noiseEnergy += NoiseTile.SumOfSquares(tile, tid, groupSize, length - start);
            }
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        int perUnit = ItemsPerUnit(pass);
        ArrayView<int> last = SharedMemory.Allocate<int>(1);
        if (tid == 0)
        {
            int entry = EntryOf(pass, item.Unit, ((row - (item.Unit * ScopeRows(pass))) * pass.BlocksPerRow) + item.Block);
            published[entry] = peakBits;
            published[entry + 1] = (int)Interop.FloatAsInt(energy);
            published[entry + 2] = (int)Interop.FloatAsInt(noiseEnergy);
            MemoryFence.DeviceLevel();
            last[0] = Atomic.Add(ref ints[ArrivalsSlot(pass, item.Unit)], 1) == perUnit - 1 ? 1 : 0;
        }

        Group.Barrier();
        if (last[0] == 0)
        {
            return;
        }

        // The unit's last arrival: every entry is published (each writer fenced before counting itself). Entries are
        // read with atomics: other multiprocessors wrote them, and this one's L1 is not coherent with theirs.
        MemoryFence.DeviceLevel();
        peakBits = 0;
        energy = 0f;
        noiseEnergy = 0f;
        for (int e = tid; e < perUnit; e += groupSize)
        {
            int entry = EntryOf(pass, item.Unit, e);
            peakBits = Math.Max(peakBits, Atomic.Or(ref published[entry], 0));
            energy += Interop.IntAsFloat((uint)Atomic.Or(ref published[entry + 1], 0));
            noiseEnergy += Interop.IntAsFloat((uint)Atomic.Or(ref published[entry + 2], 0));
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        if (tid == 0)
        {
            int statistics = StatisticsSlot(pass, item.Unit);
            Atomic.Exchange(ref ints[statistics + 1], peakBits);
            Atomic.Exchange(ref ints[statistics + 2], (int)Interop.FloatAsInt(energy));
            Atomic.Exchange(ref ints[statistics + 3], (int)Interop.FloatAsInt(noiseEnergy));
            MemoryFence.DeviceLevel();
            Atomic.Exchange(ref ints[statistics], 1);
        }
    }

    /// <summary>A mixing item's statistics: waits until its unit's are ready and reads them into <paramref name="context"/>.</summary>
    public static void Await(ArrayView<int> ints, in FusedPass pass, int unit, ref RowContext context)
    {
        ArrayView<int> values = SharedMemory.Allocate<int>(3);
        if (Group.IdxX == 0)
        {
            int statistics = StatisticsSlot(pass, unit);
            int pause = 32;
            while (Atomic.Or(ref ints[statistics], 0) == 0)
            {
                if (CudaAsm.IsSupported)
                {
                    CudaAsm.Emit("nanosleep.u32 %0;", pause);
                }

                pause = Math.Min(2 * pause, 256);
            }

            MemoryFence.DeviceLevel();
            values[0] = Atomic.Or(ref ints[statistics + 1], 0);
            values[1] = Atomic.Or(ref ints[statistics + 2], 0);
            values[2] = Atomic.Or(ref ints[statistics + 3], 0);
        }

        Group.Barrier();
        context.Peak = Interop.IntAsFloat((uint)values[0]);
        context.Energy = Interop.IntAsFloat((uint)values[1]);
        context.NoiseEnergy = Interop.IntAsFloat((uint)values[2]);
    }

    private static int ScopeRows(in FusedPass pass) => pass.PerClip != 0 ? pass.Channels : 1;

    private static int EntryOf(in FusedPass pass, int unit, int item) => 4 * ((unit * pass.ScopeStride) + item);

    private static int ArrivalsSlot(in FusedPass pass, int unit) => pass.TicketSlot + 1 + unit;

    private static int StatisticsSlot(in FusedPass pass, int unit) =>
        pass.TicketSlot + 1 + (pass.PartialCount / pass.ChunksPerRow) + (4 * unit);
}
