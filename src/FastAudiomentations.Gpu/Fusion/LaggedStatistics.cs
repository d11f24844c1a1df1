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
/// <para>Protocol: a measuring item publishes its statistics (zeros where its row's first op does not apply) as three
/// 64-bit words, each a 32-bit value tagged with the pass's epoch, with atomic stores it does not wait for. A mixing
/// item's threads poll their unit's words until each carries the epoch (atomic reads, served by the L2; a growing
/// nanosleep between polls) and combine them in a fixed order, so results do not depend on timing. Words stay in the
/// buffer between launches; the epoch (a per-executor counter) tells this pass's from older ones, as in the IIR
/// filters' look-back. An earlier protocol of this design (fence, arrival counter, last arrival combining, ready flag)
/// put two round trips to the L2 on every measuring item's path and lost (session 3, run 23).</para>
/// </remarks>
internal static class LaggedStatistics
{
    /// <summary>Units of the pass: clips with <see cref="FusedPass.PerClip"/>, else rows.</summary>
    public static int Units(in FusedPass pass) => pass.PartialCount / pass.ChunksPerRow / ScopeRows(pass);

    /// <summary>Items of each kind per unit: BlocksPerRow per row of the unit.</summary>
    public static int ItemsPerUnit(in FusedPass pass) => ScopeRows(pass) * pass.BlocksPerRow;

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
    /// A measuring item: the statistics of its chunks' input (and of the first op's noise), published for its unit as
    /// three epoch-tagged words. A row whose first op does not apply publishes zeros without reading.
    /// </summary>
    public static void Measure(ArrayView<float> samples, ArrayView<int> ints, ArrayView<long> published, ArrayView<float> tile, in FusedPass pass, LaggedItem item)
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
        if (tid == 0)
        {
            // Atomic stores that nobody waits for: the block goes on to its next item at once. Each word carries the
            // pass's epoch beside its value, so readers need no flag and no ordering between the words.
            int at = EntryOf(pass, item.Unit, ((row - (item.Unit * ScopeRows(pass))) * pass.BlocksPerRow) + item.Block);
            long tag = (long)pass.Epoch << 32;
            Atomic.Exchange(ref published[at], tag | (uint)peakBits);
            Atomic.Exchange(ref published[at + 1], tag | Interop.FloatAsInt(energy));
            Atomic.Exchange(ref published[at + 2], tag | Interop.FloatAsInt(noiseEnergy));
        }
    }

    /// <summary>
    /// A mixing item's statistics: thread i waits for entries i, i + group size, ... of its unit to carry this pass's
    /// epoch and sums them; the group then reduces, so the combination's order is fixed (results do not depend on
    /// timing) and the same in every item of the unit.
    /// </summary>
    public static void Await(ArrayView<long> published, in FusedPass pass, int unit, ref RowContext context)
    {
        int perUnit = ItemsPerUnit(pass);
        int peakBits = 0;
        float energy = 0f, noiseEnergy = 0f;
        for (int e = Group.IdxX; e < perUnit; e += Group.DimX)
        {
            int at = EntryOf(pass, unit, e);
            peakBits = Math.Max(peakBits, (int)WaitFor(published, at, pass.Epoch));
            energy += Interop.IntAsFloat((uint)WaitFor(published, at + 1, pass.Epoch));
            noiseEnergy += Interop.IntAsFloat((uint)WaitFor(published, at + 2, pass.Epoch));
        }

        GroupReduce.MaxSumSum(ref peakBits, ref energy, ref noiseEnergy);
        context.Peak = Interop.IntAsFloat((uint)peakBits);
        context.Energy = energy;
        context.NoiseEnergy = noiseEnergy;
    }

    /// <summary>Integers a single-pass statistics pass needs in the call's table (zero at launch): its ticket.</summary>
    public static int TableInts => 1;

    /// <summary>The word at <paramref name="at"/> once it carries <paramref name="epoch"/> (its low 32 bits).</summary>
    private static long WaitFor(ArrayView<long> published, int at, int epoch)
    {
        long word = Read(published, at);
        int pause = 32;
        while ((int)(word >> 32) != epoch)
        {
            if (CudaAsm.IsSupported)
            {
                CudaAsm.Emit("nanosleep.u32 %0;", pause);
            }

            pause = Math.Min(2 * pause, 256);
            word = Read(published, at);
        }

        return word;
    }

    /// <summary>
    /// Reads a word another multiprocessor writes: an atomic add of 0, served by the L2 (this multiprocessor's L1 is not
    /// coherent with the writer's). ILGPU compiles no volatile load on CUDA (inline PTX needs an address it does not
    /// give kernels), and the IIR look-back reads its words the same way.
    /// </summary>
    private static long Read(ArrayView<long> published, int at) => Atomic.Add(ref published[at], 0L);

    private static int ScopeRows(in FusedPass pass) => pass.PerClip != 0 ? pass.Channels : 1;

    private static int EntryOf(in FusedPass pass, int unit, int item) => 4 * ((unit * pass.ScopeStride) + item);

}
