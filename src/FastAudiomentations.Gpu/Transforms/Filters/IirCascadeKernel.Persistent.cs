using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <content>The persistent variant: a grid of resident groups, each looping over tiles.</content>
internal static partial class IirCascadeKernel
{
    /// <summary>Record floats a thread prefetches for the next tile (a 256-thread group covers 1,280: every record).</summary>
    private const int RecordPrefetch = 5;

    /// <summary>
    /// The persistent kernel: as many groups as the multiprocessors hold at once, each taking tiles by ticket
    /// until the launch's <see cref="IirPass.Tiles"/> run out. While a group filters tile n its next tile's
    /// samples and record are already loading (their loads issued before tile n's sections, used after its
    /// output is written), so memory stays busy while the group computes and looks back.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Tickets: a group claims tile n + 1 before filtering tile n and tile n + 2 while filtering it; each group
    /// takes exactly one ticket at or past <see cref="IirPass.Tiles"/> (the launch takes Tiles + groups tickets). A
    /// group works on its tiles in ticket order and a look-back waits only for smaller tickets, so the smallest
    /// unfinished tile always progresses: no deadlock, whatever the grid.
    /// </para>
    /// <para>
    /// A tile past its row's signal, or of a row the step does not touch, is skipped (no look-back, no write),
    /// as the one-tile kernel returns for it. Tile n + 1's two ticket slots alternate so that a slot is never
    /// written while another thread may still read it.
    /// </para>
    /// </remarks>
    public static void RunPersistent(ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, ArrayView<int> tickets, IirPass pass)
    {
        ArrayView<int> slots = SharedMemory.Allocate<int>(2);
        ArrayView<float> tileMemory = SharedMemory.Allocate<float>(MaxGroupSize * ChunkStride);
        ArrayView<float> record = SharedMemory.Allocate<float>(IirRecord.MaxFloats);
        ArrayView<float> warpEnds = SharedMemory.Allocate<float>(2 * MaxWarps);
        ArrayView<float> warpStarts = SharedMemory.Allocate<float>(2 * MaxWarps);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        if (tid == 0)
        {
            slots[0] = Atomic.Add(ref tickets[0], 1) - pass.TicketBase;
        }

        Group.Barrier();
        TileWork work = Locate(slots[0], ints, floats, pass, groupSize);
        if (work.Ticket >= pass.Tiles)
        {
            return;
        }

        if (tid == 0)
        {
            slots[1] = Atomic.Add(ref tickets[0], 1) - pass.TicketBase;
        }

        // The first tile: its record and samples loaded directly.
        var chunk = default(ChunkLanes);
        if (work.Live)
        {
            long recordStart = pass.RecordOffset + ((long)work.Row * pass.RecordStride);
            for (int i = tid; i < pass.RecordStride; i += groupSize)
            {
                record[i] = floats[recordStart + i];
            }

            IirSignal signal = Signal(work, samples, scratch, pass);
            chunk.Gather(signal, work.TileStart, tid, groupSize, First(signal), Last(signal));
            chunk.Scatter(tileMemory, tid, groupSize);
        }

        Group.Barrier();
        if (work.Live)
        {
            chunk.Load(tileMemory, tid * ChunkStride);
        }

        var shared = new Shared { Record = record, WarpEnds = warpEnds, WarpStarts = warpStarts };
        int n = 0;
        while (true)
        {
            // Tile n + 1: locate it and issue its loads (samples, end samples, record) before filtering tile n.
            TileWork next = Locate(slots[(n + 1) & 1], ints, floats, pass, groupSize);
            bool more = next.Ticket < pass.Tiles;
            var ahead = default(ChunkLanes);
            IirSignal nextSignal = default;
            float first = 0f, last = 0f;
            float r0 = 0f, r1 = 0f, r2 = 0f, r3 = 0f, r4 = 0f;
            if (next.Live)
            {
                nextSignal = Signal(next, samples, scratch, pass);
                ahead.Issue(nextSignal, next.TileStart, tid, groupSize);
                first = First(nextSignal);
                last = Last(nextSignal);
                long nextRecord = pass.RecordOffset + ((long)next.Row * pass.RecordStride);
                int end = pass.RecordStride - 1;
                r0 = floats[nextRecord + Math.Min(tid, end)];
                r1 = floats[nextRecord + Math.Min(tid + groupSize, end)];
                r2 = floats[nextRecord + Math.Min(tid + (2 * groupSize), end)];
                r3 = floats[nextRecord + Math.Min(tid + (3 * groupSize), end)];
                r4 = floats[nextRecord + Math.Min(tid + (4 * groupSize), end)];
            }

            int claimed = 0;
            if (tid == 0 && more)
            {
                claimed = Atomic.Add(ref tickets[0], 1) - pass.TicketBase;
            }

            if (work.Live)
            {
                FilterTile(work, ref chunk, shared, sync, Signal(work, samples, scratch, pass), pass);
                chunk.Store(tileMemory, tid * ChunkStride);
                Group.Barrier();
                chunk.Collect(tileMemory, tid, groupSize);
                chunk.Emit(Signal(work, samples, scratch, pass), work.TileStart, tid, groupSize);
            }

            // Every thread is done with tile n's shared memory (tile, record) and ticket slot.
            Group.Barrier();
            if (!more)
            {
                return;
            }

            if (tid == 0)
            {
                slots[n & 1] = claimed;
            }

            if (next.Live)
            {
                StoreRecord(record, tid, groupSize, pass.RecordStride, r0, r1, r2, r3, r4);
                for (int i = tid + (RecordPrefetch * groupSize); i < pass.RecordStride; i += groupSize)
                {
                    record[i] = floats[pass.RecordOffset + ((long)next.Row * pass.RecordStride) + i];
                }

                ahead.Finish(nextSignal, next.TileStart, tid, groupSize, first, last);
                ahead.Scatter(tileMemory, tid, groupSize);
            }

            Group.Barrier();
            if (next.Live)
            {
                chunk.Load(tileMemory, tid * ChunkStride);
            }

            work = next;
            n++;
        }
    }

    /// <summary>Every section of the tile in <paramref name="chunk"/>, its record already in shared memory.</summary>
    private static void FilterTile(in TileWork work, ref ChunkLanes chunk, in Shared shared, ArrayView<long> sync, in IirSignal signal, in IirPass pass)
    {
        var place = new Place
        {
            Tile = work.Tile,
            Slots = ((work.Row * pass.TilesPerRow) + work.Tile) * pass.SyncSections,
            TileLevel = Log2(Group.DimX),
        };
        float steadyInput = work.Tile == 0 && Group.IdxX == 0 ? signal.Read(0) : 0f;
        int sections = (int)shared.Record[0];
        for (int m = 0; m < sections; m++)
        {
            RunSection(m, ref chunk, ref steadyInput, shared, place, sync, pass);
        }
    }

    private static void StoreRecord(ArrayView<float> record, int tid, int groupSize, int stride, float r0, float r1, float r2, float r3, float r4)
    {
        if (tid < stride)
        {
            record[tid] = r0;
        }

        if (tid + groupSize < stride)
        {
            record[tid + groupSize] = r1;
        }

        if (tid + (2 * groupSize) < stride)
        {
            record[tid + (2 * groupSize)] = r2;
        }

        if (tid + (3 * groupSize) < stride)
        {
            record[tid + (3 * groupSize)] = r3;
        }

        if (tid + (4 * groupSize) < stride)
        {
            record[tid + (4 * groupSize)] = r4;
        }
    }

    /// <summary>Where ticket <paramref name="ticket"/>'s tile lies and whether it has samples to filter (the same in every thread).</summary>
    private static TileWork Locate(int ticket, ArrayView<int> ints, ArrayView<float> floats, in IirPass pass, int groupSize)
    {
        var work = new TileWork { Ticket = ticket };
        if (ticket >= pass.Tiles)
        {
            return work;
        }

        work.Row = ticket / pass.TilesPerRow;
        work.Tile = ticket - (work.Row * pass.TilesPerRow);
        work.Length = ints[pass.LengthsOffset + work.Row];
        if (ints[pass.AppliedOffset + work.Row] == 0 || work.Length == 0)
        {
            return work;
        }

        work.Padding = pass.Mode == IirSignal.Causal ? 0 : (int)floats[pass.RecordOffset + ((long)work.Row * pass.RecordStride) + 1];
        work.TileStart = work.Tile * groupSize * ChunkLength;
        work.Live = work.TileStart < work.Length + (2 * work.Padding);
        return work;
    }

    /// <summary>The signal the pass filters in the tile's row.</summary>
    private static IirSignal Signal(in TileWork work, ArrayView<float> samples, ArrayView<float> scratch, in IirPass pass)
    {
        ArrayView<float> data = samples.SubView((long)work.Row * pass.Pitch, pass.Pitch);
        ArrayView<float> padded = scratch.SubView((long)work.Row * pass.ScratchPitch, pass.ScratchPitch);
        return new IirSignal
        {
            Input = pass.Mode == IirSignal.Backward ? padded : data,
            Output = pass.Mode == IirSignal.Forward ? padded : data,
            Count = work.Length + (2 * work.Padding),
            Length = work.Length,
            Padding = work.Padding,
            Mode = pass.Mode,
        };
    }

    /// <summary>The row's first sample, which the forward zero-phase pass's odd extension needs (0 otherwise).</summary>
    private static float First(in IirSignal signal) => signal.Mode == IirSignal.Forward ? signal.Input[0] : 0f;

    /// <summary>The row's last sample, which the forward zero-phase pass's odd extension needs (0 otherwise).</summary>
    private static float Last(in IirSignal signal) => signal.Mode == IirSignal.Forward ? signal.Input[signal.Length - 1] : 0f;

    /// <summary>A ticket's tile.</summary>
    private struct TileWork
    {
        /// <summary>The ticket (tile index in the launch; at or past <see cref="IirPass.Tiles"/>: none).</summary>
        public int Ticket;

        /// <summary>The tile's row.</summary>
        public int Row;

        /// <summary>The tile's index in its row.</summary>
        public int Tile;

        /// <summary>The row's valid samples.</summary>
        public int Length;

        /// <summary>The row's zero-phase padding per end (0 when causal).</summary>
        public int Padding;

        /// <summary>The tile's first sample in the pass's signal.</summary>
        public int TileStart;

        /// <summary>Whether the tile has samples to filter.</summary>
        public bool Live;
    }
}
