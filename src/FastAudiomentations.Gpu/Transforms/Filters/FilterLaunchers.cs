using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The filter kernels of one device, compiled once and shared by the four filter transforms' kernels.</summary>
internal sealed class FilterLaunchers
{
    /// <summary>Compiles the kernels on <paramref name="accelerator"/>.</summary>
    public FilterLaunchers(Accelerator accelerator)
    {
        IirGroupSize = IirCascadeKernel.GroupSize(accelerator.MaxNumThreadsPerGroup, accelerator.WarpSize);
        FirGroupSize = FirKernel.GroupSize(accelerator.MaxNumThreadsPerGroup);
        HaloGroupSize = Math.Min(FirKernel.HaloGroupSize, accelerator.MaxNumThreadsPerGroup);
        Iir = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, IirPass>(IirCascadeKernel.Run);
        Fir = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, FirPass>(FirKernel.Run);
        Halo = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, ArrayView<int>, FirPass>(FirKernel.Halo);
    }

    /// <summary>Threads per group of the IIR kernel (one group per row).</summary>
    public int IirGroupSize { get; }

    /// <summary>Threads per group of the FIR kernel.</summary>
    public int FirGroupSize { get; }

    /// <summary>Threads per group of the FIR halo copy.</summary>
    public int HaloGroupSize { get; }

    /// <summary><see cref="IirCascadeKernel.Run"/>: samples, zero-phase scratch, integer table, float table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, IirPass> Iir { get; }

    /// <summary><see cref="FirKernel.Run"/>: samples, halo copy, integer table, float table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, FirPass> Fir { get; }

    /// <summary><see cref="FirKernel.Halo"/>: samples, halo copy, integer table, arguments.</summary>
    public Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<int>, FirPass> Halo { get; }
}
