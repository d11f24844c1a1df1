namespace FastAudiomentations.Dsp;

/// <summary>
/// A unit vector (cos, sin) of angle k x step, advanced one step at a time by rotation: how
/// <see cref="WindowedSincDesign"/> walks sin(2 pi fc k / fs) and the window's cos(pi k / M) with a few
/// multiply-adds per tap instead of two transcendentals. Plain double arithmetic, so a GPU kernel runs the same walk.
/// </summary>
/// <remarks>The rounding grows by about one double ulp per step: below 1e-12 after 4,095 steps.</remarks>
internal struct SincRotation(double cosStep, double sinStep)
{
    /// <summary>cos of the step.</summary>
    public readonly double CosStep = cosStep;

    /// <summary>sin of the step.</summary>
    public readonly double SinStep = sinStep;

    /// <summary>cos(k step) at the current k.</summary>
    public double Cos = 1;

    /// <summary>sin(k step) at the current k.</summary>
    public double Sin = 0;

    /// <summary>The rotation by <paramref name="step"/> radians per step, at k = 0.</summary>
    public static SincRotation By(double step) => new(Math.Cos(step), Math.Sin(step));

    /// <summary>The symmetric Hamming window's rotation for <paramref name="count"/> taps: pi / M per step (none for one tap).</summary>
    public static SincRotation Window(int count)
    {
        int middle = count / 2;
        return By(middle == 0 ? 0 : Math.PI / middle);
    }

    /// <summary>Advances k by one.</summary>
    public void Advance() =>
        (Cos, Sin) = ((Cos * CosStep) - (Sin * SinStep), (Sin * CosStep) + (Cos * SinStep));
}
