using FastAudiomentations.Random;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// Single-pass statistics: one launch both measures each clip (or row) and applies the ops that need its statistics,
/// so the batch is read from memory once. The launch has two items per chunk, a measuring one and a mixing one, taken
/// in an order that runs the measurement <see cref="FusedPass.LagUnits"/> clips ahead of the mixing: by the time a
/// clip's mixing items start, its statistics are usually complete and its samples still sit in the L2 cache, where
/// the measurement left them.
/// </summary>
/// <remarks>
/// <para>Order of the 2 U n tickets (U units, a unit being a clip with <see cref="FusedPass.PerClip"/> or else a row,
/// n chunks per unit, lag L): first the measurement of units 0 .. L - 1; then for s = 0 .. U - L - 1, measuring
/// item j of unit s + L and mixing item j of unit s alternately; then the mixing of the last L units.</para>
/// <para>No deadlock, whatever the device's residency: blocks take tickets in the order they start
/// (<see cref="FusedPointwiseKernel"/>'s ticket), a mixing item waits only for measuring items of its unit, whose
/// tickets are smaller (so they have started), and measuring items never wait. This replaces an earlier single pass in
/// which every block measured its chunk, kept it in registers and waited for its clip's other blocks: the waiting
/// blocks held their slots without loading, and it lost to two passes (bench/gpu-notes.md, run 8).</para>
/// <para>Protocol: a measuring item publishes its block's statistics, fences, and counts itself in its unit's
/// arrival counter; the item that completes the count combines the unit's entries in a fixed order (so results do
/// not depend on timing), writes the unit's statistics and then its ready flag. A mixing item's thread 0 polls the
/// flag (atomic reads, with a growing nanosleep on CUDA) and reads the statistics with atomics too: atomics go to the
/// L2, so no multiprocessor's L1 can hold a stale copy of a flag or statistic it read earlier.</para>
/// </remarks>
internal static class LaggedStatistics
{
    /// <summary>The work item ticket <paramref name="ticket"/> names (see the order in the remarks).</summary>
    public static LaggedItem Locate(int ticket, in FusedPass pass)
    {
        int scopeRows = pass.PerClip != 0 ? pass.Channels : 1;
        int perUnit = scopeRows * pass.ChunksPerRow;
        int units = pass.PartialCount / pass.ChunksPerRow / scopeRows;
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

        int rowInUnit = item / pass.ChunksPerRow;
        return new LaggedItem
        {
            Measure = measure,
            Unit = unit,
            Row = (unit * scopeRows) + rowInUnit,
            Chunk = item - (rowInUnit * pass.ChunksPerRow),
        };
    }

    /// <summary>
    /// A measuring item: the statistics of its chunk's input (and of the first op's noise), published for its unit;
    /// the unit's last arrival combines them. Rows whose first op does not apply, and chunks past a row's length, are
    /// not measured (nor counted: see <see cref="Expected"/>).
    /// </summary>
    public static void Measure(ArrayView<float> samples, ArrayView<int> ints, ArrayView<int> published, ArrayView<float> tile, in FusedPass pass, LaggedItem item)
    {
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int chunkLength = groupSize * Lanes.Count;
        int row = item.Row;
        int length = ints[pass.LengthsOffset + row];
        int appliedOffset = ints[pass.OpsOffset + 4];
        int chunkStart = item.Chunk * chunkLength;
        if (ints[appliedOffset + row] == 0 || chunkStart >= length)
        {
            return;
        }

        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var lanes = default(Lanes);
        lanes.Load(rowView, chunkStart + tid, groupSize, length);
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;
        lanes.Accumulate(chunkStart + tid, groupSize, length, ref peakBits, ref energy);
        if (pass.NoiseOpEntry >= 0)
        {
            var key = new RandomKey(pass.KeyLow, pass.KeyHigh);
            uint example = (uint)ints[pass.ExampleIdsOffset + row];
            NoiseTile.Fill(tile, key, ints[pass.NoiseOpEntry + 1], example, (uint)(row % pass.Channels), chunkStart, chunkLength);
            noiseEnergy = NoiseTile.SumOfSquares(tile, tid, groupSize, length - chunkStart);
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        int firstRow = item.Unit * (pass.PerClip != 0 ? pass.Channels : 1);
        int expected = Expected(ints, pass, firstRow, chunkLength);
        ArrayView<int> last = SharedMemory.Allocate<int>(1);
        if (tid == 0)
        {
            int entry = EntryOf(pass, item.Unit, row - firstRow, item.Chunk);
            published[entry] = peakBits;
            published[entry + 1] = (int)Interop.FloatAsInt(energy);
            published[entry + 2] = (int)Interop.FloatAsInt(noiseEnergy);
            MemoryFence.DeviceLevel();
            last[0] = Atomic.Add(ref ints[ArrivalsSlot(pass, item.Unit)], 1) == expected - 1 ? 1 : 0;
        }

        Group.Barrier();
        if (last[0] == 0)
        {
            return;
        }

        // The unit's last arrival: every entry is published (each writer fenced before counting itself).
        MemoryFence.DeviceLevel();
        Combine(ints, published, pass, item.Unit, firstRow, chunkLength, ref peakBits, ref energy, ref noiseEnergy);
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

    /// <summary>
    /// A mixing item's statistics: waits until its unit's are ready and reads them into <paramref name="context"/>.
    /// Called only for a chunk that its unit measured (the first op applies to the row and the chunk starts below
    /// its length), so the unit has at least one measuring item and its flag is set.
    /// </summary>
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

    /// <summary>Integers a single-pass statistics pass needs in the call's table (zero at launch): its ticket, one arrival counter per row, and per row a ready flag and three statistics.</summary>
    public static int TableInts(int rows) => 1 + (5 * rows);

    /// <summary>Measuring items of the unit starting at <paramref name="firstRow"/>: the chunks below each applied row's length.</summary>
    private static int Expected(ArrayView<int> ints, in FusedPass pass, int firstRow, int chunkLength)
    {
        int appliedOffset = ints[pass.OpsOffset + 4];
        int rowCount = pass.PerClip != 0 ? pass.Channels : 1;
        int expected = 0;
        for (int r = firstRow; r < firstRow + rowCount; r++)
        {
            if (ints[appliedOffset + r] != 0)
            {
                expected += (ints[pass.LengthsOffset + r] + chunkLength - 1) / chunkLength;
            }
        }

        return expected;
    }

    /// <summary>The unit's statistics, combined in a fixed order: thread i sums entries i, i + group size, ... of each applied row, then the group reduces.</summary>
    private static void Combine(ArrayView<int> ints, ArrayView<int> published, in FusedPass pass, int unit, int firstRow, int chunkLength, ref int peakBits, ref float energy, ref float noiseEnergy)
    {
        int appliedOffset = ints[pass.OpsOffset + 4];
        int rowCount = pass.PerClip != 0 ? pass.Channels : 1;
        peakBits = 0;
        energy = 0f;
        noiseEnergy = 0f;
        for (int r = firstRow; r < firstRow + rowCount; r++)
        {
            if (ints[appliedOffset + r] == 0)
            {
                continue;
            }

            int chunks = (ints[pass.LengthsOffset + r] + chunkLength - 1) / chunkLength;
            for (int c = Group.IdxX; c < chunks; c += Group.DimX)
            {
                // Atomic reads: another multiprocessor wrote these, and this one's L1 is not coherent with it.
                int entry = EntryOf(pass, unit, r - firstRow, c);
                peakBits = Math.Max(peakBits, Atomic.Or(ref published[entry], 0));
                energy += Interop.IntAsFloat((uint)Atomic.Or(ref published[entry + 1], 0));
                noiseEnergy += Interop.IntAsFloat((uint)Atomic.Or(ref published[entry + 2], 0));
            }
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
    }

    private static int EntryOf(in FusedPass pass, int unit, int rowInUnit, int chunk) =>
        4 * ((unit * pass.ScopeStride) + (rowInUnit * pass.ChunksPerRow) + chunk);

    private static int ArrivalsSlot(in FusedPass pass, int unit) => pass.TicketSlot + 1 + unit;

    private static int StatisticsSlot(in FusedPass pass, int unit) =>
        pass.TicketSlot + 1 + (pass.PartialCount / pass.ChunksPerRow) + (4 * unit);
}
