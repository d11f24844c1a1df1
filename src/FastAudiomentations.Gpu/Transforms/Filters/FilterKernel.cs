using System.Runtime.InteropServices;
using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Memory;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// The GPU side of a filter transform: designs each applied row's filter on the host with the transform's own
/// design functions (the very code its CPU path runs) into the per-call table, then launches the shared
/// kernels: <see cref="IirCascadeKernel"/> for Butterworth (causal or zero phase), <see cref="FirKernel"/> for
/// windowed sinc.
/// </summary>
/// <remarks>
/// Calls with much to design (FIR taps, large batches) design on the device's host threads
/// (<see cref="FilterLaunchers.Designers"/>), one clip per work item, the rest on the calling thread; the channels of a clip share their parameters in per-example mode, so a row whose parameters
/// equal the clip's previous applied row copies its record instead of designing it again. Records travel with
/// the call's single table upload; the zero-phase scratch and the FIR halo come from the device's memory pool,
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

    private static readonly int[] CausalModes = [IirSignal.Causal];
    private static readonly int[] ZeroPhaseModes = [IirSignal.Forward, IirSignal.Backward];

    private readonly FilterLaunchers _launchers;

    // The call being designed (set by WriteParameters for its work items) and the records' buffer.
    private PlannedStep? _step;
    private AudioBatch? _batch;
    private TTransform? _transform;
    private FilterSettings _settings;
    private int _stride;
    private float[] _records = [];

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
    public void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination)
    {
        var transform = (TTransform)step.Transform;
        int stride = StrideFor(transform);
        int length = step.Applied.Length * stride;
        if (_records.Length < length)
        {
            _records = new float[Math.Max(length, _records.Length + (_records.Length / 2))];
        }

        // One clip per work item on the host threads; records land in a managed buffer (the table is a span,
        // which worker threads cannot hold) and are copied into the table at once.
        _step = step;
        _batch = batch;
        _transform = transform;
        _settings = Settings(transform);
        _stride = stride;
        try
        {
            // Estimated design time on one thread (measured, fully optimised code): ~60 ns per FIR tap; Butterworth
            // ~0.3 us for the first section, ~1.5 us for each further one (ButterworthDesign) and ~0.6 us per
            // section for the record (levels, steady state).
            long perClip = _settings.Design == FilterDesign.WindowedSinc
                ? 60L * _settings.FirTaps
                : 300 + (1500L * (_settings.MaxSections - 1)) + (600L * _settings.MaxSections);
            if (perClip * batch.BatchSize >= FilterLaunchers.ParallelDesignNanoseconds)
            {
                _launchers.Designers.For(batch.BatchSize, this);
            }
            else
            {
                for (int clip = 0; clip < batch.BatchSize; clip++)
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

        _records.AsSpan(0, length).CopyTo(destination);
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
                IirRecord.Write(record, sections[..count], padding);
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

    /// <summary>The halo copy, then the FIR kernel over every tile.</summary>
    private void LaunchFir(in StepLaunch launch, in FilterSettings settings)
    {
        int rows = launch.Batch.Rows;
        int capacity = launch.Batch.Capacity;
        int group = _launchers.FirGroupSize;
        int tileSize = group * FirKernel.OutputsPerThread;
        int tilesPerRow = (capacity + tileSize - 1) / tileSize;
        int taps = settings.FirTaps;
        var pass = new FirPass
        {
            LengthsOffset = launch.LengthsOffset,
            AppliedOffset = launch.AppliedOffset,
            TapsOffset = launch.ParameterOffset,
            Taps = taps,
            Before = settings.ZeroPhase ? taps / 2 : taps - 1,
            Pitch = launch.Pitch,
            TileSize = tileSize,
            TilesPerRow = tilesPerRow,
            Rows = rows,
        };
        long haloFloats = (long)rows * tilesPerRow * (taps - 1);
        ArrayView<float> halo = launch.Pool.DeviceFloats(PoolSlot.MoreScratch, haloFloats);
        int haloGroups = (int)((haloFloats + _launchers.HaloGroupSize - 1) / _launchers.HaloGroupSize);
        _launchers.Halo(launch.Stream, new KernelConfig(haloGroups, _launchers.HaloGroupSize), launch.Samples, halo, launch.Ints, pass);
        _launchers.Fir(launch.Stream, new KernelConfig(rows * tilesPerRow, group), launch.Samples, halo, launch.Ints, launch.Floats, pass);
    }

    /// <summary>The IIR kernel over every tile: one launch, or forward and backward for zero phase.</summary>
    private void LaunchIir(in StepLaunch launch, in FilterSettings settings)
    {
        int rows = launch.Batch.Rows;
        int capacity = launch.Batch.Capacity;
        int group = _launchers.IirGroupSize;
        int tileSize = group * IirCascadeKernel.ChunkLength;
        int longest = settings.ZeroPhase ? capacity + (2 * MaxPadding) : capacity;
        int tilesPerRow = Math.Max(1, (longest + tileSize - 1) / tileSize);
        int scratchPitch = settings.ZeroPhase ? (longest + GpuStorage.PitchAlignment - 1) / GpuStorage.PitchAlignment * GpuStorage.PitchAlignment : 1;
        ArrayView<float> scratch = launch.Pool.DeviceFloats(PoolSlot.Scratch, (long)rows * scratchPitch);
        int syncSections = settings.MaxSections;
        ArrayView<long> sync = launch.Pool.SyncInts(launch.Stream, 2L * rows * tilesPerRow * syncSections * IirCascadeKernel.SlotWords).Cast<long>();
        var iir = new IirPass
        {
            LengthsOffset = launch.LengthsOffset,
            AppliedOffset = launch.AppliedOffset,
            RecordOffset = launch.ParameterOffset,
            RecordStride = launch.ParameterStride,
            Pitch = launch.Pitch,
            ScratchPitch = scratchPitch,
            TilesPerRow = tilesPerRow,
            SyncSections = syncSections,
            AggregatesOnly = _launchers.AggregatesOnly ? 1 : 0,
        };
        int groups = rows * tilesPerRow;
        int[] modes = settings.ZeroPhase ? ZeroPhaseModes : CausalModes;
        foreach (int mode in modes)
        {
            (iir.Epoch, iir.TicketBase) = _launchers.NextIirLaunch(groups);
            iir.Mode = mode;
            _launchers.Iir(launch.Stream, new KernelConfig(groups, group), launch.Samples, scratch, launch.Ints, launch.Floats, sync, _launchers.Tickets, iir);
        }
    }

    /// <summary>The transform's design settings.</summary>
    protected abstract FilterSettings Settings(TTransform transform);

    /// <summary>The row's Butterworth sections (the transform's own design function).</summary>
    protected abstract int DesignSections(TTransform transform, in TParams parameters, int sampleRate, Span<BiquadSection> sections);

    /// <summary>scipy's "ntaps" of the row's design, which sets the zero-phase padding.</summary>
    protected abstract int FiltFiltTaps(TTransform transform, in TParams parameters);

    /// <summary>The row's windowed-sinc taps (the transform's own design function).</summary>
    protected abstract void DesignTaps(TTransform transform, in TParams parameters, int sampleRate, Span<float> taps);

    private static bool Same(in TParams a, in TParams b) =>
        MemoryMarshal.AsBytes(new ReadOnlySpan<TParams>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<TParams>(in b)));
}
