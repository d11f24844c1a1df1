using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Gpu.Transforms.Amplitude;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Transforms.Noise;
using FastAudiomentations.Gpu.Transforms.Time;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Every kernel of one device, compiled once when the device is made: the fused pointwise kernel and each
/// transform's own kernels, found by the transform's type.
/// </summary>
internal sealed class KernelRegistry : IDisposable
{
    private readonly Dictionary<Type, TransformKernel> _byTransform = [];

    /// <summary>Compiles every kernel on <paramref name="accelerator"/>.</summary>
    /// <param name="accelerator">The device's accelerator.</param>
    /// <param name="resident">Where transforms that mix corpus clips keep them on the device.</param>
    /// <param name="hostWorkers">Host threads for per-call host work (filter designs).</param>
    public KernelRegistry(Accelerator accelerator, ResidentAudio resident, HostWorkers hostWorkers)
    {
        GroupSize = PickGroupSize(accelerator);
        KernelSpecialization fused = Specialization(accelerator, GroupSize, "FASTAUG_MIN_BLOCKS_PER_SM");
        KernelSpecialization measure = Specialization(accelerator, GroupSize, "FASTAUG_MIN_BLOCKS_MEASURE");
        Fused = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, FusedPass>(FusedPointwiseKernel.Run, fused);
        FusedOneChunk = accelerator.LoadKernel<CopiedTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, FusedPass>(FusedPointwiseKernel.RunOneChunk, fused);
        FusedOneChunkInline = accelerator.LoadKernel<InlineTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, FusedPass>(FusedPointwiseKernel.RunOneChunk, fused);
        // The fewer of the two: single-pass statistics passes run on the one-chunk kernel, chunk walks on the other.
        FusedMeasure = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, FusedPass>(FusedPointwiseKernel.Measure, measure);
        ResidentWalkBlocks = CountResidentBlocks(accelerator, Fused, GroupSize);
        ResidentOneChunkBlocks = CountResidentBlocks(accelerator, FusedOneChunk, GroupSize);
        ResidentMeasureBlocks = CountResidentBlocks(accelerator, FusedMeasure, GroupSize);
        ResidentFusedBlocks = Math.Min(ResidentWalkBlocks, ResidentOneChunkBlocks);
        Add(new GainKernel());
        Add(new PolarityInversionKernel());
        Add(new ClipKernel());
        Add(new NormalizeKernel());
        Add(new ReverseKernel(accelerator));
        Add(new AddGaussianNoiseKernel());
        Add(new AddGaussianSnrKernel());
        ColorNoise = new AddColorNoiseKernel(accelerator, hostWorkers, GroupSize);
        Add(ColorNoise);
        Add(new AddBackgroundNoiseKernel(resident));
        Filters = new FilterLaunchers(accelerator, hostWorkers);
        Add(new CutoffFilterKernel<LowPassFilter, LowPassFilterParameters>(Filters));
        Add(new CutoffFilterKernel<HighPassFilter, HighPassFilterParameters>(Filters));
        Add(new BandFilterKernel<BandPassFilter, BandPassFilterParameters>(Filters));
        Add(new BandFilterKernel<BandStopFilter, BandStopFilterParameters>(Filters));
    }

    /// <summary>Threads per group: 256 on GPUs, fewer where the accelerator allows less (the CPU accelerator).</summary>
    public int GroupSize { get; }

    /// <summary>The fused pointwise kernel's launcher (walks several chunks per block; statistics-only passes and passes that read multi-chunk statistics).</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, FusedPass> Fused { get; }

    /// <summary>The fused pointwise kernel's launcher for passes of one chunk per block that are not statistics-only (straight-line body; see <see cref="FusedPointwiseKernel.RunOneChunk"/>), its table copied to the device.</summary>
    public Action<AcceleratorStream, KernelConfig, CopiedTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, FusedPass> FusedOneChunk { get; }

    /// <summary>The one-chunk kernel for calls whose table travels as its argument (<see cref="FusedPointwiseKernel.RunOneChunk"/>'s <see cref="InlineTable"/> instance).</summary>
    public Action<AcceleratorStream, KernelConfig, InlineTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, FusedPass> FusedOneChunkInline { get; }

    /// <summary>
    /// Blocks of the fused kernel the device runs at once (multiprocessors x resident groups each), on CUDA; 0
    /// elsewhere, where the blocks of a launch may run one after another (ILGPU's CPU accelerator), so that no
    /// single-pass statistics pass (whose blocks wait for each other) is ever planned there.
    /// </summary>
    public int ResidentFusedBlocks { get; }

    /// <summary>The statistics-only pass's kernel (<see cref="FusedPointwiseKernel.Measure"/>).</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, FusedPass> FusedMeasure { get; }

    /// <summary>Blocks of <see cref="Fused"/> resident on the device at once (0 off CUDA).</summary>
    public int ResidentWalkBlocks { get; }

    /// <summary>Blocks of <see cref="FusedOneChunk"/> resident on the device at once (0 off CUDA).</summary>
    public int ResidentOneChunkBlocks { get; }

    /// <summary>Blocks of <see cref="FusedMeasure"/> resident on the device at once (0 off CUDA).</summary>
    public int ResidentMeasureBlocks { get; }

    /// <summary>The filter kernels the four filter transforms share.</summary>
    public FilterLaunchers Filters { get; }

    /// <summary>Transform types that have a GPU kernel.</summary>
    public IEnumerable<Type> Supported => _byTransform.Keys;

    /// <summary>The kernel of <paramref name="transform"/>'s type, or null when it runs through the host fallback.</summary>
    public TransformKernel? Find(Transform transform) =>
        _byTransform.TryGetValue(transform.GetType(), out TransformKernel? kernel) ? kernel : null;

    /// <summary>True when <paramref name="transform"/>'s type has a kernel.</summary>
    public bool Supports(Transform transform) => _byTransform.ContainsKey(transform.GetType());

    /// <summary>AddColorNoise's kernels (they own their designs' tables on the device).</summary>
    public AddColorNoiseKernel ColorNoise { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
        Filters.Dispose();
        ColorNoise.Dispose();
    }

    private void Add(TransformKernel kernel) => _byTransform.Add(kernel.TransformType, kernel);

    /// <summary>
    /// A register budget for a fused kernel on CUDA, from an environment variable naming the blocks per multiprocessor
    /// it must fit (PTX .minnctapersm; experiments: see bench/gpu-notes.md, stats-pass run 2); none when unset.
    /// </summary>
    private static KernelSpecialization Specialization(Accelerator accelerator, int groupSize, string variable) =>
        accelerator.AcceleratorType == AcceleratorType.Cuda && ExperimentSwitches.Int(variable, 0) is int blocks && blocks > 0
            ? new KernelSpecialization(groupSize, blocks)
            : KernelSpecialization.Empty;

    /// <summary>Groups of <paramref name="groupSize"/> threads of <paramref name="launcher"/>'s kernel the device holds at once; 0 off CUDA.</summary>
    internal static int CountResidentBlocks(Accelerator accelerator, Delegate launcher, int groupSize)
    {
        if (accelerator.AcceleratorType != AcceleratorType.Cuda)
        {
            return 0;
        }

        int perMultiprocessor = accelerator.EstimateMaxActiveGroupsPerMultiprocessor(KernelUtil.GetKernel(launcher), groupSize, 0);
        return accelerator.NumMultiprocessors * Math.Max(0, perMultiprocessor);
    }

    private static int PickGroupSize(Accelerator accelerator)
    {
        int size = FusedPointwiseKernel.MaxGroupSize;
        while (size > accelerator.MaxNumThreadsPerGroup)
        {
            size /= 2;
        }

        return size;
    }
}
