namespace FastAudiomentations.Dsp;

/// <summary>
/// One second-order section (biquad) with a0 normalised to 1:
/// H(z) = (B0 + B1 z^-1 + B2 z^-2) / (1 + A1 z^-1 + A2 z^-2).
/// </summary>
/// <remarks>
/// A first-order section is a biquad with B2 = A2 = 0. The layout (five floats) is what the GPU backend
/// uploads per section, so keep it plain data.
/// </remarks>
public struct BiquadCoefficients
{
    /// <summary>Feed-forward coefficient of x[n].</summary>
    public float B0;

    /// <summary>Feed-forward coefficient of x[n - 1].</summary>
    public float B1;

    /// <summary>Feed-forward coefficient of x[n - 2].</summary>
    public float B2;

    /// <summary>Feedback coefficient of y[n - 1] (the denominator's z^-1 term, sign as in the formula).</summary>
    public float A1;

    /// <summary>Feedback coefficient of y[n - 2].</summary>
    public float A2;

    /// <summary>Makes a section from its five coefficients (a0 = 1).</summary>
    public BiquadCoefficients(float b0, float b1, float b2, float a1, float a2)
    {
        B0 = b0;
        B1 = b1;
        B2 = b2;
        A1 = a1;
        A2 = a2;
    }

    /// <summary>True for a first-order section (B2 = A2 = 0), as scipy counts them when it sizes filtfilt's padding.</summary>
    public readonly bool IsFirstOrder => B2 == 0 && A2 == 0;
}
