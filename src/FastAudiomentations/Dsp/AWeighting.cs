namespace FastAudiomentations;

/// <summary>The A-weighting curve of IEC 61672-1 as a linear amplitude gain.</summary>
/// <remarks>
/// R_A(f) = 12194^2 f^4 / ((f^2 + 20.6^2) sqrt((f^2 + 107.7^2)(f^2 + 737.9^2)) (f^2 + 12194^2)), and
/// A(f) = 20 log10 R_A(f) + 2.00 dB, so that A(1 kHz) = 0 dB. <see cref="Gain"/> returns 10^(A(f) / 20):
/// 1 at 1 kHz, 0 at DC, about 0.0017 (-55 dB) at 20 Hz.
/// (audiomentations adds the 2.00 to the linear value instead, which flattens the curve; we use the
/// standard's definition.)
/// </remarks>
public static class AWeighting
{
    private const double F1 = 20.598997;
    private const double F2 = 107.65265;
    private const double F3 = 737.86223;
    private const double F4 = 12194.217;

    // 10^(2.00 / 20): the standard's normalisation to 0 dB at 1 kHz.
    private const double Normalisation = 1.2589254117941673;

    /// <summary>The A-weighting amplitude gain at <paramref name="frequencyHz"/> (0 dB = 1 at 1 kHz).</summary>
    /// <param name="frequencyHz">Frequency in Hz, at least 0.</param>
    public static double Gain(double frequencyHz)
    {
        double f2 = frequencyHz * frequencyHz;
        double ra = F4 * F4 * f2 * f2 / ((f2 + (F1 * F1)) * Math.Sqrt((f2 + (F2 * F2)) * (f2 + (F3 * F3))) * (f2 + (F4 * F4)));
        return ra * Normalisation;
    }

    /// <summary>
    /// <see cref="Gain"/> in float arithmetic (the constants rounded to float), for GPU kernels: the products stay within
    /// float's range up to 10^5 Hz, and the result is within a few float ulp of the double's.
    /// </summary>
    /// <param name="frequencyHz">Frequency in Hz, at least 0.</param>
    public static float GainSingle(float frequencyHz)
    {
        const float f1 = (float)F1, f2c = (float)F2, f3 = (float)F3, f4 = (float)F4;
        float f2 = frequencyHz * frequencyHz;
        float ra = f4 * f4 * f2 * f2 / ((f2 + (f1 * f1)) * MathF.Sqrt((f2 + (f2c * f2c)) * (f2 + (f3 * f3))) * (f2 + (f4 * f4)));
        return ra * (float)Normalisation;
    }
}
