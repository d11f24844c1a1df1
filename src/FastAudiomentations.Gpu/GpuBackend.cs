namespace FastAudiomentations.Gpu;

/// <summary>Which ILGPU accelerator a <see cref="GpuDevice"/> runs on.</summary>
public enum GpuBackend
{
    /// <summary>An NVIDIA GPU through CUDA (PTX kernels).</summary>
    Cuda = 0,

    /// <summary>An OpenCL device (GPUs of other vendors; ILGPU needs OpenCL 2.0 or generic address spaces).</summary>
    OpenCL = 1,

    /// <summary>ILGPU's CPU accelerator: runs the kernels as .NET code on the CPU, for tests without a GPU. Slow.</summary>
    CpuSimulator = 2,
}
