using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// The filter kernels of one device, compiled once and shared by the four filter transforms' kernels, and the
/// host threads that design the rows' filters.
/// </summary>
internal sealed class FilterLaunchers : IDisposable
{
    /// <summary>At most this many host threads design rows (the caller included).</summary>
    public const int MaxDesignThreads = 8;

    private readonly int _warpSize;
    private readonly int _maxIirGroupSize;
    private readonly int _maxFirGroupSize;

    /// <summary>Compiles the kernels on <paramref name="accelerator"/>.</summary>
    public FilterLaunchers(Accelerator accelerator)
    {
        _warpSize = accelerator.WarpSize;
        _maxIirGroupSize = IirCascadeKernel.GroupSize(accelerator.MaxNumThreadsPerGroup, accelerator.WarpSize);
        _maxFirGroupSize = FirKernel.GroupSize(accelerator.MaxNumThreadsPerGroup);
        IirGroupSize = _maxIirGroupSize;
        FirGroupSize = _maxFirGroupSize;
        HaloGroupSize = Math.Min(FirKernel.HaloGroupSize, accelerator.MaxNumThreadsPerGroup);
        Iir = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, IirPass>(IirCascadeKernel.Run);
        Fir = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, FirPass>(FirKernel.Run);
        Halo = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, FirPass>(FirKernel.Halo);
        Designers = new CpuWorkers(Math.Clamp(Environment.ProcessorCount, 1, MaxDesignThreads));
    }

    /// <summary>
    /// Host threads that design the rows' filters in parallel, one clip per work item: a Butterworth design costs
    /// 0.3-1.4 us per row and a 101-tap windowed sinc about 6 us, which for 128 rows would rival the kernels.
    /// </summary>
    public CpuWorkers Designers { get; }

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
        }
    }

    /// <summary>Threads per group of the FIR halo copy.</summary>
    public int HaloGroupSize { get; }

    /// <summary><see cref="IirCascadeKernel.Run"/>: samples, zero-phase scratch, integer table, float table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, IirPass> Iir { get; }

    /// <summary><see cref="FirKernel.Run"/>: samples, halo copy, integer table, float table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, FirPass> Fir { get; }

    /// <summary><see cref="FirKernel.Halo"/>: samples, halo copy, integer table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, FirPass> Halo { get; }

    /// <inheritdoc/>
    public void Dispose() => Designers.Dispose();
}
