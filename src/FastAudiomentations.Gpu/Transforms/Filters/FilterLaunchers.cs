using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Execution;
using ILGPU;
using ILGPU.Runtime;

// An IIR kernel (samples, zero-phase scratch, integer table, float table, look-back slots, arguments) and its launch.
using IirLauncher = System.Action<ILGPU.Runtime.AcceleratorStream, ILGPU.KernelConfig, ILGPU.ArrayView<float>, ILGPU.ArrayView<float>, ILGPU.ArrayView<int>, ILGPU.ArrayView<float>, ILGPU.ArrayView<long>, FastAudiomentations.Gpu.Transforms.Filters.IirPass>;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// The filter kernels of one device, compiled once and shared by the four filter transforms' kernels, with the
/// IIR kernel's launch epochs.
/// </summary>
internal sealed class FilterLaunchers : IDisposable
{
    /// <summary>
    /// Calls whose rows would take longer than this to design on one thread (estimated) use the device's host
    /// threads: handing work to them costs tens of microseconds per call, more than small designs take. 40 us: a 101-tap
    /// FIR at B = 128 (estimated 78 us, 120-140 us on the H100's host) took 74-90 us of host time on the workers against
    /// 124-143 on one thread (bench/gpu-notes.md, run 50); at B = 64 the two were within the host's noise.
    /// </summary>
    public const long DefaultParallelDesignNanoseconds = 40_000;

    /// <summary>
    /// Where the device can design (<see cref="DeviceDesign"/>), calls of up to this many rows design their Butterworth
    /// records or windowed-sinc taps on the host (the same core code) and upload them; larger calls upload each row's
    /// edges and design on the device (<see cref="ButterworthDesignKernel"/>, <see cref="FirDesignKernel"/>): a launch
    /// costs the host about as much as designing one or two rows, and the device waits for it.
    /// </summary>
    public const int DefaultHostDesignRows = 2;

    private readonly int _warpSize;
    private readonly int _maxIirGroupSize;
    private readonly int _maxFirGroupSize;
    private readonly MemoryBuffer1D<double, Stride1D.Dense>? _prototypes;
    private readonly IirLauncher _general;
    private readonly IirLauncher _causal;
    private readonly IirLauncher _causalZeroPhase; // the causal kernel compiled for zero phase's passes (IirCascadeKernel.ZeroPhasePass)
    // The warm-up kernel by group size: 128 and 256 on CUDA, the largest IIR group elsewhere (FASTAUG_IIR_WARMUP_GROUP
    // keeps one). And the shapes a call may take, in the order tried: a call takes the first whose reach holds its
    // warm-up. On CUDA windows of 4,096 in halves (reach 2,048), then windows of 8,192 in halves, quarters and eighths
    // (reach 4,096, 6,144, 7,168): the smaller window first spreads a clip over twice the multiprocessors, each with half
    // the warps (-0.4 us of kernel at B = 1, bench/gpu-notes.md run 111); finer parts reach further for more groups.
    private readonly (int Size, WindowKernel Kernel, WindowKernel ZeroPhase)[] _warmUps;
    private readonly WarmUpShape[] _warmUpShapes;

    // MaxFittingReach's last question and answer.
    private int _reachRows = -1, _reachCapacity = -1, _reachParts = -1, _reach;
    // Zero phase in one launch (RunZeroPhaseWindow) by group size, and its centred shapes in the order tried: windows of
    // 4,096 in quarters (reach 1,024), then of 8,192 in quarters and eighths (2,048 and 3,072); the eighths filter each
    // sample written four times each way, the quarters twice (bench/gpu-notes.md, run 132).
    private readonly (int Size, WindowKernel Kernel)[] _windows;
    private readonly WarmUpShape[] _windowShapes;
    private readonly Dictionary<WindowKernel, int> _residentGroups = []; // per warm-up and window kernel, counted at first use
    private readonly Accelerator _accelerator;
    private int _epoch;
    private int _residentFirGroups = -1; // for FirGroupSize; -1: not counted yet
    private int _residentIirGroups = -1; // -1: not counted yet

    /// <summary>Compiles the kernels on <paramref name="accelerator"/>; rows are designed on <paramref name="designers"/> when a call has much to design.</summary>
    public FilterLaunchers(Accelerator accelerator, HostWorkers designers)
    {
        Designers = designers;
        _warpSize = accelerator.WarpSize;
        _maxIirGroupSize = IirCascadeKernel.GroupSize(accelerator.MaxNumThreadsPerGroup, accelerator.WarpSize);
        _maxFirGroupSize = FirKernel.GroupSize(accelerator.MaxNumThreadsPerGroup);
        IirGroupSize = _maxIirGroupSize;
        FirGroupSize = _maxFirGroupSize;
        PrepareGroupSize = Math.Min(FirKernel.PrepareGroupSize, accelerator.MaxNumThreadsPerGroup);
        _general = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass>(
            IirCascadeKernel.Run, IirSpecialization(accelerator));
        _causal = LoadCausal<IirCascadeKernel.CausalPass>(accelerator, _maxIirGroupSize, _warpSize) ?? _general;
        _causalZeroPhase = LoadCausal<IirCascadeKernel.ZeroPhasePass>(accelerator, _maxIirGroupSize, _warpSize) ?? _general;
        CausalKernel = ExperimentSwitches.Int("FASTAUG_IIR_GENERAL_CAUSAL", 0) == 0;
        int[] warmUpGroups = accelerator.AcceleratorType == AcceleratorType.Cuda
            ? ExperimentSwitches.Int("FASTAUG_IIR_WARMUP_GROUP", 0) is int only && only > 0 ? [only] : [128, 256]
            : [_maxIirGroupSize];
        var warmUps = new List<(int Size, WindowKernel Kernel, WindowKernel ZeroPhase)>();
        foreach (int size in warmUpGroups)
        {
            if (LoadWarmUp<IirCascadeKernel.CausalPass>(accelerator, size, _warpSize) is WindowKernel kernel
                && LoadWarmUp<IirCascadeKernel.ZeroPhasePass>(accelerator, size, _warpSize) is WindowKernel zeroPhase)
            {
                warmUps.Add((size, kernel, zeroPhase));
            }
        }

        _warmUps = [.. warmUps];
        var shapes = new List<WarmUpShape>();
        foreach ((int size, _, _) in _warmUps)
        {
            // Every size in halves; the largest also in quarters and eighths.
            for (int parts = 2; parts <= 8 && (parts == 2 || size == _warmUps[^1].Size); parts *= 2)
            {
                shapes.Add(new WarmUpShape(size, parts));
            }
        }

        _warmUpShapes = [.. shapes.OrderBy(shape => shape.Reach)];
        var windows = new List<(int Size, WindowKernel Kernel)>();
        foreach (int size in warmUpGroups)
        {
            if (LoadZeroPhaseWindow(accelerator, size, _warpSize) is WindowKernel kernel)
            {
                windows.Add((size, kernel));
            }
        }

        _windows = [.. windows];
        _windowShapes = [.. _windows.SelectMany(k => k.Size == _windows[^1].Size
            ? new[] { new WarmUpShape(k.Size, 4, Centred: true), new WarmUpShape(k.Size, 8, Centred: true) }
            : [new WarmUpShape(k.Size, 4, Centred: true)]).OrderBy(shape => shape.Reach)];
        ZeroPhaseWindows = _windows.Length > 0 && ExperimentSwitches.Int("FASTAUG_IIR_ZERO_PHASE_WINDOW", 1) != 0;
        WarmUpParts = ExperimentSwitches.Int("FASTAUG_IIR_WARMUP_PARTS", 0);
        WarmUps = _warmUps.Length > 0 && ExperimentSwitches.Int("FASTAUG_IIR_WARMUP", 1) != 0;
        Iir = LaunchIir;
        Fir = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, FirPass>(FirKernel.Run);
        _accelerator = accelerator;
        Halo = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, FirPass>(FirKernel.Halo);
        // The design kernel needs 64-bit float arithmetic: the device's context runs MathMode.Fast (doubles stay
        // doubles; every other kernel is float end to end, bench/gpu-notes.md run 20). Under MathMode.Fast32BitOnly
        // (FASTAUG_MATH_MODE=0) ILGPU lowers every double to float and this kernel's PTX fails to load (filters run 4),
        // so rows are then designed on the host. The CPU accelerator runs the IL as it is, in double.
        DeviceDesign = accelerator.AcceleratorType == AcceleratorType.CPU || accelerator.Context.Properties.MathMode != MathMode.Fast32BitOnly;
        if (DeviceDesign)
        {
            Design = accelerator.LoadKernel<ArrayView<float>, ArrayView<double>, ArrayView<float>, ButterworthDesignPass>(ButterworthDesignKernel.Run);
            FirPrepare = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, FirPass, FirDesignPass>(FirKernel.Prepare);
            _prototypes = accelerator.Allocate1D(ButterworthDesign.PrototypeTable);
        }

        HostDesignRows = DeviceDesign ? ExperimentSwitches.Int("FASTAUG_FILTER_HOST_DESIGN_ROWS", DefaultHostDesignRows) : DefaultHostDesignRows;
        ParallelDesignNanoseconds = ExperimentSwitches.Long("FASTAUG_FILTER_PARALLEL_DESIGN_NS", DefaultParallelDesignNanoseconds);
    }

    /// <summary>
    /// The device's host threads, which design the rows' filters in parallel (one clip per work item) when a call
    /// has much to design: a Butterworth record costs 0.2-1 us per row (1-4 sections) and a 101-tap windowed sinc about 0.6 us (development machine).
    /// </summary>
    public HostWorkers Designers { get; }

    /// <summary>Threads per group of the IIR kernel (one group per row); benchmarks may lower it to compare.</summary>
    public int IirGroupSize
    {
        get;
        set
        {
            // A power of two of whole warps, within what the kernel and the accelerator allow.
            if (value < _warpSize || value > _maxIirGroupSize || (value & (value - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The IIR group size must be a power of two in [{_warpSize}, {_maxIirGroupSize}].");
            }

            field = value;
        }
    }

    /// <summary>Threads per group of the FIR kernel (outputs per group: 8 per thread); benchmarks may lower it to compare.</summary>
    public int FirGroupSize
    {
        get;
        set
        {
            if (value < 1 || value > _maxFirGroupSize || (value & (value - 1)) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The FIR group size must be a power of two in [1, {_maxFirGroupSize}].");
            }

            field = value;
            _residentFirGroups = -1;
        }
    }

    /// <summary>
    /// Whether a FIR launch of <paramref name="groups"/> groups skips the halo copy (<see cref="FirPass.Handshake"/>): on
    /// CUDA, where they fit in half the groups the device holds at once (so every tile a tile waits for is resident, as
    /// the single-pass statistics' blocks); never on ILGPU's CPU accelerator, which runs groups one after another. The
    /// environment variable FASTAUG_FIR_HANDSHAKE=0 turns it off, to time both.
    /// </summary>
    public bool FirHandshake(long groups)
    {
        if (!FirHandshakes)
        {
            return false;
        }

        if (_residentFirGroups < 0 && _accelerator.AcceleratorType == AcceleratorType.Cuda)
        {
            _residentFirGroups = KernelRegistry.CountResidentBlocks(_accelerator, Fir, FirGroupSize);
        }

        return FitInHalf(groups, _residentFirGroups);
    }

    /// <summary>
    /// Whether an IIR launch of <paramref name="groups"/> groups takes its tiles by grid index (<see cref="IirPass.Resident"/>):
    /// on CUDA, where they fit in half the groups the device holds at once (every tile a look-back waits for is then
    /// resident, as for <see cref="FirHandshake"/>); never on ILGPU's CPU accelerator, which runs groups one after
    /// another. The environment variable FASTAUG_IIR_RESIDENT=0 turns it off, to time both.
    /// </summary>
    public bool IirResident(long groups)
    {
        if (!IirResidentTiles)
        {
            return false;
        }

        if (_residentIirGroups < 0 && _accelerator.AcceleratorType == AcceleratorType.Cuda)
        {
            _residentIirGroups = Math.Min(
                KernelRegistry.CountResidentBlocks(_accelerator, _general, _maxIirGroupSize),
                Math.Min(KernelRegistry.CountResidentBlocks(_accelerator, _causal, _maxIirGroupSize), KernelRegistry.CountResidentBlocks(_accelerator, _causalZeroPhase, _maxIirGroupSize)));
        }

        return FitInHalf(groups, _residentIirGroups);
    }

    /// <summary>
    /// Whether <paramref name="groups"/> groups fit in half of the <paramref name="resident"/> the device holds at once (so
    /// every group one waits for runs beside it); false off CUDA, where the count stays uncounted (-1): ILGPU's CPU
    /// accelerator runs groups one after another.
    /// </summary>
    private bool FitInHalf(long groups, int resident) =>
        _accelerator.AcceleratorType == AcceleratorType.Cuda && resident >= 0 && groups <= resident / 2;

    /// <summary>Whether small IIR grids take their tiles by grid index (<see cref="IirResident"/>); tests turn it off to compare.</summary>
    public bool IirResidentTiles { get; set; } = ExperimentSwitches.Int("FASTAUG_IIR_RESIDENT", 1) != 0;

    /// <summary>
    /// Whether the causal kernel loads a tile before learning whether its row applies (<see cref="IirPass.LoadFirst"/>):
    /// for resident grids (small, where a row that does not apply costs little), and always on ILGPU's CPU accelerator
    /// so that the tests run that order.
    /// </summary>
    public bool IirLoadFirst(bool resident) => resident || _accelerator.AcceleratorType == AcceleratorType.CPU;

    /// <summary>Whether small FIR grids may skip the halo copy (<see cref="FirHandshake"/>); tests turn it off to compare.</summary>
    public bool FirHandshakes { get; set; } = ExperimentSwitches.Int("FASTAUG_FIR_HANDSHAKE", 1) != 0;

    /// <summary>Threads per group of the FIR's halo copy and designs (<see cref="Halo"/>, <see cref="FirPrepare"/>).</summary>
    public int PrepareGroupSize { get; }

    /// <summary>
    /// The IIR launch (samples, zero-phase scratch, integer table, float table, look-back slots,
    /// arguments): <see cref="IirCascadeKernel.RunCausal{TGroup, TKind}"/> for passes (causal, zero phase) in groups of the largest size
    /// (with <see cref="CausalKernel"/>), <see cref="IirCascadeKernel.Run"/> for the rest.
    /// </summary>
    public IirLauncher Iir { get; }

    /// <summary>
    /// Whether passes (causal and zero phase) take <see cref="IirCascadeKernel.RunCausal{TGroup, TKind}"/> (default; the environment variable
    /// FASTAUG_IIR_GENERAL_CAUSAL=1 clears it, so that a benchmark times the general kernel beside it and tests run both).
    /// </summary>
    public bool CausalKernel { get; set; }

    /// <summary>The most rows a warm-up launch filters: batch 1, mono or stereo, where the look-back's latency is the call's time.</summary>
    public const int MaxWarmUpRows = 2;

    /// <summary>The most warm-up a warm-up launch holds: the largest reach.</summary>
    public int MaxWarmUp => _warmUpShapes.Length == 0 ? 0 : _warmUpShapes[^1].Reach;

    /// <summary>
    /// 0: calls take any warm-up shape; N: only shapes of N parts per window, causal or centred (tests and benchmarks
    /// compare them; FASTAUG_IIR_WARMUP_PARTS sets it).
    /// </summary>
    public int WarmUpParts { get; set; }

    /// <summary>
    /// The first warm-up shape whose reach holds <paramref name="warmUp"/> samples and whose launch for
    /// <paramref name="rows"/> rows of up to <paramref name="capacity"/> samples fits in half the groups the device holds at
    /// once (so every group a group waits for runs beside it, as for <see cref="IirResident"/>), or the empty shape (the
    /// look-back) when none does. <paramref name="zeroPhase"/>: for zero phase's two passes, whose kernel (compiled apart)
    /// sets how many groups the device holds.
    /// </summary>
    public WarmUpShape WarmUpShapeFor(float warmUp, int rows, int capacity, bool zeroPhase = false) =>
        FirstShape(_warmUpShapes, warmUp, rows, capacity, zeroPhase);

    /// <summary>
    /// The first centred shape (zero phase in one launch, <see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>) whose
    /// reach holds <paramref name="warmUp"/> samples on both sides and whose launch for <paramref name="rows"/> rows of up to
    /// <paramref name="capacity"/> padded samples fits in half the groups the device holds at once (as
    /// <see cref="WarmUpShapeFor"/>), or the empty shape.
    /// </summary>
    public WarmUpShape ZeroPhaseWindowFor(float warmUp, int rows, int capacity) =>
        FirstShape(_windowShapes, warmUp, rows, capacity, zeroPhase: true);

    /// <summary>
    /// The longest reach of a causal warm-up shape whose launch for <paramref name="rows"/> rows of up to
    /// <paramref name="capacity"/> samples fits (as <see cref="WarmUpShapeFor"/> asks), 0 where none does: the most a
    /// split row's prefix may take to settle (<see cref="IirRecord.Write"/>).
    /// </summary>
    /// <remarks>Asked twice a call at batch 1 (its launch integers, its designs): the last answer is kept, since walking the shapes cost ~0.5 us of the call's host time (run 181).</remarks>
    public int MaxFittingReach(int rows, int capacity)
    {
        if (rows == _reachRows && capacity == _reachCapacity && WarmUpParts == _reachParts)
        {
            return _reach;
        }

        int reach = 0;
        foreach (WarmUpShape shape in _warmUpShapes)
        {
            if ((WarmUpParts == 0 || shape.Parts == WarmUpParts) && WarmUpFits(WarmUp(shape, zeroPhase: false), shape, (long)rows * shape.GroupsPerRow(capacity)))
            {
                reach = Math.Max(reach, shape.Reach);
            }
        }

        (_reachRows, _reachCapacity, _reachParts, _reach) = (rows, capacity, WarmUpParts, reach);
        return reach;
    }

    /// <summary>The first of <paramref name="shapes"/> (in the order tried) that holds the warm-up, has the parts asked for (<see cref="WarmUpParts"/>) and fits; the empty shape where none does.</summary>
    private WarmUpShape FirstShape(WarmUpShape[] shapes, float warmUp, int rows, int capacity, bool zeroPhase)
    {
        foreach (WarmUpShape shape in shapes)
        {
            if (warmUp <= shape.Reach && (WarmUpParts == 0 || shape.Parts == WarmUpParts) && WarmUpFits(WarmUp(shape, zeroPhase), shape, (long)rows * shape.GroupsPerRow(capacity)))
            {
                return shape;
            }
        }

        return default;
    }

    /// <summary>Whether a launch of <paramref name="groups"/> groups of <paramref name="kernel"/> in <paramref name="shape"/> fits in half the groups the device holds at once; always on ILGPU's CPU accelerator, which runs groups one after another in grid order.</summary>
    private bool WarmUpFits(WindowKernel kernel, WarmUpShape shape, long groups)
    {
        if (_accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return true;
        }

        if (!_residentGroups.TryGetValue(kernel, out int resident))
        {
            resident = KernelRegistry.CountResidentBlocks(_accelerator, kernel.Copied, shape.GroupSize);
            _residentGroups[kernel] = resident;
        }

        return FitInHalf(groups, resident);
    }

    /// <summary>
    /// The kernel of <paramref name="shape"/> (one <see cref="WarmUpShapeFor"/> or <see cref="ZeroPhaseWindowFor"/> gave):
    /// the zero-phase window kernel for a centred shape, else the warm-up kernel compiled for causal passes or for zero
    /// phase's (<paramref name="zeroPhase"/>).
    /// </summary>
    public WindowKernel WarmUp(WarmUpShape shape, bool zeroPhase)
    {
        // Loops rather than Array.Find: a lambda over the shape would allocate its closure on every call (batch-1 calls ask
        // this for each shape they try).
        if (shape.Centred)
        {
            foreach ((int size, WindowKernel kernel) in _windows)
            {
                if (size == shape.GroupSize)
                {
                    return kernel;
                }
            }
        }
        else
        {
            foreach ((int size, WindowKernel kernel, WindowKernel zeroPhaseKernel) in _warmUps)
            {
                if (size == shape.GroupSize)
                {
                    return zeroPhase ? zeroPhaseKernel : kernel;
                }
            }
        }

        throw new ArgumentException($"No windowed kernel was compiled for groups of {shape.GroupSize} threads.", nameof(shape));
    }

    /// <summary>
    /// Whether zero-phase calls of up to <see cref="MaxWarmUpRows"/> host-designed rows whose warm-ups fit a centred
    /// window's reach take both passes in one launch (<see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>) instead of
    /// two warm-up launches (on by default, FASTAUG_IIR_ZERO_PHASE_WINDOW=0 turns it off to time both; tests switch it).
    /// </summary>
    public bool ZeroPhaseWindows { get; set; }

    /// <summary>
    /// Whether a zero-phase window launch reads a copy of its rows (<see cref="IirPass.WindowInputCopied"/>): on ILGPU's CPU
    /// accelerator, which runs groups one after another, so that the in-place hand-over could not serve groups on both
    /// sides of a part.
    /// </summary>
    public bool WindowInputCopied => _accelerator.AcceleratorType != AcceleratorType.Cuda;

    /// <summary>
    /// Whether calls (causal or zero phase) of up to <see cref="MaxWarmUpRows"/> host-designed rows whose warm-ups
    /// (<see cref="IirRecord.WarmUpOffset"/>) fit a window's reach (<see cref="MaxWarmUp"/>) take the warm-up
    /// kernel instead of the look-back (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>; on by default,
    /// FASTAUG_IIR_WARMUP=0 turns it off to time both; tests switch it).
    /// </summary>
    public bool WarmUps { get; set; }

    /// <summary>
    /// Whether a causal call of one host-designed row whose cascade settles too slowly for a window splits it: the first
    /// sections (those that settle within a window on their own) in a warm-up launch, the rest in the look-back after it
    /// (<see cref="IirRecord.Write"/>; on by default, FASTAUG_IIR_SPLIT=0 turns it off to time both; tests switch it).
    /// </summary>
    public bool SplitLookBacks { get; set; } = ExperimentSwitches.Int("FASTAUG_IIR_SPLIT", 1) != 0;

    /// <summary>Split calls enqueued so far (tests: which launches a call took).</summary>
    public long SplitCalls { get; set; }

    /// <summary>Warm-up launches enqueued so far (tests: which kernel a call took).</summary>
    public long WarmUpLaunches { get; set; }

    /// <summary>Test switch: look-backs walk through aggregates to each row's first tile (<see cref="IirPass.AggregatesOnly"/>).</summary>
    public bool AggregatesOnly { get; set; }

    /// <summary>Takes the next IIR launch's epoch: its look-back flags' tag, new for every launch.</summary>
    public int NextEpoch()
    {
        // Epochs stay positive (a fresh slot buffer is all zeros).
        _epoch = _epoch == int.MaxValue ? 1 : _epoch + 1;
        return _epoch;
    }

    /// <summary><see cref="FirKernel.Run"/>: samples, halo copy, integer table, float table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, FirPass> Fir { get; }

    /// <summary><see cref="FirKernel.Halo"/>: samples, halo copy, integer table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, FirPass> Halo { get; }

    /// <summary>Whether rows can be designed on the device: 64-bit float arithmetic in kernels (see the constructor).</summary>
    public bool DeviceDesign { get; }

    /// <summary><see cref="ButterworthDesignKernel.Run"/>: float table, prototype poles, records, arguments (null without <see cref="DeviceDesign"/>).</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<double>, ArrayView<float>, ButterworthDesignPass>? Design { get; }

    /// <summary>
    /// <see cref="FirKernel.Prepare"/>: samples, halo copy, integer table, float table, taps, arguments, design arguments
    /// (null without <see cref="DeviceDesign"/>); in groups of <see cref="PrepareGroupSize"/>.
    /// </summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, FirPass, FirDesignPass>? FirPrepare { get; }

    /// <summary>The prototype poles on the device (<see cref="ButterworthDesign.PrototypeTable"/>, uploaded once; empty without <see cref="DeviceDesign"/>).</summary>
    public ArrayView<double> Prototypes => _prototypes?.View ?? default;

    /// <summary>
    /// With <see cref="DeviceDesign"/>, calls of up to this many rows design on the host (<see cref="DefaultHostDesignRows"/>,
    /// Butterworth records and windowed-sinc taps alike;
    /// the environment variable FASTAUG_FILTER_HOST_DESIGN_ROWS overrides it for benchmarks); tests set 0 or
    /// int.MaxValue to force one path. Without it every call designs on the host.
    /// </summary>
    public int HostDesignRows { get; set; }

    /// <summary>
    /// Host designs estimated to take longer than this on one thread run on <see cref="Designers"/>
    /// (<see cref="DefaultParallelDesignNanoseconds"/>; the environment variable FASTAUG_FILTER_PARALLEL_DESIGN_NS
    /// overrides it for benchmarks).
    /// </summary>
    public long ParallelDesignNanoseconds { get; set; }

    /// <summary>
    /// The causal kernel for groups of <paramref name="groupSize"/> threads in warps of <paramref name="warpSize"/>: the
    /// shapes it is compiled for (CUDA's, the CPU accelerator's), null for any other.
    /// </summary>
    private static IirLauncher? LoadCausal<TKind>(Accelerator accelerator, int groupSize, int warpSize)
        where TKind : struct, IirCascadeKernel.IPassKind
    {
        KernelSpecialization bounds = IirSpecialization(accelerator);
        return (groupSize, warpSize) switch
        {
            (256, 32) => accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass>(IirCascadeKernel.RunCausal<IirCascadeKernel.GroupOf256, TKind>, bounds),
            (16, 4) => accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass>(IirCascadeKernel.RunCausal<IirCascadeKernel.GroupOf16, TKind>, bounds),
            _ => null,
        };
    }

    /// <summary>The warm-up kernel for groups of <paramref name="groupSize"/> threads in warps of <paramref name="warpSize"/> (256 or 128 in warps of 32: CUDA; 16 in warps of 4: ILGPU's CPU accelerator), or null for a shape it is not compiled for.</summary>
    private static WindowKernel? LoadWarmUp<TKind>(Accelerator accelerator, int groupSize, int warpSize)
        where TKind : struct, IirCascadeKernel.IPassKind => (groupSize, warpSize) switch
        {
            (256, 32) => WindowKernel.Load(accelerator, IirCascadeKernel.RunWarmUp<CopiedTable, IirCascadeKernel.GroupOf256, TKind>, IirCascadeKernel.RunWarmUp<InlineTable, IirCascadeKernel.GroupOf256, TKind>),
            (128, 32) => WindowKernel.Load(accelerator, IirCascadeKernel.RunWarmUp<CopiedTable, IirCascadeKernel.GroupOf128, TKind>, IirCascadeKernel.RunWarmUp<InlineTable, IirCascadeKernel.GroupOf128, TKind>),
            (16, 4) => WindowKernel.Load(accelerator, IirCascadeKernel.RunWarmUp<CopiedTable, IirCascadeKernel.GroupOf16, TKind>, IirCascadeKernel.RunWarmUp<InlineTable, IirCascadeKernel.GroupOf16, TKind>),
            _ => null,
        };

    /// <summary>The zero-phase window kernel for groups of <paramref name="groupSize"/> threads in warps of <paramref name="warpSize"/> (as <see cref="LoadWarmUp{TKind}"/>), or null for a shape it is not compiled for.</summary>
    private static WindowKernel? LoadZeroPhaseWindow(Accelerator accelerator, int groupSize, int warpSize) => (groupSize, warpSize) switch
    {
        (256, 32) => WindowKernel.Load(accelerator, IirCascadeKernel.RunZeroPhaseWindow<CopiedTable, IirCascadeKernel.GroupOf256>, IirCascadeKernel.RunZeroPhaseWindow<InlineTable, IirCascadeKernel.GroupOf256>),
        (128, 32) => WindowKernel.Load(accelerator, IirCascadeKernel.RunZeroPhaseWindow<CopiedTable, IirCascadeKernel.GroupOf128>, IirCascadeKernel.RunZeroPhaseWindow<InlineTable, IirCascadeKernel.GroupOf128>),
        (16, 4) => WindowKernel.Load(accelerator, IirCascadeKernel.RunZeroPhaseWindow<CopiedTable, IirCascadeKernel.GroupOf16>, IirCascadeKernel.RunZeroPhaseWindow<InlineTable, IirCascadeKernel.GroupOf16>),
        _ => null,
    };

    /// <summary>Launches the causal kernel where it applies (a pass, causal or zero phase, in groups of its size), else the general one.</summary>
    private void LaunchIir(AcceleratorStream stream, KernelConfig config, ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
    {
        IirLauncher kernel = !CausalKernel || config.GroupDim.X != _maxIirGroupSize ? _general
            : pass.Mode == IirSignal.Causal ? _causal : _causalZeroPhase;
        kernel(stream, config, samples, scratch, ints, floats, sync, pass);
    }

    /// <summary>
    /// Launch bounds for the IIR kernel on CUDA: at most <see cref="IirCascadeKernel.MaxGroupSize"/> threads a group
    /// and <see cref="IirCascadeKernel.MinGroupsPerMultiprocessor"/> groups resident per multiprocessor, so that a
    /// change which needs more registers spills a few (measured cheaper) rather than silently halving the groups
    /// in flight (bench/gpu-notes.md, IIR throughput runs 1-2). Other accelerators take no specialization.
    /// </summary>
    private static KernelSpecialization IirSpecialization(Accelerator accelerator) =>
        accelerator.AcceleratorType == AcceleratorType.Cuda
            ? new KernelSpecialization(IirCascadeKernel.MaxGroupSize, IirCascadeKernel.MinGroupsPerMultiprocessor)
            : KernelSpecialization.Empty;

    /// <inheritdoc/>
    public void Dispose()
    {
        _prototypes?.Dispose();
    }
}
