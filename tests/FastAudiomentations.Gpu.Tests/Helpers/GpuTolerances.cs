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

        // A permutation of the valid samples: exact.
        ["Reverse"] = new(0, 0),

        // The peak is exact (the CPU's integer max of the magnitude bits). The factor 1 / peak comes from the GPU's
        // fast reciprocal (rcp.approx, within 1 ulp), which Normalize.PeakFactor steps and nudges, so it may end
        // up to 2 ulps from the CPU's: 2^-22 relative. Products that would be subnormal flush to zero (ftz): 2^-126.
        ["Normalize"] = new(2.4e-7, 1.2e-38),

        // y = x + a n, a <= 0.015 (the table's default maximum). |n_gpu - n_cpu| <= 8.6e-4: the CPU's vectorised
        // Box-Muller is within 3e-6 of GaussianNoise.Sample; on CUDA, ln u from lg2.approx is within 2^-21.41 of the
        // truth on [0.5, 1], so -2 ln u within 7.2e-7 and r = sqrt(-2 ln u) within sqrt(7.2e-7) = 8.5e-4 at worst
        // (r near 0; 3.6e-5 once r >= 0.01), and sin / cos.approx within 2^-20.5 (x r <= 5.77: 3.9e-6). So
        // |dy| <= 0.015 x 8.6e-4 = 1.3e-5, plus one ulp of y for the final rounding (1.2e-7 relative).
        ["AddGaussianNoise"] = new(1.2e-7, 1.3e-5),

        // y = x + k n with k n = sqrt(S / c) n / |n| (S = sum x^2, c = 10^(snr / 10)): an error dn moves k n by at most
        // 2 rms(x) 10^(-snr / 20) dn / rms(n) <= 2 x 0.5 x 0.56 x 8.6e-4 = 4.8e-4 for the test signals (peak 0.5,
        // snr >= 5 dB); the energies' summation order and the GPU's approximate pow, sqrt and division change k by
        // about 1e-6 relative (1e-5 allowed). In practice (trig errors, r not near 0) the error is ~1e-6.
        ["AddGaussianSNR"] = new(1e-5, 5e-4),

        // As AddGaussianSNR with n = sum g[m] w[m + t] (sum g^2 = 1): the white samples' errors enter through
        // sum |g| dw <= sqrt(129) x 4e-6 plus at most max |g| x 8.5e-4 for a rare near-zero radius in the window,
        // and the FIR's additions run in another order than the CPU's (~1e-6 of |n|): 1e-3 for the test signals.
        ["AddColorNoise"] = new(1e-5, 1e-3),

        // y = x + g z: the same clip samples z; g from the device's float energy sums and approximate pow, sqrt
        // and division (about 1e-6 relative to the CPU's double arithmetic), and the CUDA JIT contracts the
        // product and the sum into one fma where the CPU rounds twice (half an ulp of g z). |g z| <= 1 for the
        // test corpus (peaks <= 0.5, SNR >= 3 dB): 2e-6 relative plus 4e-6 absolute.
        ["AddBackgroundNoise"] = new(2e-6, 4e-6),

        // Butterworth (causal and zero phase): the GPU runs the core's recursion (Biquad.Step) over other chunks
        // (32 samples per thread, a block scan of Carry, a look-back across tiles) than the CPU (32 SIMD lanes, fused multiply-adds), so
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

/// <summary>|gpu - cpu| &lt;= Relative x |cpu| + OfScale x scale + Absolute, scale being the clip's (see <see cref="AssertClose(float[], float[], double, string)"/>).</summary>
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

    /// <summary>Asserts every sample of <paramref name="gpu"/> is within Relative x |cpu| + Absolute of <paramref name="cpu"/> (no scale term).</summary>
    public void AssertClose(float[] cpu, float[] gpu, string what) => AssertClose(cpu, gpu, 0, what);

    /// <summary>The clip's scale for <see cref="AssertClose(float[], float[], double, string)"/>: the larger of the input's and the CPU output's peaks.</summary>
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
