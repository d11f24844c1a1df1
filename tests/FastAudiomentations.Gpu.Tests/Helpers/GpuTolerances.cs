namespace FastAudiomentations.Gpu.Tests.Helpers;

/// <summary>
/// How far a GPU output may be from the CPU device's for the same seed, per transform of
/// <see cref="FastAudiomentations.Tests.Helpers.TransformTable"/>: |gpu - cpu| &lt;= Relative x |cpu| + Absolute.
/// </summary>
/// <remarks>
/// Both backends run the core's per-sample code with the same sampled parameters; they differ only where the
/// GPU's fast float functions (pow, log, sin, cos: a few ulp) or a different summation order enter.
/// A transform with a GPU kernel that is missing here fails the equivalence tests, so every kernel needs a
/// stated bound; a transform still running through the host fallback must match exactly.
/// </remarks>
public static class GpuTolerances
{
    private static readonly Dictionary<string, Tolerance> ByName = new()
    {
        // One multiply by 10^(g/20): the factor may differ by the GPU's pow (ILGPU fast math: exp2/log2
        // approximations, ~2 ulp), so 1e-6 relative; no absolute slack needed.
        ["Gain"] = new(1e-6, 0),
        // y = -x: exact.
        ["PolarityInversion"] = new(0, 0),
        // Compares and selects: exact.
        ["Clip"] = new(0, 0),
    };

    /// <summary>The tolerance of the named transform.</summary>
    public static Tolerance For(string name) =>
        ByName.TryGetValue(name, out Tolerance tolerance)
            ? tolerance
            : throw new InvalidOperationException($"No GPU tolerance is stated for {name}; add one to GpuTolerances.");

    /// <summary>The loosest of several transforms' tolerances (for chains).</summary>
    public static Tolerance Loosest(params string[] names)
    {
        var result = new Tolerance(0, 0);
        foreach (string name in names)
        {
            Tolerance t = For(name);
            result = new Tolerance(Math.Max(result.Relative, t.Relative), Math.Max(result.Absolute, t.Absolute));
        }

        return result;
    }
}

/// <summary>|gpu - cpu| &lt;= Relative x |cpu| + Absolute.</summary>
/// <param name="Relative">Bound relative to the CPU value.</param>
/// <param name="Absolute">Absolute slack.</param>
public readonly record struct Tolerance(double Relative, double Absolute)
{
    /// <summary>Bit-for-bit equality: what the host fallback (the core's CPU path) gives.</summary>
    public static Tolerance Exact => new(0, 0);

    /// <summary>
    /// Asserts |gpu - cpu| &lt;= Relative x <paramref name="scale"/> + Absolute for every sample: for pipelines, where
    /// a pointwise op's rounding error (relative to the signal at that stage) passes through filters and gains
    /// after it, so it is bounded relative to the signal's scale, not to each output sample.
    /// </summary>
    public void AssertCloseToScale(float[] cpu, float[] gpu, double scale, string what)
    {
        Assert.Equal(cpu.Length, gpu.Length);
        double bound = (Relative * scale) + Absolute;
        for (int t = 0; t < cpu.Length; t++)
        {
            double error = Math.Abs((double)gpu[t] - cpu[t]);
            if (!(error <= bound))
            {
                Assert.Fail($"{what}: sample {t}: GPU {gpu[t]:R}, CPU {cpu[t]:R}, error {error:E3} > bound {bound:E3} (scale {scale:E3}).");
            }
        }
    }

    /// <summary>Asserts every sample of <paramref name="gpu"/> is within the bound of <paramref name="cpu"/>.</summary>
    public void AssertClose(float[] cpu, float[] gpu, string what)
    {
        Assert.Equal(cpu.Length, gpu.Length);
        for (int t = 0; t < cpu.Length; t++)
        {
            double error = Math.Abs((double)gpu[t] - cpu[t]);
            double bound = (Relative * Math.Abs(cpu[t])) + Absolute;
            if (!(error <= bound))
            {
                Assert.Fail($"{what}: sample {t}: GPU {gpu[t]:R}, CPU {cpu[t]:R}, error {error:E3} > bound {bound:E3}.");
            }
        }
    }
}
