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

        // Butterworth (causal and zero phase): the GPU runs the core's recursion (Biquad.Step) over other chunks
        // (16 samples per thread, a block scan of Carry) than the CPU (32 SIMD lanes, fused multiply-adds), so
        // the two differ by float rounding only. Bound relative to the clip's scale (the larger of its input's
        // and output's peaks): the core's own bound for its chunked path against a double-precision loop,
        // 2e-5 (BiquadCascadeFilterTests; measured below 3e-6 for every design there, 1 Hz band edges
        // included), so two such paths differ by at most twice what each does, below 6e-6 in practice.
        // Measured on the CPU accelerator: at most 5.4e-7 of the scale.
        ["LowPassFilter"] = Iir,
        ["LowPassFilter zero-phase"] = Iir,
        ["HighPassFilter"] = Iir,
        ["HighPassFilter zero-phase"] = Iir,
        ["BandPassFilter"] = Iir,
        ["BandPassFilter zero-phase"] = Iir,
        ["BandStopFilter"] = Iir,
        ["BandStopFilter zero-phase"] = Iir,

        // Windowed sinc: the same products summed in another order (the GPU in tap order, the CPU in vector
        // lanes). Each sum of N products is within N u sum_k |h_k x| <= N u ||h||_1 peak of the exact one
        // (u = 2^-24; Higham, Accuracy and Stability of Numerical Algorithms, 3.1), so the two are within
        // 2 N u ||h||_1 of the scale; ||h||_1 is below 4 for these designs (delta minus a band-pass at most).
        // Measured: at most 1.9e-7 of the scale.
        ["LowPassFilter FIR"] = Fir(LowPassFilter.DefaultFirTaps),
        ["LowPassFilter FIR zero-phase"] = Fir(31),
        ["HighPassFilter FIR"] = Fir(HighPassFilter.DefaultFirTaps),
        ["BandPassFilter FIR"] = Fir(BandPassFilter.DefaultFirTaps),
        ["BandStopFilter FIR zero-phase"] = Fir(BandStopFilter.DefaultFirTaps),
    };

    /// <summary>The Butterworth bound: 2e-5 of the clip's scale (see the table).</summary>
    public static Tolerance Iir => new(0, 0, 2e-5);

    /// <summary>The windowed-sinc bound for <paramref name="taps"/> taps: 2 N u ||h||_1 of the scale with ||h||_1 &lt;= 4.</summary>
    public static Tolerance Fir(int taps) => new(0, 0, 2.0 * taps * Math.ScaleB(1.0, -24) * 4);

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
            result = new Tolerance(Math.Max(result.Relative, t.Relative), Math.Max(result.Absolute, t.Absolute), Math.Max(result.OfScale, t.OfScale));
        }

        return result;
    }
}

/// <summary>|gpu - cpu| &lt;= Relative x |cpu| + OfScale x scale + Absolute, scale being the clip's (see <see cref="AssertClose"/>).</summary>
/// <param name="Relative">Bound relative to the CPU value.</param>
/// <param name="Absolute">Absolute slack.</param>
/// <param name="OfScale">
/// Bound relative to the clip's scale (the larger of its input's and output's peaks): for filters, whose
/// rounding errors scale with the signal and their states, not with each output sample.
/// </param>
public readonly record struct Tolerance(double Relative, double Absolute, double OfScale = 0)
{
    /// <summary>Bit-for-bit equality: what the host fallback (the core's CPU path) gives.</summary>
    public static Tolerance Exact => new(0, 0);

    /// <summary>
    /// Asserts |gpu - cpu| &lt;= (Relative + OfScale) x <paramref name="scale"/> + Absolute for every sample: for pipelines, where
    /// a pointwise op's rounding error (relative to the signal at that stage) passes through filters and gains
    /// after it, so it is bounded relative to the signal's scale, not to each output sample.
    /// </summary>
    public void AssertCloseToScale(float[] cpu, float[] gpu, double scale, string what)
    {
        Assert.Equal(cpu.Length, gpu.Length);
        double bound = ((Relative + OfScale) * scale) + Absolute;
        for (int t = 0; t < cpu.Length; t++)
        {
            double error = Math.Abs((double)gpu[t] - cpu[t]);
            if (!(error <= bound))
            {
                Assert.Fail($"{what}: sample {t}: GPU {gpu[t]:R}, CPU {cpu[t]:R}, error {error:E3} > bound {bound:E3} (scale {scale:E3}).");
            }
        }
    }

    /// <summary>
    /// Asserts every sample of <paramref name="gpu"/> is within Relative x |cpu| + OfScale x <paramref name="scale"/> + Absolute
    /// of <paramref name="cpu"/>; <paramref name="scale"/> is the clip's, max(peak |input|, peak |cpu|).
    /// </summary>
    public void AssertClose(float[] cpu, float[] gpu, double scale, string what)
    {
        Assert.Equal(cpu.Length, gpu.Length);
        for (int t = 0; t < cpu.Length; t++)
        {
            double error = Math.Abs((double)gpu[t] - cpu[t]);
            double bound = (Relative * Math.Abs(cpu[t])) + (OfScale * scale) + Absolute;
            if (!(error <= bound))
            {
                Assert.Fail($"{what}: sample {t}: GPU {gpu[t]:R}, CPU {cpu[t]:R}, error {error:E3} > bound {bound:E3}.");
            }
        }
    }

    /// <summary>The clip's scale for <see cref="AssertClose"/>: the larger of the input's and the CPU output's peaks.</summary>
    public static double Scale(float[] input, float[] cpu) => Math.Max(Peak(input), Peak(cpu));

    private static double Peak(float[] x)
    {
        float peak = 0;
        foreach (float v in x)
        {
            peak = Math.Max(peak, Math.Abs(v));
        }

        return peak;
    }
}
