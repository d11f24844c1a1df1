using FastAudiomentations.Dsp;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// What the host uploads per row for <see cref="FirDesignKernel"/> to design the row's windowed-sinc taps on the
/// device: the edges' rotation steps instead of the taps themselves.
/// </summary>
/// <remarks>
/// <code>
/// [0] 1: design this row; 0: nothing to design (row not applied)
/// [2..7] upper edge: fc / fs, cos and sin of its step (2 pi fc / fs), doubles as low and high 32 bits (<see cref="DoubleBits"/>)
/// [8..13] lower edge, likewise (band designs; zeros otherwise)
/// [14..17] the window's step (pi / M): cos and sin
/// </code>
/// These are the design's only transcendentals (<see cref="SincEdge"/>, <see cref="SincRotation"/>), so the kernel
/// needs + - * / in double alone, and on ILGPU's CPU accelerator it reproduces the host's taps bit for bit.
/// </remarks>
internal static class FirDesignInput
{
    /// <summary>Floats per row.</summary>
    public const int Stride = 18;

    /// <summary>Where the upper edge starts.</summary>
    public const int UpperOffset = 2;

    /// <summary>Where the lower edge starts.</summary>
    public const int LowerOffset = 8;

    /// <summary>Where the window's step starts.</summary>
    public const int WindowOffset = 14;

    /// <summary>Writes one row's inputs.</summary>
    public static void Write(Span<float> row, SincEdge upper, SincEdge lower, SincRotation window)
    {
        row[0] = 1;
        row[1] = 0;
        WriteEdge(row, UpperOffset, upper);
        WriteEdge(row, LowerOffset, lower);
        DoubleBits.Write(row, WindowOffset, window.CosStep);
        DoubleBits.Write(row, WindowOffset + 2, window.SinStep);
    }

    /// <summary>Marks a row as having nothing to design.</summary>
    public static void WriteNone(Span<float> row) => row[0] = 0;

    private static void WriteEdge(Span<float> row, int at, SincEdge edge)
    {
        DoubleBits.Write(row, at, edge.Cutoff);
        DoubleBits.Write(row, at + 2, edge.Rotation.CosStep);
        DoubleBits.Write(row, at + 4, edge.Rotation.SinStep);
    }
}
