using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace FastAudiomentations.Gpu;

/// <summary>
/// The GPU backend: batches in device memory, transforms run as ILGPU kernels on one accelerator stream.
/// </summary>
/// <remarks>
/// Every kernel is compiled once, when the device is made (about 150 ms each on CUDA), never per call.
/// Parameter tables, masks and scratch come from a pool the device owns (<see cref="DeviceMemoryPool"/>), so
/// steady-state calls allocate nothing on the host or the GPU. Runs of pointwise steps execute as one fused
/// kernel pass (docs/architecture/fusion.md). <see cref="Transform.Apply"/> returns once the call's work
/// is enqueued (<see cref="Asynchronous"/>, the default), or once the batch is transformed.
/// Like every <see cref="AudioDevice"/>, use it from one thread at a time.
/// </remarks>
public sealed class GpuDevice : AudioDevice
{
    private readonly Context _context;
    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly DeviceMemoryPool _pool;
    private readonly ResidentAudio _resident;
    private readonly HostWorkers _hostWorkers;
    private readonly GpuExecutor _executor;
    private readonly NextCallPlans _nextPlans = new();
    private readonly SideStreamCopy? _sideCopy;

    private GpuDevice(Context context, Accelerator accelerator, GpuBackend backend)
    {
        _context = context;
        _accelerator = accelerator;
        Backend = backend;
        _stream = accelerator.CreateStream();
        _pool = new DeviceMemoryPool(accelerator);
        _resident = new ResidentAudio(accelerator, _stream);
        _hostWorkers = new HostWorkers(Math.Clamp(Environment.ProcessorCount, 1, MaxHostWorkers));
        try
        {
            Kernels = new KernelRegistry(accelerator, _resident, _hostWorkers);
        }
        catch
        {
            _hostWorkers.Dispose();
            _resident.Dispose();
            _pool.Dispose();
            _stream.Dispose();
            throw;
        }

        _sideCopy = SideStreamCopy.TryCreate(accelerator);
        _executor = new GpuExecutor(this) { Asynchronous = ExperimentSwitches.Int("FASTAUG_ASYNC", 1) != 0 };
    }

    /// <summary>
    /// Whether <see cref="Transform.Apply"/> returns as soon as the call's work is enqueued on the device's stream, as a
    /// PyTorch operation does, instead of once the batch is transformed. The host then samples and prepares the next call
    /// while the device runs this one, so back-to-back calls cost the larger of the host's and the device's time instead of
    /// their sum. Reading a batch (<see cref="AudioBatch.ToArrays"/> and the other read-backs), uploading one, disposing
    /// one and <see cref="Synchronize"/> wait for the calls in flight first, so results read are always complete; a call that
    /// throws waits for what it enqueued. Default: on (the environment variable FASTAUG_ASYNC=0 turns it off, e.g. to run
    /// a test suite both ways). On the H100 at batch 1 back-to-back calls cost 6-7 us each for Gain against 11-12 us
    /// synchronous (bench/gpu-notes.md, run 100).
    /// </summary>
    public bool Asynchronous
    {
        get => _executor.Asynchronous;
        set => _executor.Asynchronous = value;
    }

    /// <summary>Waits until every call enqueued on the device (<see cref="Asynchronous"/>) has finished.</summary>
    public void Synchronize()
    {
        Bind();
        _executor.Synchronize();
    }

    /// <summary>Waits the table slots made for calls still in flight (tests, diagnostics).</summary>
    internal long SlotWaits => _executor.SlotWaits;

    /// <summary>Records that the device's stream was just synchronised by its owner (a read-back): no call is in flight.</summary>
    internal void Settled() => _executor.Settled();

    /// <summary>Waits for the calls in flight, if any, before something that needs the batch or the staging idle (read-backs, uploads, frees).</summary>
    internal void Settle()
    {
        if (_executor.InFlight)
        {
            Synchronize();
        }
    }

    /// <summary>Most host threads a device uses for per-call host work (designing filters for a batch).</summary>
    private const int MaxHostWorkers = 16;

    /// <inheritdoc/>
    public override string Name => _accelerator.Name;

    /// <summary>
    /// Device memory, in bytes, for corpus clips kept resident between calls (the noises AddBackgroundNoise mixes in):
    /// each clip is uploaded once and reused while the clips fit. Default 512 MiB. A call whose own clips exceed it
    /// still runs (the buffer grows for it); the next call that misses drops the clips and starts again.
    /// </summary>
    public long ResidentAudioBudgetBytes
    {
        get => _resident.BudgetBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _resident.BudgetBytes = value;
        }
    }

    /// <summary>The kind of accelerator the device runs on.</summary>
    public GpuBackend Backend { get; }

    /// <summary>Device memory in bytes.</summary>
    public long MemoryBytes => _accelerator.MemorySize;

    /// <summary>Streaming multiprocessors (or simulated ones on the CPU accelerator).</summary>
    public int Multiprocessors => _accelerator.NumMultiprocessors;

    /// <summary>
    /// True when <paramref name="transform"/> (a leaf) has a GPU kernel on this device; false when it runs through
    /// the host fallback (the core's CPU path, with the batch copied to the host and back: same results, slow).
    /// </summary>
    public bool RunsNatively(Transform transform)
    {
        ArgumentNullException.ThrowIfNull(transform);
        return Kernels.Supports(transform);
    }

    internal Accelerator Accelerator => _accelerator;

    internal AcceleratorStream Stream => _stream;

    internal DeviceMemoryPool Pool => _pool;

    /// <summary>Copies beside the device's stream (CUDA; null elsewhere): late-prepared parameters go up during the pass before them.</summary>
    internal SideStreamCopy? SideCopy => _sideCopy;

    internal ResidentAudio Resident => _resident;

    internal KernelRegistry Kernels { get; }

    /// <summary>Records device events around each call's kernels (benchmarks only: costs an allocation per call).</summary>
    internal bool TimeKernels
    {
        get => _executor.TimeKernels;
        set => _executor.TimeKernels = value;
    }

    /// <summary>Device time of the last call's kernels, when <see cref="TimeKernels"/> is on.</summary>
    internal TimeSpan LastKernelTime => _executor.LastKernelTime;

    /// <summary>Host time of the last call inside the executor up to the last launch, when <see cref="TimeKernels"/> is on.</summary>
    internal TimeSpan LastHostTime => _executor.LastHostTime;

    /// <summary>Kernel launches made by <see cref="Transform.Apply"/> on this device so far (for fusion tests).</summary>
    internal long Launches => _executor.Launches;

    /// <summary>
    /// Whether a transform that needs a statistic of its input (Normalize's peak, the SNR transforms' energies) and
    /// has no fused pass before it measures it in its own pass (one read of the batch) rather than after a
    /// statistics-only pass (two reads). The single pass makes the blocks of a clip wait for each other, so it is used
    /// only on CUDA and only where all the blocks of a clip fit on the device at once; keep it off when other work
    /// shares the GPU's multiprocessors with this device's kernels (e.g. under MPS). Default: off, because on the
    /// H100 the waiting blocks cost more than the read they save (bench/gpu-notes.md, run 8), except in batches whose
    /// blocks all fit at once (B = 1 or 2 of 5.7 s clips), which take the single pass anyway (run 50). Results are the
    /// same either way (the statistics are combined in the same order).
    /// </summary>
    public bool SinglePassStatistics
    {
        get => _executor.SinglePassStatistics;
        set => _executor.SinglePassStatistics = value;
    }

    /// <summary>Whether single passes whose whole grid fits in half the resident blocks still take tickets (see GpuExecutor.SmallGridTickets).</summary>
    internal bool SmallGridTickets
    {
        get => _executor.SmallGridTickets;
        set => _executor.SmallGridTickets = value;
    }

    /// <summary>Whether single passes that need only the peak fold it with an atomic max (see GpuExecutor.PeakOnly).</summary>
    internal bool PeakOnly
    {
        get => _executor.PeakOnly;
        set => _executor.PeakOnly = value;
    }

    /// <summary>Whether batches whose blocks all fit at once measure in the op's own pass (see GpuExecutor.SmallBatchSinglePass).</summary>
    internal bool SmallBatchSinglePass
    {
        get => _executor.SmallBatchSinglePass;
        set => _executor.SmallBatchSinglePass = value;
    }

    /// <summary>Whether AddBackgroundNoise is prepared while the statistics pass before it runs (see GpuExecutor.LatePreparation).</summary>
    internal bool LatePreparation
    {
        get => _executor.LatePreparation;
        set => _executor.LatePreparation = value;
    }

    /// <summary>Whether calls of fused passes are replayed as CUDA graphs (see GpuExecutor.UseGraphs).</summary>
    internal bool UseGraphs
    {
        get => _executor.UseGraphs;
        set => _executor.UseGraphs = value;
    }

    /// <summary>Calls replayed from a CUDA graph so far.</summary>
    internal long GraphReplays => _executor.GraphReplays;

    /// <summary>Calls captured into a new graph so far.</summary>
    internal long GraphCaptures => _executor.GraphCaptures;

    /// <summary>Whether the next call is planned while the current one runs (see GpuExecutor.PlanAhead).</summary>
    internal bool PlanAhead
    {
        get => _executor.PlanAhead;
        set
        {
            _executor.PlanAhead = value;
            _executor.DropAhead();
        }
    }

    /// <summary>Calls planned ahead so far (see GpuExecutor.PrepareAhead).</summary>
    internal long CallsPlannedAhead => _executor.CallsPlannedAhead;

    /// <summary>Calls that found themselves planned ahead and only launched.</summary>
    internal long PreparedAheadCalls => _executor.PreparedAheadCalls;

    /// <summary>Whether calls planned ahead do their steps' sample-independent work ahead (see GpuExecutor.AheadSteps).</summary>
    internal bool AheadSteps
    {
        get => _executor.AheadSteps;
        set
        {
            _executor.AheadSteps = value;
            _executor.DropAhead();
        }
    }

    /// <summary>Whether synchronous calls do work ahead too (see GpuExecutor.AheadStepsSynchronous).</summary>
    internal bool AheadStepsSynchronous
    {
        get => _executor.AheadStepsSynchronous;
        set => _executor.AheadStepsSynchronous = value;
    }

    /// <summary>Calls whose launches read work done ahead for them (see GpuExecutor.AheadStepCalls).</summary>
    internal long AheadStepCalls => _executor.AheadStepCalls;

    /// <summary>Whether small calls of fused passes pass their table as the kernels' argument (see GpuExecutor.InlineTables).</summary>
    internal bool InlineTables
    {
        get => _executor.InlineTables;
        set => _executor.InlineTables = value;
    }

    /// <summary>Calls whose table travelled as the kernels' argument so far.</summary>
    internal long InlineCalls => _executor.InlineCalls;

    /// <summary>Copies of late-prepared parameters so far.</summary>
    internal long LateCopies => _executor.LateCopies;

    /// <summary>The launches of transforms' own kernels among <see cref="Launches"/> (the rest are fused passes).</summary>
    internal long StepLaunches => _executor.StepLaunches;

    /// <summary>Launches of the one-chunk fused kernel among the fused passes, graph replays aside.</summary>
    internal long OneChunkLaunches => _executor.OneChunkLaunches;

    /// <summary>True when ILGPU finds at least one accelerator of <paramref name="backend"/>.</summary>
    public static bool IsAvailable(GpuBackend backend)
    {
        try
        {
            using Context context = CreateContext(backend);
            return Find(context, backend, 0) is not null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Makes a device on accelerator <paramref name="index"/> of <paramref name="backend"/> and compiles every kernel.
    /// </summary>
    /// <param name="backend">CUDA (default), OpenCL, or ILGPU's CPU accelerator (for tests).</param>
    /// <param name="index">Which device of that kind, from 0.</param>
    /// <exception cref="InvalidOperationException">No such device exists.</exception>
    public static GpuDevice Create(GpuBackend backend = GpuBackend.Cuda, int index = 0)
    {
        if (!Enum.IsDefined(backend))
        {
            throw new ArgumentOutOfRangeException(nameof(backend), backend, "Unknown GPU backend.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Context context = CreateContext(backend);
        try
        {
            Device device = Find(context, backend, index)
                ?? throw new InvalidOperationException($"No {backend} device with index {index} was found (ILGPU saw {context.Devices.Length} device(s)).");
            Accelerator accelerator = device.CreateAccelerator(context);
            try
            {
                return new GpuDevice(context, accelerator, backend);
            }
            catch
            {
                accelerator.Dispose();
                throw;
            }
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>The first CUDA GPU if one is present, else a <see cref="CpuDevice"/> on every core.</summary>
    public static AudioDevice BestOrCpu()
    {
        if (IsAvailable(GpuBackend.Cuda))
        {
            try
            {
                return Create(GpuBackend.Cuda);
            }
            catch (InvalidOperationException)
            {
                // A driver that lists a device but cannot create a context: fall back to the CPU.
            }
        }

        return new CpuDevice();
    }

    internal override BatchStorage CreateStorage(int rows, int capacity) => new GpuStorage(this, rows, capacity);

    /// <inheritdoc/>
    /// <remarks>
    /// Plans the next call ahead (GpuExecutor.PrepareAhead): once a call of kernels alone is enqueued, and before a
    /// synchronous call waits for it, the host samples the pipeline's next call (where this call followed the one before by
    /// a step of the call index or the seed on a batch of the same shape, the same step again: NextCallPlans.Follows) and
    /// plans its table, while the device runs this one. The next call, if it is that one, only launches
    /// (docs/architecture/gpu-memory.md, "Calls planned ahead").
    /// </remarks>
    internal override AugmentationPlan Apply(Transform pipeline, AudioBatch batch, long seed, long call)
    {
        AugmentationPlan? plan = _nextPlans.Take(pipeline, batch, seed, call);
        bool follows = _nextPlans.Follows(pipeline, batch, seed, call, out long nextSeed, out long nextCall);
        if (plan is null)
        {
            plan = PlanFor(pipeline, batch.BatchSize, batch.Channels);
            plan.Sample(batch, seed, call);
        }

        Bind();
        try
        {
            // A call with nothing to do (no step applied) enqueues nothing, and still plans the next.
            bool enqueued = _executor.Enqueue(plan, batch);
            if (follows && _executor.CanPrepareAhead)
            {
                PlanNextCall(pipeline, plan, batch, nextSeed, nextCall);
            }

            if (enqueued)
            {
                _executor.Finish();
            }
        }
        catch
        {
            // Part of the call may be enqueued: let it finish, so that no later call rewrites what it still reads.
            _executor.Synchronize();
            throw;
        }

        return plan;
    }

    /// <summary>Samples and plans call <paramref name="call"/> ahead; an error drops it (the call, if it comes, samples again and reports it).</summary>
    private void PlanNextCall(Transform pipeline, AugmentationPlan current, AudioBatch batch, long seed, long call)
    {
        AugmentationPlan next;
        try
        {
            next = _nextPlans.Sample(pipeline, current, batch, seed, call);
        }
        catch (Exception)
        {
            return;
        }

        _executor.PrepareAhead(next, batch);
    }

    internal override void Execute(AugmentationPlan plan, AudioBatch batch)
    {
        // The executor calls the CUDA driver directly (the table copy, the side stream's events), and the driver acts on
        // the calling thread's current context: a thread that did not create the device has none until bound.
        Bind();
        try
        {
            _executor.Execute(plan, batch);
        }
        catch
        {
            // Part of the call may be enqueued: let it finish, so that no later call rewrites what it still reads.
            _executor.Synchronize();
            throw;
        }
    }

    /// <summary>Makes the device's context current on the calling thread where the driver is called directly (CUDA).</summary>
    private void Bind()
    {
        if (_accelerator.AcceleratorType == AcceleratorType.Cuda)
        {
            _accelerator.Bind();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Settle();
            _executor.Dispose();
            Kernels.Dispose();
            _sideCopy?.Dispose();
            _hostWorkers.Dispose();
            _resident.Dispose();
            _pool.Dispose();
            _stream.Dispose();
            _accelerator.Dispose();
            _context.Dispose();
        }

        base.Dispose(disposing);
    }

    private static Context CreateContext(GpuBackend backend) => Context.Create(builder =>
    {
        _ = backend switch
        {
            GpuBackend.Cuda => builder.Cuda(),
            GpuBackend.OpenCL => builder.OpenCL(),
            _ => builder.CPU(),
        };
        // Fast math: the approximate PTX functions (log2, sin, cos) differ from the CPU's MathF by a few ulp, which the
        // per-transform tolerances allow. Doubles stay doubles (MathMode.Fast, not Fast32BitOnly) so that the Butterworth
        // design kernel designs in double on the device; every other kernel is float end to end, which a PTX audit
        // checks (no f64 instruction outside the design kernel: bench/gpu-notes.md, run 20). FASTAUG_MATH_MODE=0
        // (ExperimentSwitches) builds the old Fast32BitOnly context, to time both.
        MathMode mode = ExperimentSwitches.Int("FASTAUG_MATH_MODE", 1) == 0 ? MathMode.Fast32BitOnly : MathMode.Fast;
        builder.Math(mode).Optimize(OptimizationLevel.O2).Profiling().EnableAlgorithms();
    });

    private static Device? Find(Context context, GpuBackend backend, int index)
    {
        AcceleratorType wanted = backend switch
        {
            GpuBackend.Cuda => AcceleratorType.Cuda,
            GpuBackend.OpenCL => AcceleratorType.OpenCL,
            _ => AcceleratorType.CPU,
        };
        int seen = 0;
        foreach (Device device in context.Devices)
        {
            if (device.AcceleratorType == wanted && seen++ == index)
            {
                return device;
            }
        }

        return null;
    }
}
