namespace FastAudiomentations.Dsp;

/// <summary>A 2 x 2 matrix in double: powers of a section's state matrix (<see cref="BiquadChunkScan.ChunkPower"/>).</summary>
public readonly struct DoubleMatrix2
{
    /// <summary>Row 1, column 1.</summary>
    public readonly double M11;

    /// <summary>Row 1, column 2.</summary>
    public readonly double M12;

    /// <summary>Row 2, column 1.</summary>
    public readonly double M21;

    /// <summary>Row 2, column 2.</summary>
    public readonly double M22;

    /// <summary>Makes [[m11, m12], [m21, m22]].</summary>
    public DoubleMatrix2(double m11, double m12, double m21, double m22)
    {
        M11 = m11;
        M12 = m12;
        M21 = m21;
        M22 = m22;
    }

    /// <summary>The largest entry's magnitude.</summary>
    public double MaxAbs => Math.Max(Math.Max(Math.Abs(M11), Math.Abs(M12)), Math.Max(Math.Abs(M21), Math.Abs(M22)));

    /// <summary>The matrix rounded to float once, as a chunk transition.</summary>
    public BiquadChunkTransition ToTransition() => new((float)M11, (float)M12, (float)M21, (float)M22);

    /// <summary>The product a b.</summary>
    public static DoubleMatrix2 operator *(DoubleMatrix2 a, DoubleMatrix2 b) => new(
        (a.M11 * b.M11) + (a.M12 * b.M21),
        (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M21 * b.M11) + (a.M22 * b.M21),
        (a.M21 * b.M12) + (a.M22 * b.M22));
}
