namespace FastAudiomentations.Dsp;

/// <summary>
/// One second-order section as a two-state linear system, the form every recursion here runs:
/// <code>
/// y[n]   = D x[n] + C1 s1[n] + C2 s2[n]
/// s1[n+1] = A11 s1[n] + A12 s2[n] + B1 x[n]
/// s2[n+1] = A21 s1[n] + A22 s2[n] + B2 x[n]
/// </code>
/// Its transfer function is H(z) = D + C (zI - A)^-1 B.
/// </summary>
/// <remarks>
/// <para>
/// Why not the direct-form coefficients (b0, b1, b2, a1, a2): a pole pair near z = 1 (a cutoff or band edge
/// far below the sample rate, such as the 1 Hz lower edges that audiomentations' default band filters
/// draw) makes the direct form's poles depend on the square root of coefficient errors; in float the
/// pole pair of a 1 Hz edge at 44.1 kHz rounds onto the unit circle and the filter blows up, and roundoff
/// noise grows as 1 / |1 - p|^2. Here A is built from the poles themselves,
/// A = [[sigma, mu / kappa], [kappa, sigma]] with sigma = (p1 + p2) / 2 and mu = ((p1 - p2) / 2)^2
/// (negative for a complex pair, positive for two real poles), so its eigenvalues are exactly p1 and p2.
/// With kappa = sqrt(|mu|) this is the coupled (normal) form: [[sigma, -omega], [omega, sigma]] for
/// p = sigma +- i omega, symmetric for two real poles. Rounding then moves poles by about one float ulp
/// (linearly, not by its square root) and roundoff noise grows as 1 / (1 - |p|) only (Gold and Rader 1967;
/// Mullis and Roberts 1976; Jackson, Digital Filters and Signal Processing, 3rd ed., ch. 11). kappa is held
/// at 0.1 (1 - max |p|) or more, so that a (near-)double real pole stays representable; the form is then
/// slightly non-normal, with transient growth of A^n below 0.1 / e.
/// A first-order section uses A = diag(p, 0).
/// </para>
/// <para>Nine floats of plain data: what the GPU backend uploads per section.</para>
/// </remarks>
public struct BiquadSection
{
    /// <summary>State matrix, row 1 column 1.</summary>
    public float A11;

    /// <summary>State matrix, row 1 column 2.</summary>
    public float A12;

    /// <summary>State matrix, row 2 column 1.</summary>
    public float A21;

    /// <summary>State matrix, row 2 column 2.</summary>
    public float A22;

    /// <summary>Input to the first state.</summary>
    public float B1;

    /// <summary>Input to the second state.</summary>
    public float B2;

    /// <summary>First state to output.</summary>
    public float C1;

    /// <summary>Second state to output.</summary>
    public float C2;

    /// <summary>Input straight to output.</summary>
    public float D;

    /// <summary>
    /// Realises H(z) = (b0 + b1 z^-1 + b2 z^-2) / ((1 - p1 z^-1)(1 - p2 z^-1)) in the well-conditioned form
    /// described in the remarks, in double. A plain static method over value types: the host and the GPU's
    /// design kernel both run it.
    /// </summary>
    /// <param name="b0">Numerator coefficient of z^0.</param>
    /// <param name="b1">Numerator coefficient of z^-1.</param>
    /// <param name="b2">Numerator coefficient of z^-2 (0 for a first-order section).</param>
    /// <param name="p1">A pole inside the unit circle.</param>
    /// <param name="p2">Its conjugate, or a second real pole (with p1 real), or 0 for a first-order section (then b2 = 0).</param>
    public static BiquadSection FromPoles(double b0, double b1, double b2, DoubleComplex p1, DoubleComplex p2)
    {
        // H = b0 + (beta1 z + beta0) / ((z - p1)(z - p2)), with a1 = -(p1 + p2), a2 = p1 p2.
        double a1 = -(p1 + p2).Re, a2 = (p1 * p2).Re;
        double beta1 = b1 - (b0 * a1), beta0 = b2 - (b0 * a2);
        if (p2.Re == 0 && p2.Im == 0 && b2 == 0)
        {
            // First order: H = b0 + beta1 / (z - p).
            return new BiquadSection { A11 = (float)p1.Re, B1 = 1, C1 = (float)beta1, D = (float)b0 };
        }

        double sigma = ((p1 + p2) / 2).Re;
        DoubleComplex half = (p1 - p2) / 2;
        double mu = (half * half).Re;
        double decay = 1 - Math.Max(p1.Magnitude, p2.Magnitude);
        double kappa = Math.Max(Math.Sqrt(Math.Abs(mu)), 0.1 * decay);

        // With B = (1, 0): C (zI - A)^-1 B = (C1 (z - sigma) + C2 kappa) / ((z - sigma)^2 - mu).
        return new BiquadSection
        {
            A11 = (float)sigma,
            A12 = (float)(mu / kappa),
            A21 = (float)kappa,
            A22 = (float)sigma,
            B1 = 1,
            B2 = 0,
            C1 = (float)beta1,
            C2 = (float)((beta0 + (sigma * beta1)) / kappa),
            D = (float)b0,
        };
    }
}
