using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// A double carried in a float table as its low and high 32 bits in two floats: how the design kernels receive
/// their few double inputs (pre-warped edges, rotation steps) in the call's single float table.
/// </summary>
internal static class DoubleBits
{
    /// <summary>Writes <paramref name="value"/> at <paramref name="at"/> and at + 1.</summary>
    public static void Write(Span<float> table, int at, double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        table[at] = BitConverter.Int32BitsToSingle((int)bits);
        table[at + 1] = BitConverter.Int32BitsToSingle((int)(bits >> 32));
    }

    /// <summary>Reads the double at <paramref name="at"/> and at + 1 (in a kernel).</summary>
    public static double Read(ArrayView<float> table, long at) =>
        Interop.IntAsFloat(((ulong)Interop.FloatAsInt(table[at + 1]) << 32) | Interop.FloatAsInt(table[at]));
}
