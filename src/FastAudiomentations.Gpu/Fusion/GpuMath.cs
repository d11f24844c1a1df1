using System.Runtime.CompilerServices;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>Arithmetic that ILGPU 1.5 does not map to a device instruction by itself.</summary>
internal static class GpuMath
{
    /// <summary>a * b + c, the kernels' multiply-add (the CPU paths use <see cref="MathF.FusedMultiplyAdd"/>).</summary>
    /// <remarks>
    /// Written as a product and a sum on purpose: ILGPU 1.5 has no intrinsic for MathF.FusedMultiplyAdd and leaves it
    /// as an unresolved external function in PTX (the CUDA module would not load), and inline PTX through CudaAsm
    /// keeps the fallback branch's call in the module. The PTX mul and add carry no rounding modifier, so the CUDA
    /// JIT contracts them into one fma.rn (its default, --fmad=true): the CPU's single rounding. ILGPU's CPU
    /// accelerator rounds twice; the difference is at most half an ulp of the product, inside every stated tolerance.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FusedMultiplyAdd(float a, float b, float c) => (a * b) + c;
}
