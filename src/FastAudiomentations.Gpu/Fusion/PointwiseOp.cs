using System.Runtime.InteropServices;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// One entry of the op table the fused kernel interprets, stored as <see cref="Ints"/> ints in the per-call
/// integer table.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct PointwiseOp
{
    /// <summary>Ints per entry.</summary>
    public const int Ints = 7;

    /// <summary>The <see cref="PointwiseOpCode"/>.</summary>
    public int Code;

    /// <summary>The step's pipeline node, for its random streams.</summary>
    public int Node;

    /// <summary>Where row 0's parameters start in the float table.</summary>
    public int ParameterOffset;

    /// <summary>Floats per row in the float table (the parameter struct's size; 0 for none).</summary>
    public int ParameterStride;

    /// <summary>Where row 0's applied flag (1 or 0) sits in the integer table.</summary>
    public int AppliedOffset;

    /// <summary>Where the op's per-call constants (transform properties such as Clip's bounds) start in the float table.</summary>
    public int ConstantOffset;

    /// <summary>How many constants the op has (its row's parameters and constants are staged together: <see cref="FusedPointwiseKernel.OpValues"/>).</summary>
    public int ConstantCount;
}
