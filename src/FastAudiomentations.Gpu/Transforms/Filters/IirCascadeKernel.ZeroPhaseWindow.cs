using FastAudiomentations.Gpu.Execution;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>Zero phase in one launch: each group filters its window forwards, then backwards.</summary>
internal static partial class IirCascadeKernel
{
    /// <summary>
    /// Both passes of zero phase (scipy's <c>sosfiltfilt</c>) in one launch of windows: group g loads a window of the
    /// odd-extended row (<see cref="WarmUpShape.Window"/> samples, a chunk per thread), filters it forwards from a zero
    /// state, turns it around in shared memory, filters it backwards from a zero state and writes its own part, the
    /// window's two middle parts (a centred <see cref="WarmUpShape"/>). The parts before them hold the forward pass's
    /// warm-up, those after them the backward pass's, each at least the cascade's settling time
    /// (<see cref="IirRecord.WarmUpOffset"/>), so the output is the two passes' to within float rounding. A window at the
    /// row's start begins there, from the steady state, and one that reaches the padded end starts its backward pass
    /// there, from the steady state, exactly as the two launches do.
    /// </summary>
    /// <remarks>
    /// <para>Why: at batch 1 zero phase took two warm-up launches (one forward into the padded scratch, one backward out of
    /// it), each ~9 us of device time mostly its fixed costs (loads, record, stores, a launch). One launch filters each
    /// sample of a window twice in registers and touches memory once each way.</para>
    /// <para>The hand-over: the row is overwritten in place and a group's own part lies inside the windows of the groups
    /// next to it on both sides (up to <see cref="WarmUpShape.Before"/> either way). So a group writes only once each of
    /// them has signalled that it holds its window (the flags of <see cref="RunWarmUp{TTable, TGroup, TKind}"/>); a call takes this
    /// kernel on CUDA only where its launch fits in half the groups the device holds at once, so every group it waits for
    /// runs beside it. ILGPU's CPU accelerator runs groups one after another, so no order serves both sides: there the
    /// executor first copies the row into the scratch and the kernel reads the copy (<see cref="IirPass.WindowInputCopied"/>),
    /// with no hand-over.</para>
    /// </remarks>
    /// <typeparam name="TTable">Where the call's table is read, as for <see cref="RunWarmUp{TTable, TGroup, TKind}"/>; the
    /// rows' records are compact (<see cref="IirRecord.Compact"/>).</typeparam>
    /// <typeparam name="TGroup">The group's shape (threads, warps), known when the kernel compiles.</typeparam>
    public static void RunZeroPhaseWindow<TTable, TGroup>(TTable table, ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
        where TTable : struct, ITableSource
        where TGroup : struct, IGroupSize
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
        int window = groupSize * ChunkLength;
        int tid = Group.IdxX;
        int row = Grid.IdxX / pass.TilesPerRow;
        int part = Grid.IdxX - (row * pass.TilesPerRow);
        int parts = pass.WarmUpParts;
        int before = (parts - 2) >> 1;
        int partSize = window / parts;
        int ownSize = 2 * partSize;
        int own = part * ownSize;
        pass.Epoch = ints[pass.LaunchIntsOffset];
        long recordStart = pass.RecordOffset + ((long)row * pass.RecordStride);
        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        ArrayView<float> copy = scratch.SubView((long)row * pass.ScratchPitch, pass.ScratchPitch);
        int length = ints[pass.LengthsOffset + row];
        int applied = ints[pass.AppliedOffset + row];
        IirSignal signal = length == 0 ? default
            : PaddedSignal(IirSignal.Forward, pass.WindowInputCopied != 0 ? copy : data, data, length, (int)floats[recordStart + 1]);
        if (applied == 0 || own >= signal.Count)
        {
            return;
        }

        // The window: the parts before the own part (fewer at the row's start) and the rest after it, cut at the signal's end.
        int start = Math.Max(0, own - (before * partSize));
        int valid = Math.Min(signal.Count - start, window);
        var chunk = default(ChunkLanes);
        IssuePadded(ref chunk, signal, start, tid, groupSize);
        LoadCompactRecord<TGroup>(record, floats, recordStart, tid, groupSize);
        ArrayView<float> ownSlot = tileMemory.SubView(((tid >> 5) * ChunkStride) + (tid & (ChunkLength - 1)));
        ArrayView<float> chunkSlot = tileMemory.SubView(tid * ChunkStride, ChunkLength);
        chunk.ScatterOwn(ownSlot, groupSize);
        Group.Barrier();
        chunk.Load(chunkSlot, 0);
        bool inPlace = pass.WindowInputCopied == 0;
        if (inPlace && tid == 0)
        {
            // This group holds its window (the barrier above waited for its loads): the groups whose parts it read may write.
            SignalHandOver(sync, HandOverFlag(pass, row, part), pass.Epoch);
        }

        // Thread k (k <= 2 before) waits for group part - before + k where it reads this group's part (its window, cut at
        // the row's start and the signal's end, overlaps it) and exists: asked now, needed at the store.
        int readerPart = part - before + tid;
        int readerStart = Math.Max(0, (readerPart * ownSize) - (before * partSize));
        bool reader = inPlace && tid <= 2 * before && readerPart != part && readerPart >= 0 && readerPart * ownSize < signal.Count
            && readerStart < own + ownSize && readerStart + window > own;
        int readerFlag = reader ? HandOverFlag(pass, row, readerPart) : 0;
        bool readerDone = !reader || HandedOver(sync, readerFlag, pass.Epoch);

        // Forwards over the window (from the row's steady state where it starts the row), then turned around (thread t takes
        // window samples valid - 1 - 32 t down) and backwards as a forward pass (from the steady state for the row's last
        // forward output where the window reaches the padded end). One loop, so the cascade's code is there once: the
        // kernel's instructions did not fit the instruction cache twice (bench/gpu-notes.md, run 134).
        bool rowStart = start == 0 && tid == 0;
        for (int direction = 0; direction < 2; direction++)
        {
            WarmUpCascade<TGroup>(ref chunk, record, warpEnds, rowStart, true);
            if (direction == 1 && !readerDone)
            {
                AwaitHandOver(sync, readerFlag, pass.Epoch);
            }

            chunk.Store(chunkSlot, 0);
            Group.Barrier();
            if (direction == 0)
            {
                chunk.LoadReversed(tileMemory, valid - 1 - (ChunkLength * tid));
                rowStart = start + valid == signal.Count && tid == 0;
            }
        }

        // The own part, coalesced: window sample p sits at reversed position valid - 1 - p, signal sample start + p at row
        // position start + p - padding (the padding is cut off).
        for (int p = own - start + tid; p < own - start + ownSize; p += groupSize)
        {
            int position = start + p - signal.Padding;
            if (p < valid && position >= 0 && position < length)
            {
                data[position] = tileMemory[NonNegativeSlot(valid - 1 - p)];
            }
        }
    }
}
