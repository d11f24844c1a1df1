using System.Runtime.InteropServices;
using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The executor's planning of a call (<see cref="PlanCall"/>): its table and command list, host work only, so that a call
/// can be planned while the call before it runs (<see cref="PrepareAhead"/>); <see cref="LaunchCall"/> enqueues it.
/// </summary>
internal sealed partial class GpuExecutor
{
    /// <summary>
    /// Plans the call: sizes and writes its table into a free table slot (parameters, designs, launch integers) and builds
    /// its command list, into the executor's fields, which <see cref="LaunchCall"/> then enqueues. False where there is
    /// nothing to do. Touches nothing the device reads: a call planned ahead (into <paramref name="aheadSlot"/>, which no
    /// running call's copy reads) can be dropped (<see cref="DropAhead"/>).
    /// </summary>
    private bool PlanCall(AugmentationPlan plan, AudioBatch batch, int aheadSlot = -1)
    {
        int rows = batch.Rows;
        ForgetCall();
        if (rows == 0 || batch.Capacity == 0)
        {
            return false;
        }

        KernelRegistry kernels = _device.Kernels;
        ReadOnlySpan<PlannedStep> steps = plan.Steps;
        _device.Resident.BeginCall();

        // Sizes of the two tables.
        int opCount = 0;
        int tickets = 0;
        long floatCount = 0;
        // The integer table's head (KeyOffset, CountersOffset), then the steps' ints.
        int keyOffset = KeyOffset(rows);
        int countersOffset = CountersOffset(rows);
        long intCount = keyOffset + 5L;
        foreach (PlannedStep step in steps)
        {
            if (!step.AnyApplied)
            {
                continue;
            }

            TransformKernel? kernel = kernels.Find(step.Transform);
            opCount += kernel is IPointwiseKernel ? 1 : 0;
            tickets += kernel is IPointwiseKernel needing && needing.NeedsFor(step.Transform) != RowStatistic.None ? 1 : 0;
            floatCount += ((long)rows * Stride(kernel, step.Transform, rows)) + (kernel is IPointwiseKernel constant ? constant.ConstantCount : 0);
            intCount += rows + (kernel is IStepKernel own ? own.LaunchInts(step.Transform, batch) : 0);
        }

        if (opCount == 0 && intCount == keyOffset + 5L)
        {
            return false;
        }

        HostPhases.Mark("sizes");
        int opsOffset = (int)intCount;
        intCount += (long)opCount * PointwiseOp.Ints;
        // Per possible single-pass statistics pass, zeros: a ticket counter (its blocks take their chunks in launch
        // order from it), one arrival counter per row (a clip counts on its first row's) and, a cache line further
        // (PeakGap: so that the peaks' atomics do not queue with the arrivals'), one peak per row (a peak-only pass
        // folds its clip's peak into its first row's). Where the table travels inline, the kernels count at the same
        // offsets in the call counters instead.
        int ticketsOffset = (int)intCount;
        int ticket = ticketsOffset;
        int ticketInts = 1 + rows + PeakGap + rows;
        intCount += (long)tickets * ticketInts;
        DeviceMemoryPool pool = _device.Pool;
        // One staging array and one copy: the float table follows the integer table, stored as its bits.
        long tableCount = intCount + floatCount;
        // The table slot no call in flight reads (an asynchronous call two back may still be running: the ring waits for it;
        // a call planned ahead was given its slot: PrepareAhead).
        _slot = aheadSlot >= 0 ? aheadSlot : _ring.Take(alternate: Asynchronous);
        PageLockedArray1D<int> hostTable = pool.HostInts(_slot, tableCount);
        Span<int> ints = hostTable.Span[..(int)intCount];
        Span<float> floats = MemoryMarshal.Cast<int, float>(hostTable.Span.Slice((int)intCount, (int)floatCount));

        int channels = batch.Channels;
        for (int r = 0; r < rows; r++)
        {
            ints[r] = batch.LengthArray[r / channels];
            ints[rows + r] = (int)batch.ExampleIdArray[r / channels];
        }

        ints[keyOffset] = (int)plan.Key.K0;
        ints[keyOffset + 1] = (int)plan.Key.K1;
        ints.Slice(countersOffset, 3).Clear();
        ints.Slice(ticketsOffset, tickets * ticketInts).Clear();
        int chunk = kernels.GroupSize * Lanes.Count;
        int chunksPerRow = (batch.Capacity + chunk - 1) / chunk;

        // Per step: applied flags and parameters; pointwise steps also get an op entry. Then group into commands.
        int intCursor = keyOffset + 5;
        int floatCursor = 0;
        int op = 0;
        int open = -1; // index of the open fused command, or -1
        foreach (PlannedStep step in steps)
        {
            if (!step.AnyApplied)
            {
                continue;
            }

            TransformKernel? kernel = kernels.Find(step.Transform);

            // The transform's host-side preparation (e.g. AddBackgroundNoise loads and resolves its noise clips):
            // it depends only on the sampled parameters and the batch's shape, so it can run before any launch, or,
            // for a late-prepared op that follows a statistics pass, while that pass runs.
            // Only behind a statistics-only pass (nothing fused precedes): every launch before the preparation then
            // only reads the batch, so a preparation that fails (a noise file that cannot be read) leaves it untouched.
            // An op that needs statistics with nothing fused before it measures them in its own pass where its blocks fit
            // (MeasuresInOwnPass); else a statistics-only pass precedes it, behind which it may be prepared late.
            bool ownPass = open < 0 && kernel is IPointwiseKernel measuring && measuring.NeedsFor(step.Transform) != RowStatistic.None
                && MeasuresInOwnPass(measuring.PerClip(step.Transform) ? channels : 1, rows, chunksPerRow, kernels.ResidentFusedBlocks);
            bool late = LatePreparation && rows >= LateMinRows && open < 0 && !ownPass && kernel is ILatePreparation && kernel is IPointwiseKernel lateOp
                && lateOp.NeedsFor(step.Transform) != RowStatistic.None;
            if (!late)
            {
                step.Prepare(batch);
            }

            HostPhases.Mark("prepare");

            int applied = intCursor;
            bool[] flags = step.Applied;
            for (int r = 0; r < rows; r++)
            {
                ints[applied + r] = flags[r] ? 1 : 0;
            }

            intCursor += rows;
            int launchIntsOffset = intCursor;
            int stride = Stride(kernel, step.Transform, rows);
            int parameterOffset = floatCursor;
            int constantOffset = parameterOffset + (rows * stride);
            if (kernel is IPointwiseKernel pointwise)
            {
                if (!late)
                {
                    pointwise.WriteParameters(step, batch, floats.Slice(parameterOffset, rows * stride));
                }

                pointwise.WriteConstants(step.Transform, floats.Slice(constantOffset, pointwise.ConstantCount));
                floatCursor += pointwise.ConstantCount;
            }
            else if (kernel is IStepKernel own)
            {
                own.WriteParameters(step, batch, floats.Slice(parameterOffset, rows * stride));
                int launchInts = own.LaunchInts(step.Transform, batch);
                own.WriteLaunchInts(step, batch, ints.Slice(launchIntsOffset, launchInts));
                intCursor += launchInts;
            }

            floatCursor += rows * stride;
            HostPhases.Mark("parameters");
            if (kernel is IPointwiseKernel point)
            {
                int entry = opsOffset + (op * PointwiseOp.Ints);
                ints[entry] = (int)point.Code;
                ints[entry + 1] = step.Node;
                ints[entry + 2] = parameterOffset;
                ints[entry + 3] = stride;
                ints[entry + 4] = applied;
                ints[entry + 5] = constantOffset;
                ints[entry + 6] = point.ConstantCount;
                if (stride + point.ConstantCount > FusedPointwiseKernel.OpValues - 1)
                {
                    // The last slot holds the parameter count (FusedPointwiseKernel.ResolveProgram).
                    throw new InvalidOperationException($"{step.Transform.Name}'s {stride} parameters and {point.ConstantCount} constants exceed the fused kernel's {FusedPointwiseKernel.OpValues - 1} values per op.");
                }

                RowStatistic needs = point.NeedsFor(step.Transform);
                bool everyRow = !flags.AsSpan().Contains(false);
                bool perClip = point.PerClip(step.Transform);
                int noiseOp = (needs & RowStatistic.NoiseEnergy) != 0 ? entry : -1;
                if (ownPass)
                {
                    // Nothing fused precedes, and a clip's blocks fit on the device together: the op's own pass
                    // measures its input (one read of the batch instead of two).
                    open = Append(new Command { Fused = true, OpStart = op, OpCount = 1, AllApplied = everyRow, SelfStatistics = true, PeakOnly = needs == RowStatistic.Peak && PeakOnly, PerClip = perClip, NoiseOpEntry = noiseOp, TicketSlot = ticket, Store = true });
                    ticket += ticketInts;
                }
                else if (needs != RowStatistic.None)
                {
                    // The pass before measures this op's input (and regenerates its noise for the noise energy).
                    int writer = open >= 0
                        ? open
                        : Append(new Command { Fused = true, OpStart = op, OpCount = 0 }); // nothing fused precedes: a read-only pass
                    _commands[writer].WriteStatistics = true;
                    _commands[writer].WriteNoiseOpEntry = noiseOp;
                    open = Append(new Command { Fused = true, OpStart = op, OpCount = 1, AllApplied = everyRow, ReadStatistics = true, PerClip = perClip, Store = true });
                    if (late)
                    {
                        // Prepared before this command is launched, after the ones before it (the statistics pass).
                        AppendLate(new LateStep { Step = step, Kernel = point, ParameterOffset = parameterOffset, Length = rows * stride });
                        _lateAt = _lateAt < 0 ? open : _lateAt;
                    }
                }
                else if (open >= 0 && _commands[open].OpCount < FusedPointwiseKernel.MaxOpsPerPass)
                {
                    _commands[open].OpCount++;
                    _commands[open].AllApplied &= everyRow;
                }
                else
                {
                    open = Append(new Command { Fused = true, OpStart = op, OpCount = 1, AllApplied = everyRow, Store = true });
                }

                op++;
            }
            else
            {
                open = -1;
                // A step kernel, or none: the host fallback (never graphed).
                var stepKernel = kernel as IStepKernel;
                ulong? graphKey = stepKernel?.GraphKey(step, batch);
                Append(new Command
                {
                    Kernel = stepKernel,
                    Step = step,
                    ParameterOffset = parameterOffset,
                    ParameterStride = stride,
                    AppliedOffset = applied,
                    LaunchIntsOffset = launchIntsOffset,
                    Graphable = graphKey.HasValue,
                    GraphKey = graphKey ?? 0,
                    KernelType = stepKernel?.GetType().TypeHandle.Value ?? 0,
                    LaunchCount = stepKernel?.LaunchesFor(step.Transform, batch) ?? 0,
                });
            }
        }

        HostPhases.Mark("commands");
        _hostTable = hostTable;
        _floatsStart = (int)intCount;
        _intCount = intCount;
        _floatCount = floatCount;
        _opsOffset = opsOffset;
        PackInline(hostTable.Span[..(int)tableCount], (int)intCount, countersOffset, batch);
        return true;
    }

    /// <summary>
    /// Copies the call's table, or the prefix of it that its kernels read, into <see cref="_inline"/> when it may travel
    /// as the kernels' argument (<see cref="InlineTables"/>: every command a fused pass or a step whose kernels take it
    /// (<see cref="IStepKernel.InlineTableUse"/>), no late preparation, at most <see cref="InlineTable.Capacity"/> words
    /// read); else marks it unused (Count 0). A call that counts (a single pass, AddColorNoise's) then takes a half of the
    /// call counters (<see cref="CallCounters"/>) as long as its integer table, whose counters' offsets then index the
    /// half, and the table's three ints at <paramref name="countersOffset"/> say where.
    /// </summary>
    private void PackInline(Span<int> table, int intCount, int countersOffset, AudioBatch batch)
    {
        _inline.Count = 0;
        _halves = _counters.Take(_device.Pool, _device.Stream, 0);
        if (!InlineTables || _lateAt >= 0)
        {
            return;
        }

        // The words the kernels read: the whole table for fused passes, a step's prefix as it says.
        long read = 0;
        bool counts = false;
        for (int i = 0; i < _count; i++)
        {
            ref Command command = ref _commands[i];
            if (command.Fused)
            {
                if (!OneChunkWithoutTickets(command, batch))
                {
                    return;
                }

                read = table.Length;
                counts |= command.SelfStatistics;
                continue;
            }

            if (command.Kernel?.InlineTableUse(command.Step!, batch) is not InlineUse use)
            {
                return;
            }

            read = Math.Max(read, use.ParameterFloats == InlineUse.All ? table.Length : (long)intCount + command.ParameterOffset + use.ParameterFloats);
            counts |= use.Counts;
        }

        read = Math.Min(read, table.Length);
        if (read > InlineTable.Capacity)
        {
            return;
        }

        if (counts)
        {
            _halves = _counters.Take(_device.Pool, _device.Stream, intCount);
            table[countersOffset] = _halves.Base;
            table[countersOffset + 1] = _halves.Other;
            table[countersOffset + 2] = _halves.Clear;
        }

        table[..(int)read].CopyTo(InlineTable.Words(ref _inline));
        _inline.Count = (int)read;
        _inline.FloatsAt = intCount;
    }

    /// <summary>
    /// Whether a fused command launches the one-chunk kernel without tickets (the only fused kernel with an instance
    /// that takes the table as its argument): not a statistics-only pass or a reader of one (their kernels walk several
    /// chunks a block), not a single pass that takes tickets (<see cref="Launch"/> decides both the same way).
    /// </summary>
    private bool OneChunkWithoutTickets(in Command command, AudioBatch batch)
    {
        if (command.ReadStatistics || (command.WriteStatistics && command.OpCount == 0 && !command.Store))
        {
            return false;
        }

        int chunk = _device.Kernels.GroupSize * Lanes.Count;
        long partialCount = (long)batch.Rows * ((batch.Capacity + chunk - 1) / chunk);
        return !(command.SelfStatistics && (SmallGridTickets || partialCount > Math.Max(1, _device.Kernels.ResidentFusedBlocks) / 2));
    }
}
