namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// What the host uploads per row for <see cref="ButterworthDesignKernel"/> to design the row's
/// <see cref="IirRecord"/> on the device: a few numbers instead of the record's 76 floats per section.
/// </summary>
/// <remarks>
/// <code>
/// [0] Butterworth (prototype) order N as a float; 0: nothing to design (row not applied)
/// [1] zero-phase padding (samples per end; 0 when causal)
/// [2..3] w1 = tan(pi f1 / fs), a double as its low and high 32 bits (the cutoff, or the lower band edge)
/// [4..5] w2 = tan(pi f2 / fs), likewise (the upper band edge; 0 for one-sided designs)
/// </code>
/// The tangents are the design's only transcendentals besides the prototype poles (constants per order, uploaded
/// once: <see cref="Dsp.ButterworthDesign.PrototypeTable"/>), so the kernel needs only + - * / and sqrt in double.
/// </remarks>
internal static class IirDesignInput
{
    /// <summary>Floats per row.</summary>
    public const int Stride = 6;

    /// <summary>Where the padding sits.</summary>
    public const int PaddingOffset = 1;

    /// <summary>Where w1's bits start.</summary>
    public const int W1Offset = 2;

    /// <summary>Where w2's bits start.</summary>
    public const int W2Offset = 4;

    /// <summary>Writes one row's inputs.</summary>
    public static void Write(Span<float> row, int order, int padding, double w1, double w2)
    {
        row[0] = order;
        row[PaddingOffset] = padding;
        DoubleBits.Write(row, W1Offset, w1);
        DoubleBits.Write(row, W2Offset, w2);
    }

    /// <summary>Marks a row as having nothing to design.</summary>
    public static void WriteNone(Span<float> row) => row[0] = 0;
}
