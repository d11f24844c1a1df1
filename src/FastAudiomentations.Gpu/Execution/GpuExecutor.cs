using System.Diagnostics;
using FastAudiomentations.Gpu.Fusion;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Runs a sampled plan on a <see cref="GpuDevice"/>: packs the per-call tables (row lengths, example ids, op
/// table, applied flags, parameters) into page-locked staging, uploads them with one asynchronous copy,
/// then launches one fused pass per run of pointwise steps and each other step's own kernels, in plan order.
/// </summary>
/// <remarks>
/// Integer table: [row lengths | row example ids | op entries | per step: applied flag per row].
/// Float table (right after the integer table, same buffer): per step, its parameter structs as the plan
/// holds them (rows x stride floats).
/// A pointwise op that needs a statistic of its input (peak, energy) starts a new pass; the pass before it
/// writes the statistics, or a statistics-only pass does when none precedes. Steps whose kernel is an
/// <see cref="ILatePreparation"/> in such a pass are prepared after the passes before it are launched, and their
/// parameters go up in a second copy, so the host prepares while the device measures. Steady-state calls allocate
/// nothing: the command list and every buffer are reused.
/// </remarks>
internal sealed partial class GpuExecutor : IDisposable
{
    /// <summary>
    /// The most chunks one block of a statistics-only pass measures (bounds its run time, so blocks stay balanced). 32, so
    /// that B = 128 of the benchmark clip (124 chunks a row) runs as one wave of 4 blocks a row (512 of 528 resident)
    /// instead of 1.9 waves of 8: Normalize's kernel 159 -> 146-149 us, AddBackgroundNoise's 167-168 -> 159-166, others
    /// equal (bench/gpu-notes.md, run 36). Smaller batches already fit one wave under 16.
    /// </summary>
    private const int DefaultMaxChunksPerStatisticsBlock = 32;

    /// <summary>
    /// Waves of resident blocks a statistics-only pass (and the pass reading it) is spread over. One, not two: equal at
    /// B = 64 and 128, 2-4 us faster at B = 16 (fewer, longer blocks) in both H100 runs of bench/gpu-notes.md, stats-pass.
    /// </summary>
    private const int DefaultStatisticsWaves = 1;


    private readonly GpuDevice _device;
    private readonly HostFallback _fallback = new();
    private Command[] _commands = new Command[8];
    private int _count;

    // The call's staging and device tables (late steps, and step kernels after their first launch, write and copy up
    // more of their parameters).
    private PageLockedArray1D<int>? _hostTable;
    private ArrayView<int> _deviceTable;
    private long _intCount;
    private long _floatCount;
    private int _opsOffset;

    // The table slots of calls in flight (asynchronous calls) and the slot of the call being made.
    private readonly CallRing _ring;
    private int _slot;
    private int _launchedSlot;
    private bool _launchedCopied;
    private int _floatsStart;

    // The current call's table when it travels as the kernels' first argument instead of being copied (InlineTable; Count
    // 0 otherwise), and where such a call's single passes count (CallCounters: a kernel cannot write its arguments).
    private readonly CallCounters _counters = new();
    private CallCounters.Halves _halves;
    private InlineTable _inline;

    public GpuExecutor(GpuDevice device)
    {
        _device = device;
        StatisticsWaves = ExperimentSwitches.Int("FASTAUG_STATISTICS_WAVES", DefaultStatisticsWaves, minimum: 1);
        MaxChunksPerStatisticsBlock = ExperimentSwitches.Int("FASTAUG_STATISTICS_CHUNKS", DefaultMaxChunksPerStatisticsBlock, minimum: 1);
        _streamPtr = device.Stream is CudaStream cuda ? cuda.StreamPtr : 0;
        _directCopy = _streamPtr != 0 && CudaDriver.Available && ExperimentSwitches.Int("FASTAUG_RAW_COPY", 1) == 1;
        _graphs = _streamPtr != 0 && CudaDriver.Available && CallGraphs.Available ? new CallGraphs() : null;
        _ring = new CallRing(device.Stream);
        _sideWork = new SideStreamWork(device.Accelerator, device.Stream);
        _sideGraphs = _graphs is not null && _sideWork.Beside ? new CallGraphs() : null;
        UseGraphs = _graphs is not null && ExperimentSwitches.Int("FASTAUG_GRAPHS", 1) != 0;
    }

    // On CUDA the table goes up by one direct driver copy: 1.9 us of host time against ILGPU's 2.5 us for the same
    // cuMemcpyHtoDAsync (bench/gpu-notes.md, host-b1 runs 1-2); FASTAUG_RAW_COPY=0 (ExperimentSwitches) keeps ILGPU's.
    private readonly nint _streamPtr;
    private readonly bool _directCopy;

    /// <summary>How many waves of resident blocks a statistics-only pass is spread over (FASTAUG_STATISTICS_WAVES; experiments).</summary>
    public int StatisticsWaves { get; set; }

    /// <summary>The most chunks one block of a statistics-only pass (and of its reader) walks (FASTAUG_STATISTICS_CHUNKS; experiments).</summary>
    public int MaxChunksPerStatisticsBlock { get; set; }


    /// <summary>
    /// Whether calls return once their work is enqueued (<see cref="GpuDevice.Asynchronous"/>) instead of synchronising
    /// the stream.
    /// </summary>
    public bool Asynchronous { get; set; }

    /// <summary>True while a call returned without waiting for its work (<see cref="Asynchronous"/>) may still be running.</summary>
    public bool InFlight { get; private set; }

    /// <summary>Waits the call ring made for a table slot (a call two back still running); tests.</summary>
    public long SlotWaits => _ring.Waits;

    /// <summary>Records that the device's stream has just been synchronised: no call is in flight.</summary>
    public void Settled()
    {
        _ring.Settled();
        InFlight = false;
    }

    /// <summary>Waits for every call enqueued on the stream; then the pool's retired buffers can go.</summary>
    public void Synchronize()
    {
        _device.Stream.Synchronize();
        Settled();
        if (_device.Pool.HasRetired)
        {
            // Work done ahead on the side stream may still write a buffer the pool retired.
            _sideWork.Synchronize();
        }

        _device.Pool.FreeRetired();
    }

    /// <summary>When true, each call records device events around its kernels (allocates; benchmarks only).</summary>
    public bool TimeKernels { get; set; }

    /// <summary>Device time of the last call's kernels, when <see cref="TimeKernels"/> is on.</summary>
    public TimeSpan LastKernelTime { get; private set; }

    /// <summary>
    /// Host time of the last call from entering the executor to the last launch enqueued (preparing steps, packing
    /// and uploading tables, launching), when <see cref="TimeKernels"/> is on: the host's share of a call beside the
    /// plan's sampling (before) and the wait for the device (after). The start marker's own cost is left out.
    /// </summary>
    public TimeSpan LastHostTime { get; private set; }

    /// <summary>Kernel launches so far: fused passes and every launch of the step kernels.</summary>
    public long Launches { get; set; }

    /// <summary>The launches of step kernels among <see cref="Launches"/>.</summary>
    public long StepLaunches { get; set; }

    /// <summary>
    /// Launches of the one-chunk fused kernel enqueued by the host (graph replays aside): the steady-state allocation
    /// test charges each launch the task object ILGPU's CPU accelerator allocates for that kernel's arguments.
    /// </summary>
    public long OneChunkLaunches { get; private set; }

    /// <summary>
    /// Whether an op that needs statistics with no fused pass before it measures them in its own pass (blocks publish
    /// their partials and wait for the rest of their clip; see <see cref="FusedPointwiseKernel"/>) instead of after a
    /// statistics-only pass. Used only where every block of a clip fits on the device at once (CUDA). Off by default:
    /// measured on the H100 (bench/gpu-notes.md, run 8) it was slower than the two passes for Normalize and
    /// AddBackgroundNoise and no faster for AddGaussianSNR, because waiting blocks hold their slots without loading.
    /// </summary>
    public bool SinglePassStatistics { get; set; }

    /// <summary>
    /// Whether, with <see cref="SinglePassStatistics"/> off, a batch whose blocks all fit in half the resident blocks (B = 1
    /// or 2 of the benchmark clip) still measures in the op's own pass: every block is resident from the start, so none
    /// waits long, and the call is one launch instead of two (and replays as one graph). At B = 1 on the H100:
    /// AddGaussianSNR 17.7 -> 16.2 us, AddBackgroundNoise 18.0 -> 16.0, Normalize 15.6 -> 14.7; at B = 16 the single
    /// pass loses (bench/gpu-notes.md, run 50). FASTAUG_SMALL_SINGLE_PASS=0 turns it off.
    /// </summary>
    public bool SmallBatchSinglePass { get; set; } = ExperimentSwitches.Int("FASTAUG_SMALL_SINGLE_PASS", 1) != 0;

    /// <summary>Whether one-chunk passes whose ops apply to every row load their samples before resolving their program (<see cref="FusedPass.LoadFirst"/>; FASTAUG_LOAD_FIRST=0 turns it off, to time both).</summary>
    public bool LoadFirst { get; set; } = ExperimentSwitches.Int("FASTAUG_LOAD_FIRST", 1) != 0;

    /// <summary>
    /// Whether single passes that need only the peak fold it with an atomic max (<see cref="FusedPass.PeakOnly"/>; default;
    /// FASTAUG_PEAK_ONLY=0 combines every block's entry instead, to time both; tests compare the two).
    /// </summary>
    public bool PeakOnly { get; set; } = ExperimentSwitches.Int("FASTAUG_PEAK_ONLY", 1) != 0;

    /// <summary>
    /// Whether single passes whose whole grid fits in half the resident blocks still take their chunks from a ticket
    /// counter (<see cref="FusedPass.Tickets"/>; default off: by grid index, -0.4 us of kernel at B = 1, bench/gpu-notes.md
    /// run 84; FASTAUG_SMALL_TICKETS=1 keeps the tickets, to time both).
    /// </summary>
    public bool SmallGridTickets { get; set; } = ExperimentSwitches.Int("FASTAUG_SMALL_TICKETS", 0) != 0;

    /// <summary>Ints between a single pass's arrival counters and its peak words: one 128-byte line.</summary>
    private const int PeakGap = 32;

    /// <summary>Whether a pass that reads the statistics of the pass before it walks its chunks last first (<see cref="FusedPass.Backward"/>; FASTAUG_READER_BACKWARD=0 turns it off, to time both).</summary>
    public bool ReaderBackward { get; set; } = ExperimentSwitches.Int("FASTAUG_READER_BACKWARD", 1) != 0;

    /// <summary>
    /// Whether a call whose commands all have kernel instances that take it (the fused one-chunk pass without tickets,
    /// AddColorNoise's single pass) and whose table fits <see cref="InlineTable.Capacity"/> words passes its table to the
    /// kernels as their first argument instead of copying it to the device; replayed graphs get each call's table by a
    /// kernel-node update. On by default (FASTAUG_INLINE_TABLES=0 turns it off; tests switch it): at batch 1, against
    /// copying in the same process, it took 1.6-2.4 us off a pipelined call of the statistics transforms and
    /// AddColorNoise and 0.1-1.7 us off their events (hosts deciding); Gain and the chain of five gain little
    /// (bench/gpu-notes.md, runs 166-169).
    /// </summary>
    public bool InlineTables { get; set; } = ExperimentSwitches.Int("FASTAUG_INLINE_TABLES", 1) != 0;

    /// <summary>Calls whose table travelled inline so far (tests check that small calls take that way).</summary>
    public long InlineCalls { get; private set; }

    /// <summary>Runs <paramref name="plan"/> over <paramref name="batch"/>: enqueues its work and finishes the call (<see cref="Finish"/>).</summary>
    public void Execute(AugmentationPlan plan, AudioBatch batch)
    {
        if (Enqueue(plan, batch))
        {
            Finish();
        }
    }

    /// <summary>
    /// Enqueues the call's work: the call prepared ahead when it is this one (<see cref="PrepareAhead"/>), else planned now.
    /// Returns whether the call is still to be finished (<see cref="Finish"/>); false where there was nothing to do or the
    /// call finished itself (<see cref="TimeKernels"/>).
    /// </summary>
    public bool Enqueue(AugmentationPlan plan, AudioBatch batch)
    {
        long entered = Stopwatch.GetTimestamp();
        HostPhases.Mark("sample");
        if (_ahead.Matches(plan, batch, this))
        {
            _ahead.Used();
            // Planned without waiting for the slot's last call where that call's table travelled with its launch: its
            // graph may still run (CallRing.Choose).
            _ring.Wait(_slot);
            PreparedAheadCalls++;
            HostPhases.Mark("prepared ahead");
        }
        else
        {
            DropAhead();
            if (!PlanCall(plan, batch))
            {
                return false;
            }
        }

        bool unfinished = LaunchCall(plan, batch, entered);
        NoteAheadStepsRead();
        return unfinished;
    }

    /// <summary>
    /// Enqueues the call <see cref="PlanCall"/> planned: as a graph where it can, else its table's copy (unless the table
    /// travels inline) and its launches. Returns whether the call is still to be finished (<see cref="Finish"/>).
    /// </summary>
    private bool LaunchCall(AugmentationPlan plan, AudioBatch batch, long entered)
    {
        var storage = (GpuStorage)batch.Storage;
        AcceleratorStream stream = _device.Stream;
        PageLockedArray1D<int> hostTable = _hostTable!;
        long intCount = _intCount;
        long floatCount = _floatCount;
        long tableCount = intCount + floatCount;
        int opsOffset = _opsOffset;
        ArrayView<int> deviceTable = _device.Pool.DeviceInts(tableCount + 1);
        _deviceTable = deviceTable;
        InlineCalls += _inline.Count > 0 ? 1 : 0;
        // What Finish releases: the next call may be planned (into the executor's fields) before this one finishes.
        _launchedSlot = _slot;
        _launchedCopied = _inline.Count == 0;
        // A call of kernels only (no host fallback, no late preparation) is all enqueued once launched, so that the next
        // call can be planned while it runs.
        LastCallEnqueued = GraphEligible();
        if (UseGraphs && _graphs is not null && !TimeKernels && GraphEligible()
            && ExecuteAsGraph(plan, batch, storage, hostTable, deviceTable, intCount, floatCount, opsOffset))
        {
            ReleaseSteps();
            return true;
        }

        if (_inline.Count == 0)
        {
            // (An inline table travels as the kernels' argument instead: PackInline.)
            if (_directCopy)
            {
                UploadDirect(hostTable, deviceTable, tableCount);
            }
            else
            {
                ViewCopy.Copy(stream, hostTable.ArrayView.SubView(0, tableCount), deviceTable.SubView(0, tableCount));
            }
        }

        if (_lateAt >= 0 && SideCopyLate)
        {
            _device.SideCopy?.MarkTableCopied(stream);
        }

        HostPhases.Mark("copy");
        ArrayView<int> deviceInts = deviceTable.SubView(0, intCount);
        ArrayView<float> deviceFloats = deviceTable.SubView(intCount, Math.Max(floatCount, 1)).Cast<float>();

        if (!TimeKernels)
        {
            Launch(plan, batch, storage, deviceInts, deviceFloats, opsOffset);
            ReleaseSteps();
            return true;
        }

        // The host time leaves out the markers' own cost (creating and recording an event costs microseconds on the
        // host: a pair ~10 us with its read-back on the H100's host, host-b1 run 1), which a call without them never pays.
        long marking = Stopwatch.GetTimestamp();
        using ProfilingMarker start = stream.AddProfilingMarker();
        long markerCost = Stopwatch.GetTimestamp() - marking;
        Launch(plan, batch, storage, deviceInts, deviceFloats, opsOffset);
        ReleaseSteps();
        LastHostTime = Stopwatch.GetElapsedTime(entered + markerCost);
        using ProfilingMarker end = stream.AddProfilingMarker();
        Synchronize();
        LastKernelTime = end.MeasureFrom(start);
        return false;
    }

    /// <summary>
    /// Ends a call whose work is enqueued (<see cref="Enqueue"/> returned true): an asynchronous call marks its table slot's
    /// end and returns; otherwise the call waits for the stream, after which the pool's retired buffers can go.
    /// </summary>
    public void Finish()
    {
        if (Asynchronous)
        {
            _ring.Release(_launchedSlot, copied: _launchedCopied);
            InFlight = true;
            HostPhases.Mark("enqueued");
            return;
        }

        Synchronize();
        HostPhases.Mark("sync");
    }

    private void Launch(AugmentationPlan plan, AudioBatch batch, GpuStorage storage, ArrayView<int> ints, ArrayView<float> floats, int opsOffset)
    {
        KernelRegistry kernels = _device.Kernels;
        DeviceMemoryPool pool = _device.Pool;
        AcceleratorStream stream = _device.Stream;
        int rows = batch.Rows;
        int groupSize = kernels.GroupSize;
        int chunk = groupSize * Lanes.Count;
        int chunksPerRow = (batch.Capacity + chunk - 1) / chunk;
        int partialCount = rows * chunksPerRow;
        bool statistics = false;
        bool selfStatistics = false;
        for (int i = 0; i < _count; i++)
        {
            statistics |= _commands[i].WriteStatistics;
            selfStatistics |= _commands[i].SelfStatistics;
        }

        // Without statistics the kernel never touches the partials; any valid view will do.
        ArrayView<float> partialsA = statistics ? pool.DeviceFloats(PoolSlot.PartialsA, 3L * partialCount) : floats;
        ArrayView<float> partialsB = statistics ? pool.DeviceFloats(PoolSlot.PartialsB, 3L * partialCount) : floats;
        // Entries of one clip (or row) padded to whole 128-byte lines (8 entries of 4 ints): a line never holds two
        // clips' entries, so no multiprocessor can cache one clip's entries before that clip has published them all.
        int scopeStride = ((batch.Channels * chunksPerRow) + 7) / 8 * 8;
        ArrayView<int> published = selfStatistics ? PublishedStatistics(pool, (long)rows * scopeStride) : ints;
        var config = new KernelConfig(partialCount, groupSize);
        // A statistics-only pass gives each block several chunks (StatisticsWaves waves of resident blocks in all, at
        // most MaxChunksPerStatisticsBlock each): see FusedPointwiseKernel.MeasureChunks.
        int residentBlocks = Math.Max(1, kernels.ResidentFusedBlocks);
        int waveBlocks = StatisticsWaves * residentBlocks;
        int chunksPerStatisticsBlock = Math.Clamp((partialCount + waveBlocks - 1) / waveBlocks, 1, MaxChunksPerStatisticsBlock);
        int statisticsBlocksPerRow = (chunksPerRow + chunksPerStatisticsBlock - 1) / chunksPerStatisticsBlock;
        int writtenBlocksPerRow = chunksPerRow; // partials per row of the latest statistics
        bool written = false; // which half holds the latest statistics: false = A

        for (int i = 0; i < _count; i++)
        {
            if (i == _lateAt)
            {
                PrepareLate(batch, stream);
                HostPhases.Mark("late preparation");
            }

            ref Command command = ref _commands[i];
            if (!command.Fused && command.Kernel is null)
            {
                // No kernel yet: the core's CPU path on the host (copies the batch both ways; synchronises).
                _fallback.Run(command.Step!, batch, storage, plan);
                continue;
            }

            if (!command.Fused)
            {
                command.Kernel!.Launch(new StepLaunch
                {
                    Stream = stream,
                    Pool = pool,
                    Step = command.Step!,
                    Batch = batch,
                    Samples = storage.View,
                    Ints = ints,
                    Floats = floats,
                    Pitch = storage.Pitch,
                    LengthsOffset = 0,
                    ExampleIdsOffset = rows,
                    ParameterOffset = command.ParameterOffset,
                    ParameterStride = command.ParameterStride,
                    AppliedOffset = command.AppliedOffset,
                    LaunchIntsOffset = command.LaunchIntsOffset,
                    KeyOffset = KeyOffset(rows),
                    GroupSize = groupSize,
                    HostTable = _hostTable!,
                    DeviceTable = _deviceTable,
                    FloatsStart = _floatsStart,
                    Inline = _inline,
                    Counters = _halves.View,
                    CountersOffset = CountersOffset(rows),
                    Ahead = AheadFor(i),
                    AheadBuffer = _aheadBuffer,
                    AheadDone = _sideWork.Done,
                    HasAhead = i == _aheadCommand,
                });
                Launches += command.LaunchCount;
                StepLaunches += command.LaunchCount;
                HostPhases.Mark("step launch");
                continue;
            }

            // A statistics-only pass and the pass that reads its statistics walk several chunks per block (the reader
            // then combines the partials once per block, not once per chunk); other passes one chunk per block.
            bool statisticsOnly = command.WriteStatistics && command.OpCount == 0 && !command.Store;
            int blocksPerRow = statisticsOnly || command.ReadStatistics ? statisticsBlocksPerRow : chunksPerRow;
            var pass = new FusedPass
            {
                Channels = batch.Channels,
                Pitch = storage.Pitch,
                ChunksPerRow = chunksPerRow,
                BlocksPerRow = blocksPerRow,
                ReadBlocksPerRow = writtenBlocksPerRow,
                PartialCount = partialCount,
                LengthsOffset = 0,
                ExampleIdsOffset = rows,
                OpsOffset = opsOffset + (command.OpStart * PointwiseOp.Ints),
                OpCount = command.OpCount,
                ReadStatistics = command.ReadStatistics ? 1 : 0,
                Backward = command.ReadStatistics && ReaderBackward ? 1 : 0,
                SelfStatistics = command.SelfStatistics ? 1 : 0,
                PerClip = command.PerClip ? 1 : 0,
                WriteStatistics = command.WriteStatistics ? 1 : 0,
                NoiseOpEntry = command.SelfStatistics ? command.NoiseOpEntry : -1,
                WriteNoiseOpEntry = command.WriteStatistics ? command.WriteNoiseOpEntry : -1,
                TicketSlot = command.TicketSlot,
                CountersOffset = CountersOffset(rows),
                ScopeStride = scopeStride,
                Store = command.Store ? 1 : 0,
                LoadFirst = LoadFirst && command.AllApplied && command.Store && command.OpCount > 0 ? 1 : 0,
                KeyOffset = KeyOffset(rows),
                PeakOnly = command.PeakOnly ? 1 : 0,
                PeakOffset = command.TicketSlot + 1 + rows + PeakGap,
                Tickets = command.SelfStatistics && (SmallGridTickets || (long)partialCount > residentBlocks / 2) ? 1 : 0,
            };
            ArrayView<float> input = written ? partialsB : partialsA;
            ArrayView<float> output = written ? partialsA : partialsB;
            // Read at launch time: the step's parameter writing may have grown the resident buffer.
            ArrayView<float> resident = _device.Resident.HasClips ? _device.Resident.View : floats;
            KernelConfig launchConfig = blocksPerRow != chunksPerRow ? new KernelConfig(rows * blocksPerRow, groupSize) : config;
            if (statisticsOnly)
            {
                // Its own kernel: fewer registers than the walk, more blocks resident (see FusedPointwiseKernel.Measure).
                kernels.FusedMeasure(stream, launchConfig, storage.View, ints, floats, input, output, resident, published, pass);
            }
            else if (blocksPerRow == chunksPerRow)
            {
                // One chunk per block: the straight-line kernel (no chunk walk keeping registers live across the ops).
                OneChunkLaunches++;
                if (_inline.Count > 0)
                {
                    kernels.FusedOneChunkInline(stream, config, _inline, storage.View, ints, floats, input, output, resident, published, _halves.View, pass);
                }
                else
                {
                    kernels.FusedOneChunk(stream, config, default, storage.View, ints, floats, input, output, resident, published, ints, pass);
                }
            }
            else
            {
                kernels.Fused(stream, launchConfig, storage.View, ints, floats, input, output, resident, published, pass);
            }

            Launches++;
            HostPhases.Mark("fused launch");
            if (command.WriteStatistics)
            {
                written = !written;
                writtenBlocksPerRow = blocksPerRow;
            }
        }
    }

    /// <summary>
    /// Whether an op that needs statistics, with nothing fused before it, measures its input in its own pass: where the
    /// blocks it waits for fit on the device together (all of a clip's with <see cref="SinglePassStatistics"/>, all of the
    /// batch's with <see cref="SmallBatchSinglePass"/>). Never where no resident count is known (0: ILGPU's CPU
    /// accelerator runs groups one after another, so a waiting group would wait forever).
    /// </summary>
    private bool MeasuresInOwnPass(int rowsPerScope, int rows, int chunksPerRow, int residentBlocks) =>
        SinglePassStatistics
            ? (long)rowsPerScope * chunksPerRow <= residentBlocks / 2
            : SmallBatchSinglePass && (long)rows * chunksPerRow <= residentBlocks / 2;

    private unsafe void UploadDirect(PageLockedArray1D<int> hostTable, ArrayView<int> deviceTable, long count)
    {
        void* source = Unsafe.AsPointer(ref MemoryMarshal.GetReference(hostTable.Span));
        ulong target = (ulong)deviceTable.LoadEffectiveAddressAsPtr();
        CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(target, source, (nuint)(count * sizeof(int)), _streamPtr), "cuMemcpyHtoDAsync");
    }

    /// <summary>The buffer where single-pass statistics are published: per block [peak bits, energy bits, noise energy bits, unused].</summary>
    private static ArrayView<int> PublishedStatistics(DeviceMemoryPool pool, long entries) =>
        pool.DeviceFloats(PoolSlot.PublishedStatistics, 4L * entries).Cast<int>();

    /// <summary>
    /// Where the call's Philox key (two ints) sits in the integer table, after the rows' lengths and example ids: kernels
    /// read it from the table, not from their arguments, so that a call's launches can be replayed as a graph (CallGraphs).
    /// </summary>
    private static int KeyOffset(int rows) => 2 * rows;

    /// <summary>
    /// Where, after the key, a table that travels inline says where its kernels count (three ints: the start of its half
    /// of the call counters, the other half, the words of the other half to clear; <see cref="CallCounters"/>).
    /// </summary>
    private static int CountersOffset(int rows) => KeyOffset(rows) + 2;

    private static int Stride(TransformKernel? kernel, Transform transform, int rows) => kernel switch
    {
        IPointwiseKernel pointwise => pointwise.ParameterStride,
        IStepKernel step => step.StrideFor(transform, rows),
        _ => 0,
    };

    /// <summary>Drops the commands' steps and kernels once the call is enqueued: the command list keeps no step alive between calls.</summary>
    private void ReleaseSteps()
    {
        for (int i = 0; i < _count; i++)
        {
            _commands[i].Step = null;
            _commands[i].Kernel = null;
        }
    }

    /// <summary>Empties the command list, the late steps and the inline table: no call is planned (a call that plans nothing, or one dropped, leaves none behind).</summary>
    private void ForgetCall()
    {
        ReleaseSteps();
        _count = 0;
        _lateCount = 0;
        _lateAt = -1;
        _inline.Count = 0;
        _aheadCommand = -1;
    }

    private int Append(Command command)
    {
        if (_count == _commands.Length)
        {
            Array.Resize(ref _commands, _commands.Length * 2);
        }

        _commands[_count] = command;
        return _count++;
    }

    /// <summary>One launch: a fused pass over ops [OpStart, OpStart + OpCount), or one step's own kernel.</summary>
    private struct Command
    {
        public bool Fused;
        public int OpStart;
        public int OpCount;
        public bool ReadStatistics;
        public bool SelfStatistics;
        public bool PeakOnly; // a single pass that needs only the clip's peak (FusedPass.PeakOnly)
        public bool PerClip;
        public bool WriteStatistics;
        public int NoiseOpEntry;
        public int WriteNoiseOpEntry;
        public int TicketSlot;
        public bool Store;
        public bool AllApplied; // every op of the pass applies to every row (FusedPass.LoadFirst)
        public IStepKernel? Kernel;
        public bool Graphable; // a step whose launches may replay from a graph (IStepKernel.GraphKey)
        public ulong GraphKey;
        public nint KernelType; // the step kernel's type: the graph signature's record of which kernel it was
        public int LaunchCount; // kernel launches of a step
        public PlannedStep? Step;
        public int ParameterOffset;
        public int ParameterStride;
        public int AppliedOffset;
        public int LaunchIntsOffset; // a step's per-launch integers (IStepKernel.LaunchInts)
    }
}
