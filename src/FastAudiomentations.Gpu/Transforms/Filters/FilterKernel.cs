using System.Runtime.InteropServices;
using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Memory;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// The GPU side of a filter transform: designs each applied row's filter with the transform's own design
/// functions (the very code its CPU path runs), then launches the shared kernels: <see cref="IirCascadeKernel"/>
/// for Butterworth (causal or zero phase), <see cref="FirKernel"/> for windowed sinc.
/// </summary>
/// <remarks>
/// Where the device's kernels have 64-bit floats (<see cref="FilterLaunchers.DeviceDesign"/>: ILGPU's CPU
/// accelerator; the CUDA context's MathMode.Fast32BitOnly lowers doubles to float), Butterworth calls of more than
/// <see cref="FilterLaunchers.HostDesignRows"/> rows upload only each row's order, padding and pre-warped edges
/// (<see cref="IirDesignInput"/>) and design the records on the device (<see cref="ButterworthDesignKernel"/>, the
/// core's design code, one launch before the IIR kernel, records in the pool's <see cref="PoolSlot.FilterRecords"/>),
/// so the host's share is a tangent or two per row. Windowed-sinc calls of up to <see cref="FirDesignKernel.MaxTaps"/>
/// taps likewise upload each row's rotation steps (<see cref="FirDesignInput"/>) and design the taps on the device
/// (<see cref="FirDesignKernel"/>, into the same pool slot), so that a 101-tap call at B = 128 no longer waits for ~100 us
/// of host designs before its launch. Otherwise rows are designed on the host into the call's table.
/// Calls with much to design (FIR taps, large batches) design on the device's host threads
/// (<see cref="FilterLaunchers.Designers"/>), one clip per work item, the rest on the calling thread; the channels of a clip share their parameters in per-example mode, so a row whose parameters
/// equal the clip's previous applied row copies its record instead of designing it again. Records travel with
/// the call's single table upload, except in calls of <see cref="MinPipelinedClips"/> clips or more designed on the host:
/// there the table carries the first eighth, and the rest are designed while the device filters those rows, then go up
/// in a second copy before a second launch (per pass) filters them; the zero-phase scratch and the FIR halo come from the device's memory pool,
/// and the records' buffer grows once, so steady-state calls allocate nothing. Like the device, not
/// thread-safe: one call at a time.
/// </remarks>
/// <typeparam name="TTransform">The core filter transform.</typeparam>
/// <typeparam name="TParams">Its sampled-parameter struct.</typeparam>
internal abstract class FilterKernel<TTransform, TParams> : TransformKernel, IStepKernel, IParallelWork
    where TTransform : AudioTransform<TParams>
    where TParams : unmanaged
{
    /// <summary>The most samples sosfiltfilt pads at each end: 3 (2 order + 1) for a band design of the highest order.</summary>
    private const int MaxPadding = 3 * ((2 * ButterworthDesign.MaxOrder) + 1);

    /// <summary>
    /// Butterworth calls of at least this many clips designed on the host are pipelined: the table carries the first
    /// eighth of the clips' records, the IIR kernel filters those rows while the host designs the rest, which go up in a
    /// second copy before a second launch filters them. Why: at B = 128 the host's designs (~60-90 us on the H100's host,
    /// bench/gpu-notes.md run 13) otherwise precede every launch; pipelined, only the first eighth does, and a second
    /// launch costs ~20 us of its own (the row's chain of tiles), so below ~32 clips it does not pay.
    /// </summary>
    private const int MinPipelinedClips = 32;

    private static readonly int[] CausalModes = [IirSignal.Causal];
    private static readonly int[] ZeroPhaseModes = [IirSignal.Forward, IirSignal.Backward];

    private readonly FilterLaunchers _launchers;

    // The call being designed (set by WriteParameters for its work items) and the records' buffer.
    private PlannedStep? _step;
    private AudioBatch? _batch;
    private TTransform? _transform;
    private FilterSettings _settings;
    private int _stride;
    private int _splitReach;
    private float[] _records = [];

    // The warm-up shape of the step WriteParameters last wrote, empty without (its GraphKey, asked next, reads it).
    private PlannedStep? _warmUpStep;
    private WarmUpShape _warmUpShape;
    private bool _warmUpSplit;

    /// <summary>Binds the transform's kernel to the device's compiled filter kernels.</summary>
    protected FilterKernel(FilterLaunchers launchers) => _launchers = launchers;

    /// <inheritdoc/>
    public sealed override Type TransformType => typeof(TTransform);

    /// <summary>The most floats a row's record can take: a FIR of the most taps, or 16 Butterworth sections.</summary>
    public int ParameterStride => Math.Max(FilterChecks.MaxFirTaps, IirRecord.MaxFloats);

    /// <inheritdoc/>
    public int StrideFor(Transform transform)
    {
        FilterSettings settings = Settings((TTransform)transform);
        return settings.Design == FilterDesign.WindowedSinc ? settings.FirTaps : IirRecord.Stride(settings.MaxSections);
    }

    /// <inheritdoc/>
    public int StrideFor(Transform transform, int rows)
    {
        FilterSettings settings = Settings((TTransform)transform);
        return !DesignsOnDevice(settings, rows) ? StrideFor(transform)
            : settings.Design == FilterDesign.WindowedSinc ? FirDesignInput.Stride
            : IirDesignInput.Stride;
    }

    /// <inheritdoc/>
    public void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination)
    {
        var transform = (TTransform)step.Transform;
        FilterSettings settings = Settings(transform);
        if (DesignsOnDevice(settings, batch.Rows))
        {
            WriteDesignInputs((PlannedStep<TParams>)step, transform, settings, batch, destination);
            return;
        }

        int stride = StrideFor(transform);
        _splitReach = SplitReach(settings, batch);
        int length = step.Applied.Length * stride;
        if (_records.Length < length)
        {
            _records = new float[Math.Max(length, _records.Length + (_records.Length / 2))];
        }

        int head = PartEnd(settings, batch, 0);
        HostPhases.Mark("filter settings");
        if (head < batch.BatchSize)
        {
            // Pipelined: the first clips now, on this thread; the rest while the device filters these (LaunchIir).
            DesignClips(step, batch, stride, head, onHostThreads: false);
            _records.AsSpan(0, head * batch.Channels * stride).CopyTo(destination);
            return;
        }

        // Estimated design time on one thread (measured, optimised code, development machine; the H100's host took
        // about twice as long per row in filters run 4): ~6 ns per FIR tap (WindowedSincDesign's rotation walk);
        // Butterworth ~0.1 us for the first section and ~0.06 us for each further one (ButterworthDesign, low-pass;
        // band designs ~0.13 us per section), ~0.13 us per section for the record (levels, steady state).
        long perClip = settings.Design == FilterDesign.WindowedSinc
            ? 6L * settings.FirTaps
            : 100 + (130L * (settings.MaxSections - 1)) + (130L * settings.MaxSections);
        DesignClips(step, batch, stride, batch.BatchSize, onHostThreads: perClip * batch.BatchSize >= _launchers.ParallelDesignNanoseconds);
        HostPhases.Mark("filter designs");
        _records.AsSpan(0, length).CopyTo(destination);
        _warmUpStep = step;
        _warmUpShape = WarmUpShapeOf(settings, batch, step.Applied, destination, out _warmUpSplit);
        HostPhases.Mark("filter shape");
        if (_warmUpShape.GroupSize > 0 && !_warmUpSplit)
        {
            // The windowed kernels compute their levels themselves: their records are compact (IirRecord.Compact), so
            // that at batch 1 the table's words they read fit an InlineTable.
            for (int row = 0; row < batch.Rows; row++)
            {
                if (step.Applied[row])
                {
                    IirRecord.Compact(_records.AsSpan(row * stride, stride), destination.Slice(row * stride, stride));
                }
            }
        }
    }

    /// <summary>Designs the records of clip <paramref name="index"/>'s applied rows (a work item of <see cref="WriteParameters"/>).</summary>
    public void Run(int index, int worker)
    {
        TTransform transform = _transform!;
        AudioBatch batch = _batch!;
        TParams[] parameters = ((PlannedStep<TParams>)_step!).Parameters;
        bool[] applied = _step!.Applied;
        int channels = batch.Channels;
        int length = batch.LengthArray[index];
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        int previous = -1;
        for (int row = index * channels; row < (index + 1) * channels; row++)
        {
            if (!applied[row])
            {
                continue;
            }

            Span<float> record = _records.AsSpan(row * _stride, _stride);
            if (previous >= 0 && Same(parameters[previous], parameters[row]))
            {
                // Channels of one clip share their parameters in per-example mode: copy, do not redesign.
                _records.AsSpan(previous * _stride, _stride).CopyTo(record);
                continue;
            }

            if (_settings.Design == FilterDesign.WindowedSinc)
            {
                DesignTaps(transform, parameters[row], batch.SampleRate, record);
            }
            else
            {
                int count = DesignSections(transform, parameters[row], batch.SampleRate, sections);
                int padding = _settings.ZeroPhase ? FilterRunner.ZeroPhasePadding(FiltFiltTaps(transform, parameters[row]), length) : 0;
                IirRecord.Write(record, sections[..count], padding, _splitReach);
            }

            previous = row;
        }
    }

    /// <inheritdoc/>
    public int LaunchesFor(Transform transform)
    {
        FilterSettings settings = Settings((TTransform)transform);
        return settings.Design == FilterDesign.WindowedSinc || settings.ZeroPhase ? 2 : 1;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Counted before the rows are designed, so a zero-phase call counts its two passes' launches even where a window
    /// launch then runs both (<see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>): the count feeds statistics only.
    /// </remarks>
    public int LaunchesFor(Transform transform, AudioBatch batch)
    {
        FilterSettings settings = Settings((TTransform)transform);
        if (settings.Design == FilterDesign.WindowedSinc)
        {
            // The filter after one launch that designs, copies halos or both; alone where it does neither.
            return DesignsOnDevice(settings, batch.Rows) || !FirHandshake(batch) ? 2 : 1;
        }

        int launches = LaunchesFor(transform);
        return DesignsOnDevice(settings, batch.Rows) ? launches + 1
            : Parts(settings, batch) * launches;
    }

    /// <summary>
    /// Filter calls replay from graphs: their launches (the device designs, the halo copy and FIR kernel, or the IIR
    /// kernel's passes) take the table's offsets, the pool's buffers, the batch's shape and the settings in the key, and
    /// each IIR launch's epoch and ticket counter come from the table (<see cref="WriteLaunchInts"/>). Not pipelined
    /// calls (rows designed on the host between launches: Butterworth at 32 clips or more where the device cannot design).
    /// </summary>
    public ulong? GraphKey(PlannedStep step, AudioBatch batch)
    {
        var transform = (TTransform)step.Transform;
        FilterSettings settings = Settings(transform);
        if (Parts(settings, batch) > 1 || (settings.Design == FilterDesign.Butterworth && !DesignsOnDevice(settings, batch.Rows) && step != _warmUpStep))
        {
            // (The second: a host-designed step's launch mode is known once its records are: WriteParameters, just before.)
            return null;
        }

        bool fir = settings.Design == FilterDesign.WindowedSinc;
        return (ulong)(uint)(fir ? settings.FirTaps : settings.MaxSections)
            | (fir ? 1UL << 31 : 0)
            | (settings.ZeroPhase ? 1UL << 32 : 0)
            | (DesignsOnDevice(settings, batch.Rows) ? 1UL << 33 : 0)
            | ((ulong)(uint)Band(transform) << 34)
            | (_launchers.CausalKernel ? 1UL << 38 : 0)
            | (_launchers.AggregatesOnly ? 1UL << 39 : 0)
            | ((fir ? FirHandshake(batch) : IirResident(settings, batch)) ? 1UL << 30 : 0)
            | ((ulong)(uint)(fir ? _launchers.FirGroupSize : _launchers.IirGroupSize) << 40)
            | ((ulong)(uint)(fir ? 0 : WarmUpShapeOf(step).Code) << 51)
            | (!fir && step == _warmUpStep && _warmUpSplit ? 1UL << 29 : 0);
    }

    /// <inheritdoc/>
    public int LaunchInts(Transform transform, AudioBatch batch)
    {
        FilterSettings settings = Settings((TTransform)transform);
        return settings.Design != FilterDesign.WindowedSinc ? 2 * (IirLaunches(settings, batch) + (SplitReach(settings, batch) > 0 ? 1 : 0))
            : FirHandshake(batch) ? batch.Rows * FirTilesPerRow(batch)
            : 0;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A call that takes a windowed kernel (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>,
    /// <see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>), whose instances read its compact records up
    /// to the last row's coefficients: at batch 1 38-62 words for the default filters. Look-back calls read their records'
    /// levels (~1.2 KB a band filter's row) and copy their table.
    /// </remarks>
    public InlineUse? InlineTableUse(PlannedStep step, AudioBatch batch)
    {
        FilterSettings settings = Settings((TTransform)step.Transform);
        return WarmUpShapeOf(step).GroupSize == 0 || _warmUpSplit ? null
            : new InlineUse(((batch.Rows - 1) * IirRecord.Stride(settings.MaxSections)) + IirRecord.CompactFloats(settings.MaxSections), Counts: false);
    }

    /// <summary>Each IIR launch's epoch (new) and ticket counter (zero), in launch order; or the FIR tiles' flags (zeros).</summary>
    public void WriteLaunchInts(PlannedStep step, AudioBatch batch, Span<int> destination)
    {
        if (Settings((TTransform)step.Transform).Design == FilterDesign.WindowedSinc)
        {
            destination.Clear();
            return;
        }

        for (int k = 0; k + 1 < destination.Length; k += 2)
        {
            destination[k] = _launchers.NextEpoch();
            destination[k + 1] = 0;
        }
    }

    /// <summary>The longest signal an IIR launch filters per row: the capacity, padded at both ends for zero phase.</summary>
    private static int IirLongest(in FilterSettings settings, AudioBatch batch) =>
        settings.ZeroPhase ? batch.Capacity + (2 * MaxPadding) : batch.Capacity;

    /// <summary>Tiles per row of the IIR kernel for <paramref name="batch"/>.</summary>
    private int IirTilesPerRow(in FilterSettings settings, AudioBatch batch)
    {
        int tileSize = _launchers.IirGroupSize * IirCascadeKernel.ChunkLength;
        return Math.Max(1, (IirLongest(settings, batch) + tileSize - 1) / tileSize);
    }

    /// <summary>The warm-up shape of <paramref name="step"/> (the step <see cref="WriteParameters"/> last wrote), empty without.</summary>
    private WarmUpShape WarmUpShapeOf(PlannedStep step) => step == _warmUpStep ? _warmUpShape : default;

    /// <summary>
    /// The warm-up kernel's shape for a call (causal or zero phase) of host-designed <paramref name="records"/>
    /// (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>), or the empty shape for the look-back: at most
    /// <see cref="FilterLaunchers.MaxWarmUpRows"/> rows, the first shape whose reach holds every applied row's warm-up
    /// (<see cref="FilterLaunchers.WarmUpShapeFor"/>). <paramref name="split"/>: the row was split (<see cref="SplitReach"/>),
    /// and the shape is its prefix's, the look-back after it taking the rest.
    /// </summary>
    private WarmUpShape WarmUpShapeOf(in FilterSettings settings, AudioBatch batch, bool[] applied, ReadOnlySpan<float> records, out bool split)
    {
        split = false;
        if (settings.Design != FilterDesign.Butterworth || !_launchers.WarmUps || !_launchers.CausalKernel
            || batch.Rows > FilterLaunchers.MaxWarmUpRows || DesignsOnDevice(settings, batch.Rows) || Parts(settings, batch) > 1)
        {
            return default;
        }

        int stride = IirRecord.Stride(settings.MaxSections);
        if (batch.Rows == 1 && applied[0] && records[IirRecord.SplitOffset] != 0)
        {
            split = true;
            WarmUpShape prefix = _launchers.WarmUpShapeFor(records[IirRecord.PrefixAt(stride) + IirRecord.WarmUpOffset], 1, IirLongest(settings, batch));
            return prefix.GroupSize > 0 ? prefix
                : throw new InvalidOperationException("A split row's prefix no longer fits a warm-up window: the warm-up settings changed between its design and its launch.");
        }

        float warmUp = 0;
        for (int row = 0; row < batch.Rows; row++)
        {
            warmUp = applied[row] ? Math.Max(warmUp, records[(row * stride) + IirRecord.WarmUpOffset]) : warmUp;
        }

        // Zero phase in one launch where a centred window holds the warm-up on both sides, else in two warm-up launches.
        WarmUpShape window = settings.ZeroPhase && _launchers.ZeroPhaseWindows ? _launchers.ZeroPhaseWindowFor(warmUp, batch.Rows, IirLongest(settings, batch)) : default;
        return window.GroupSize > 0 ? window : _launchers.WarmUpShapeFor(warmUp, batch.Rows, IirLongest(settings, batch), settings.ZeroPhase);
    }

    /// <summary>
    /// How long a causal call's row may take to settle in a warm-up launch where the rest of its cascade looks back after it
    /// (<see cref="IirRecord.Write"/> splits the row at that reach): the longest reach that fits, for a call of one
    /// host-designed row of more than <see cref="IirRecord.MinSplitPrefix"/> sections at most, with warm-ups and splits on;
    /// 0 (no split) otherwise, and then the call's table is as it was before splits (no launch integers kept for them).
    /// </summary>
    /// <remarks>
    /// Why: at batch 1 a look-back costs ~3.7 us a section, and the sections of a cascade too slow for a window mostly
    /// settle within one alone: in 48 dB/oct's look-back draws, 60% of its calls, all but 1-4 of its 8 (bench/gpu-notes.md,
    /// session 16). One row only: rows of a call may split differently.
    /// </remarks>
    private int SplitReach(in FilterSettings settings, AudioBatch batch) =>
        settings.Design == FilterDesign.Butterworth && !settings.ZeroPhase && batch.Rows == 1 && settings.MaxSections > IirRecord.MinSplitPrefix && _launchers.SplitLookBacks
            && _launchers.WarmUps && _launchers.CausalKernel && !DesignsOnDevice(settings, batch.Rows) && Parts(settings, batch) == 1
            ? _launchers.MaxFittingReach(1, IirLongest(settings, batch))
            : 0;

    /// <summary>Whether the call's IIR launches take their tiles by grid index (<see cref="FilterLaunchers.IirResident"/>).</summary>
    private bool IirResident(in FilterSettings settings, AudioBatch batch) =>
        _launchers.IirResident((long)batch.Rows * IirTilesPerRow(settings, batch));

    /// <summary>Tiles per row of the FIR kernel for <paramref name="batch"/>.</summary>
    private int FirTilesPerRow(AudioBatch batch)
    {
        int tileSize = _launchers.FirGroupSize * FirKernel.OutputsPerThread;
        return (batch.Capacity + tileSize - 1) / tileSize;
    }

    /// <summary>Whether the call's FIR launch skips the halo copy (<see cref="FilterLaunchers.FirHandshake"/>).</summary>
    private bool FirHandshake(AudioBatch batch) => _launchers.FirHandshake((long)batch.Rows * FirTilesPerRow(batch));

    /// <summary>Not used: a filter's records depend on the batch (sample rate, row lengths); the executor calls the overload that has it.</summary>
    void IStepKernel.WriteParameters(PlannedStep step, Span<float> destination) =>
        throw new NotSupportedException("A filter's per-row records depend on the batch's sample rate and row lengths; call WriteParameters(step, batch, destination).");

    /// <inheritdoc/>
    public void Launch(in StepLaunch launch)
    {
        FilterSettings settings = Settings((TTransform)launch.Step.Transform);
        if (settings.Design == FilterDesign.WindowedSinc)
        {
            LaunchFir(launch, settings);
        }
        else
        {
            LaunchIir(launch, settings);
        }
    }

    /// <summary>
    /// The FIR call: one launch that designs the rows' taps (when the table holds their edges) and copies the tiles'
    /// halos (unless the grid is small enough for the tiles to hand over to each other:
    /// <see cref="FilterLaunchers.FirHandshake"/>), then the FIR kernel over every tile.
    /// </summary>
    private void LaunchFir(in StepLaunch launch, in FilterSettings settings)
    {
        int rows = launch.Batch.Rows;
        int taps = settings.FirTaps;
        bool designs = DesignsOnDevice(settings, rows);
        ArrayView<float> records = designs ? launch.Pool.DeviceFloats(PoolSlot.FilterRecords, (long)rows * taps) : launch.Floats;
        int group = _launchers.FirGroupSize;
        int tileSize = group * FirKernel.OutputsPerThread;
        int tilesPerRow = (launch.Batch.Capacity + tileSize - 1) / tileSize;
        bool handshake = FirHandshake(launch.Batch);
        var pass = new FirPass
        {
            LengthsOffset = launch.LengthsOffset,
            AppliedOffset = launch.AppliedOffset,
            TapsOffset = designs ? 0 : launch.ParameterOffset,
            Taps = taps,
            Before = settings.ZeroPhase ? taps / 2 : taps - 1,
            Pitch = launch.Pitch,
            TileSize = tileSize,
            TilesPerRow = tilesPerRow,
            Rows = rows,
            Handshake = handshake ? 1 : 0,
            FlagsOffset = launch.LaunchIntsOffset,
        };
        int tiles = rows * tilesPerRow;
        ArrayView<float> halo = handshake ? launch.Samples : launch.Pool.DeviceFloats(PoolSlot.MoreScratch, (long)tiles * (taps - 1));
        int haloGroups = handshake ? 0 : FirKernel.HaloGroups(tiles);
        if (designs)
        {
            var design = new FirDesignPass { Rows = rows, InputOffset = launch.ParameterOffset, Band = (int)Band((TTransform)launch.Step.Transform), Taps = taps };
            _launchers.FirPrepare!(launch.Stream, new KernelConfig(rows + haloGroups, _launchers.PrepareGroupSize), launch.Samples, halo, launch.Ints, launch.Floats, records, pass, design);
            HostPhases.Mark("prepare launch");
        }
        else if (!handshake)
        {
            _launchers.Halo(launch.Stream, new KernelConfig(haloGroups, _launchers.PrepareGroupSize), launch.Samples, halo, launch.Ints, pass);
        }

        _launchers.Fir(launch.Stream, new KernelConfig(tiles, group), launch.Samples, halo, launch.Ints, records, pass);
    }

    /// <summary>The rows' designs on the device when the table holds their edges, then the IIR kernel over every tile: one launch, or forward and backward for zero phase.</summary>
    private void LaunchIir(in StepLaunch launch, in FilterSettings settings)
    {
        int rows = launch.Batch.Rows;
        ArrayView<float> records = launch.Floats;
        int recordOffset = launch.ParameterOffset;
        int recordStride = launch.ParameterStride;
        if (launch.ParameterStride == IirDesignInput.Stride)
        {
            recordStride = IirRecord.Stride(settings.MaxSections);
            records = launch.Pool.DeviceFloats(PoolSlot.FilterRecords, (long)rows * recordStride);
            recordOffset = 0;
            var design = new ButterworthDesignPass { InputOffset = launch.ParameterOffset, Band = (int)Band((TTransform)launch.Step.Transform), RecordStride = recordStride };
            _launchers.Design!(launch.Stream, new KernelConfig(rows, ButterworthDesignKernel.GroupSize), launch.Floats, _launchers.Prototypes, records, design);
            HostPhases.Mark("design launch");
        }

        // The launch mode follows the records the host designed into the table (the same test as WriteParameters').
        bool split = false;
        WarmUpShape warmUp = launch.ParameterStride == IirDesignInput.Stride ? default : WarmUpShapeOf(settings, launch.Batch, launch.Step.Applied,
            MemoryMarshal.Cast<int, float>(launch.HostTable.Span.Slice(launch.FloatsStart + launch.ParameterOffset, rows * recordStride)), out split);
        if (split)
        {
            LaunchSplit(launch, settings, records, recordOffset, recordStride, warmUp);
            return;
        }

        bool warm = warmUp.GroupSize > 0;
        int groupSize = warm ? warmUp.GroupSize : _launchers.IirGroupSize;
        int longest = IirLongest(settings, launch.Batch);
        int tilesPerRow = warm ? warmUp.GroupsPerRow(longest) : IirTilesPerRow(settings, launch.Batch);
        int scratchPitch = settings.ZeroPhase ? (longest + GpuStorage.PitchAlignment - 1) / GpuStorage.PitchAlignment * GpuStorage.PitchAlignment : 1;
        ArrayView<float> scratch = launch.Pool.DeviceFloats(PoolSlot.Scratch, (long)rows * scratchPitch);
        int syncSections = settings.MaxSections;
        ArrayView<long> sync = launch.Pool.SyncInts(launch.Stream, 2L * rows * tilesPerRow * syncSections * IirCascadeKernel.SlotWords).Cast<long>();
        bool resident = IirResident(settings, launch.Batch);
        var iir = new IirPass
        {
            LengthsOffset = launch.LengthsOffset,
            AppliedOffset = launch.AppliedOffset,
            RecordOffset = recordOffset,
            RecordStride = recordStride,
            Pitch = launch.Pitch,
            ScratchPitch = scratchPitch,
            TilesPerRow = tilesPerRow,
            SyncSections = syncSections,
            WarmUpParts = warmUp.Parts,
            Resident = resident ? 1 : 0,
            LoadFirst = _launchers.IirLoadFirst(resident) ? 1 : 0,
            AggregatesOnly = _launchers.AggregatesOnly ? 1 : 0,
        };
        // One part, or (pipelined) each part's rows designed while the device filters the part before, copied up (the
        // call's first copy took stale values there) and filtered.
        int parts = launch.ParameterStride == IirDesignInput.Stride ? 1 : Parts(settings, launch.Batch);
        int channels = launch.Batch.Channels;
        int startClip = 0;
        int launchInts = launch.LaunchIntsOffset;
        for (int part = 0; part < parts; part++)
        {
            int endClip = parts == 1 ? launch.Batch.BatchSize : PartEnd(settings, launch.Batch, part);
            int first = startClip * channels, count = (endClip - startClip) * channels;
            if (part > 0)
            {
                DesignClips(launch.Step, launch.Batch, launch.ParameterStride, endClip, onHostThreads: false, from: startClip);
                int start = launch.FloatsStart + launch.ParameterOffset + (first * recordStride);
                int length = count * recordStride;
                _records.AsSpan(first * recordStride, length).CopyTo(MemoryMarshal.Cast<int, float>(launch.HostTable.Span.Slice(start, length)));
                ViewCopy.Copy(launch.Stream, launch.HostTable.ArrayView.SubView(start, length), launch.DeviceTable.SubView(start, length));
            }

            LaunchIirRows(launch, settings, iir, scratch, records, sync, first, count, ref launchInts, warm ? _launchers.WarmUp(warmUp, settings.ZeroPhase) : null, warmUp, groupSize);
            startClip = endClip;
        }
    }

    /// <summary>
    /// A split call (one row, <see cref="IirRecord.Write"/>): the warm-up kernel filters the row in place through the
    /// cascade's first sections (the compact record at <see cref="IirRecord.PrefixAt"/>, in <paramref name="prefix"/>'s
    /// windows), then the look-back kernel through the rest (the full record at the row's start). The look-back's input is
    /// then the prefix's output to within 2^-32 of the state it forgot, as a warm-up call's output is.
    /// </summary>
    private void LaunchSplit(in StepLaunch launch, in FilterSettings settings, ArrayView<float> records, int recordOffset, int recordStride, WarmUpShape prefix)
    {
        int longest = IirLongest(settings, launch.Batch);
        int windows = prefix.GroupsPerRow(longest);
        int tiles = IirTilesPerRow(settings, launch.Batch);
        ArrayView<float> scratch = launch.Pool.DeviceFloats(PoolSlot.Scratch, 1);
        ArrayView<long> sync = launch.Pool.SyncInts(launch.Stream, 2L * Math.Max(windows, tiles) * settings.MaxSections * IirCascadeKernel.SlotWords).Cast<long>();
        bool resident = IirResident(settings, launch.Batch);
        var window = new IirPass
        {
            LengthsOffset = launch.LengthsOffset,
            AppliedOffset = launch.AppliedOffset,
            RecordOffset = recordOffset + IirRecord.PrefixAt(recordStride),
            RecordStride = recordStride,
            Pitch = launch.Pitch,
            ScratchPitch = 1,
            Mode = IirSignal.Causal,
            TilesPerRow = windows,
            SyncSections = settings.MaxSections,
            WarmUpParts = prefix.Parts,
            LaunchIntsOffset = launch.LaunchIntsOffset,
        };
        _launchers.WarmUp(prefix, zeroPhase: false).Launch(launch.Stream, new KernelConfig(windows, prefix.GroupSize), launch.Inline, launch.Samples, scratch, launch.Ints, records, sync, window);
        IirPass lookBack = window with
        {
            RecordOffset = recordOffset,
            TilesPerRow = tiles,
            WarmUpParts = 0,
            LaunchIntsOffset = launch.LaunchIntsOffset + 2,
            Resident = resident ? 1 : 0,
            LoadFirst = _launchers.IirLoadFirst(resident) ? 1 : 0,
            AggregatesOnly = _launchers.AggregatesOnly ? 1 : 0,
        };
        _launchers.Iir(launch.Stream, new KernelConfig(tiles, _launchers.IirGroupSize), launch.Samples, scratch, launch.Ints, records, sync, lookBack);
        _launchers.WarmUpLaunches++;
        _launchers.SplitCalls++;
    }

    /// <summary>The IIR kernel over rows [<paramref name="first"/>, first + count): the views and offsets shifted to them.</summary>
    private void LaunchIirRows(in StepLaunch launch, in FilterSettings settings, IirPass iir, ArrayView<float> scratch, ArrayView<float> records, ArrayView<long> sync, int first, int count, ref int launchInts, WindowKernel? warmUp, WarmUpShape shape, int groupSize)
    {
        iir.LengthsOffset += first;
        iir.AppliedOffset += first;
        iir.RecordOffset += first * iir.RecordStride;
        ArrayView<float> samples = launch.Samples.SubView((long)first * launch.Pitch, (long)count * launch.Pitch);
        ArrayView<float> padded = scratch.SubView((long)first * iir.ScratchPitch, (long)count * iir.ScratchPitch);
        int groups = count * iir.TilesPerRow;
        if (shape.Centred)
        {
            // Zero phase in one launch. Where groups run one after another (ILGPU's CPU accelerator) it reads a copy of its
            // rows in the scratch, so that no group overwrites what a later one reads (RunZeroPhaseWindow).
            iir.LaunchIntsOffset = launchInts;
            launchInts += 2 * ZeroPhaseModes.Length;
            iir.WindowInputCopied = _launchers.WindowInputCopied ? 1 : 0;
            if (_launchers.WindowInputCopied)
            {
                int capacity = launch.Batch.Capacity;
                for (int row = 0; row < count; row++)
                {
                    ViewCopy.Copy(launch.Stream, samples.SubView((long)row * launch.Pitch, capacity), padded.SubView((long)row * iir.ScratchPitch, capacity));
                }
            }

            warmUp!.Launch(launch.Stream, new KernelConfig(groups, groupSize), launch.Inline, samples, padded, launch.Ints, records, sync, iir);
            _launchers.WarmUpLaunches++;
            return;
        }

        int[] modes = settings.ZeroPhase ? ZeroPhaseModes : CausalModes;
        foreach (int mode in modes)
        {
            iir.LaunchIntsOffset = launchInts; // this launch's epoch and ticket counter (WriteLaunchInts)
            launchInts += 2;
            iir.Mode = mode;
            if (warmUp is null)
            {
                _launchers.Iir(launch.Stream, new KernelConfig(groups, groupSize), samples, padded, launch.Ints, records, sync, iir);
            }
            else
            {
                warmUp.Launch(launch.Stream, new KernelConfig(groups, groupSize), launch.Inline, samples, padded, launch.Ints, records, sync, iir);
            }

            _launchers.WarmUpLaunches += warmUp is null ? 0 : 1;
        }
    }

    /// <summary>
    /// Designs the records of clips [<paramref name="from"/>, <paramref name="to"/>) into the records' buffer, on this
    /// thread or, for a whole call (<paramref name="from"/> 0), one clip per work item on the device's host threads
    /// (records land in a managed buffer: the table is a span, which worker threads cannot hold).
    /// </summary>
    private void DesignClips(PlannedStep step, AudioBatch batch, int stride, int to, bool onHostThreads, int from = 0)
    {
        _step = step;
        _batch = batch;
        _transform = (TTransform)step.Transform;
        _settings = Settings(_transform);
        _stride = stride;
        try
        {
            if (onHostThreads && from == 0)
            {
                _launchers.Designers.For(to, this);
            }
            else
            {
                for (int clip = from; clip < to; clip++)
                {
                    Run(clip, 0);
                }
            }
        }
        finally
        {
            _step = null;
            _batch = null;
            _transform = null;
        }
    }

    /// <summary>The IIR kernel's launches in a call: one per part and pass (forward and backward for zero phase).</summary>
    private int IirLaunches(in FilterSettings settings, AudioBatch batch) => Parts(settings, batch) * (settings.ZeroPhase ? 2 : 1);

    /// <summary>
    /// The parts a host-designed call is filtered in: 1, or when pipelined (Butterworth, designed on the host, at least
    /// <see cref="MinPipelinedClips"/> clips) 2, or 3 for designs of 3 sections or more, whose rows take longer to design
    /// than the kernel takes to filter a row (run 17: ~1.1 us against ~1.4 at B = 128 for the default band filters).
    /// </summary>
    private int Parts(in FilterSettings settings, AudioBatch batch) =>
        settings.Design != FilterDesign.Butterworth || DesignsOnDevice(settings, batch.Rows) || batch.BatchSize < MinPipelinedClips ? 1
            : settings.MaxSections >= 3 ? 3
            : 2;

    /// <summary>
    /// The clip where part <paramref name="part"/> of a call ends. Two parts: the first eighth, then the rest; three: the
    /// first eighth, the next 5/16 (designed while the device filters the first), then the rest, so that each part's
    /// designs take about as long as the device takes to filter the part before.
    /// </summary>
    private int PartEnd(in FilterSettings settings, AudioBatch batch, int part)
    {
        int clips = batch.BatchSize;
        int parts = Parts(settings, batch);
        int eighth = Math.Max(1, clips / 8);
        return part + 1 >= parts ? clips
            : part == 0 ? eighth
            : Math.Min(clips - 1, eighth + (5 * clips / 16));
    }


    /// <summary>
    /// Whether the call's rows are designed on the device: where it can (<see cref="FilterLaunchers.DeviceDesign"/>),
    /// for calls of more than <see cref="FilterLaunchers.HostDesignRows"/> rows, and for windowed sinc up to
    /// <see cref="FirDesignKernel.MaxTaps"/> taps.
    /// </summary>
    private bool DesignsOnDevice(in FilterSettings settings, int rows) =>
        _launchers.DeviceDesign && rows > _launchers.HostDesignRows
        && (settings.Design == FilterDesign.Butterworth || settings.FirTaps <= FirDesignKernel.MaxTaps);

    /// <summary>
    /// The rows' inputs for the device's designs, on the calling thread: for <see cref="ButterworthDesignKernel"/> the
    /// order, zero-phase padding and pre-warped edges (<see cref="IirDesignInput"/>, a tangent or two per row), for
    /// <see cref="FirDesignKernel"/> the edges' rotation steps (<see cref="FirDesignInput"/>, a sine and cosine per edge).
    /// Rows not applied are marked so; a row whose clip's previous applied row has the same parameters copies that row's
    /// inputs (the channels of a clip in per-example mode).
    /// </summary>
    private void WriteDesignInputs(PlannedStep<TParams> step, TTransform transform, in FilterSettings settings, AudioBatch batch, Span<float> destination)
    {
        TParams[] parameters = step.Parameters;
        bool[] applied = step.Applied;
        int channels = batch.Channels;
        bool fir = settings.Design == FilterDesign.WindowedSinc;
        int stride = fir ? FirDesignInput.Stride : IirDesignInput.Stride;
        SincRotation window = fir ? SincRotation.Window(settings.FirTaps) : default;
        int previous = -1;
        for (int row = 0; row < batch.Rows; row++)
        {
            Span<float> input = destination.Slice(row * stride, stride);
            if (!applied[row])
            {
                if (fir)
                {
                    FirDesignInput.WriteNone(input);
                }
                else
                {
                    IirDesignInput.WriteNone(input);
                }

                continue;
            }

            if (previous >= 0 && previous / channels == row / channels && Same(parameters[previous], parameters[row]))
            {
                destination.Slice(previous * stride, stride).CopyTo(input);
                continue;
            }

            if (fir)
            {
                SincEdges(transform, parameters[row], batch.SampleRate, out SincEdge upper, out SincEdge lower);
                FirDesignInput.Write(input, upper, lower, window);
            }
            else
            {
                int order = DesignEdges(transform, parameters[row], batch.SampleRate, out double w1, out double w2);
                int padding = settings.ZeroPhase ? FilterRunner.ZeroPhasePadding(FiltFiltTaps(transform, parameters[row]), batch.LengthArray[row / channels]) : 0;
                IirDesignInput.Write(input, order, padding, w1, w2);
            }

            previous = row;
        }
    }

    /// <summary>The transform's design settings.</summary>
    protected abstract FilterSettings Settings(TTransform transform);

    /// <summary>The row's Butterworth sections (the transform's own design function).</summary>
    protected abstract int DesignSections(TTransform transform, in TParams parameters, int sampleRate, Span<BiquadSection> sections);

    /// <summary>Which Butterworth filter the transform designs.</summary>
    protected abstract ButterworthBand Band(TTransform transform);

    /// <summary>The row's Butterworth order and pre-warped edges (the transform's own function).</summary>
    protected abstract int DesignEdges(TTransform transform, in TParams parameters, int sampleRate, out double w1, out double w2);

    /// <summary>scipy's "ntaps" of the row's design, which sets the zero-phase padding.</summary>
    protected abstract int FiltFiltTaps(TTransform transform, in TParams parameters);

    /// <summary>The row's windowed-sinc edges (the transform's own function, matching <see cref="DesignTaps"/>).</summary>
    protected abstract void SincEdges(TTransform transform, in TParams parameters, int sampleRate, out SincEdge upper, out SincEdge lower);

    /// <summary>The row's windowed-sinc taps (the transform's own design function).</summary>
    protected abstract void DesignTaps(TTransform transform, in TParams parameters, int sampleRate, Span<float> taps);

    private static bool Same(in TParams a, in TParams b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<TParams>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<TParams>(in b)));
}
