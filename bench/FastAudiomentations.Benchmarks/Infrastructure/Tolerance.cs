namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// How far the optimised output may lie from the scalar baseline's, per sample:
/// |actual - expected| &lt;= Absolute + Relative * |expected|.
/// </summary>
/// <param name="Absolute">Allowed error independent of the sample's size (e.g. a bound on added noise's error).</param>
/// <param name="Relative">Allowed error relative to the expected sample (e.g. a few float ulps).</param>
public readonly record struct Tolerance(double Absolute, double Relative)
{
    /// <summary>Bit-for-bit equality (up to the sign of zero): for transforms whose remarks say they are exact.</summary>
    public static Tolerance Exact => new(0, 0);

    /// <summary>One float ulp relative (2^-23): a result that may differ by one rounding.</summary>
    public static Tolerance OneUlp => new(0, 1.0 / (1 << 23));

    /// <summary>Whether <paramref name="actual"/> is within the tolerance of <paramref name="expected"/>.</summary>
    public bool Accepts(float expected, float actual) =>
        expected == actual || Math.Abs((double)actual - expected) <= Absolute + (Relative * Math.Abs((double)expected));
}
