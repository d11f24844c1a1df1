using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations;

/// <summary>
/// The FIR filter that turns white noise into <see cref="AddColorNoise"/>'s coloured noise: designed on the
/// host once per example (or channel), then run by the CPU path and the GPU kernel alike.
/// </summary>
/// <remarks>
/// <para>
/// Target: a power spectral density with a constant slope of d dB per octave, i.e. an amplitude response
/// |H(f)| proportional to f^a with a = d / (20 log10 2) (d = -3.01 pink, -6.02 brown, +3.01 blue,
/// +6.02 violet), optionally times the A-weighting curve (<see cref="AWeighting"/>).
/// </para>
/// <para>
/// Design (frequency sampling, then a window), with N = nFft (even):
/// A_k = (max(k, 1) fs / N)^a * (A-weighting(k fs / N) if asked), k = 0 .. N/2: the envelope on the bins of an
/// N-point DFT, clamped below the first bin (as audiomentations clamps f = 0 to avoid the pole of
/// f^a at DC). The zero-phase impulse response is the inverse DFT,
/// h[n] = (1 / N) (A_0 + (-1)^n A_{N/2} + 2 sum_{k=1}^{N/2-1} A_k cos(2 pi k n / N)), n = -N/2 .. N/2,
/// with the two end taps halved (the N-periodic response has one sample at n = +-N/2; splitting it keeps
/// the taps symmetric and still samples the response exactly at the bins). The taps are
/// g[m] = h[m - N/2] w[m], m = 0 .. N, with the Hann window w[m] = sin^2(pi (m + 1/2) / (N + 1)), and scaled to
/// unit energy (sum g^2 = 1), so unit-variance white noise comes out with unit variance.
/// </para>
/// <para>
/// Why this design: N + 1 symmetric taps (linear phase, delay N/2), like audiomentations' n_fft-point
/// frequency-domain decay envelope but zero-phase instead of random-phase (whose response ripples between
/// bins). The window trades a little smoothing of the lowest bins for no ripple: for N = 128 the realised
/// slope over fs/32 .. fs/4 is within 0.13 dB/oct of d for |d| &lt;= 6 (worst at d = -6), and within 0.65 dB/oct
/// down to 2 fs / N; below about fs / N the response is flat (the clamp). Larger n_fft extends the slope
/// downwards in proportion. See docs/architecture/colored-noise.md.
/// </para>
/// <para>
/// Cost: the design is O(N^2 / 4) multiply-adds on the host (4 k for N = 128, vectorised; the cosines, window and
/// logarithms come from <see cref="ColorNoiseDesignTables"/>); the filter is N + 1 multiply-adds per output sample.
/// </para>
/// </remarks>
public static class ColorNoiseShaping
{
    /// <summary>The number of taps for <paramref name="nFft"/>: nFft + 1 (odd, symmetric).</summary>
    public static int TapCount(int nFft) => nFft + 1;

    /// <summary>How many doubles <see cref="Design"/> needs as work space for <paramref name="nFft"/>.</summary>
    public static int WorkLength(int nFft) => (nFft / 2) + 1 + nFft;

    /// <summary>Designs the shaping filter (see the type's remarks for the formula).</summary>
    /// <param name="taps">Receives the <see cref="TapCount"/> taps.</param>
    /// <param name="work">Work space of at least <see cref="WorkLength"/> doubles (contents are overwritten).</param>
    /// <param name="decayDbPerOctave">Slope of the noise's power spectral density, dB per octave (negative: more bass).</param>
    /// <param name="aWeighting">Whether to apply the A-weighting curve on top.</param>
    /// <param name="sampleRate">Sample rate, Hz.</param>
    /// <param name="nFft">The envelope's DFT size: even, at least 2.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // designed per row and call on the GPU path's host: see ParameterDraws.Across
    public static void Design(Span<float> taps, Span<double> work, float decayDbPerOctave, bool aWeighting, int sampleRate, int nFft)
    {
        if (nFft < 2 || (nFft & 1) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nFft), nFft, "nFft must be even and at least 2.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        int half = nFft / 2;
        if (taps.Length != TapCount(nFft))
        {
            throw new ArgumentException($"taps must hold {TapCount(nFft)} values.", nameof(taps));
        }

        if (work.Length < WorkLength(nFft))
        {
            throw new ArgumentException($"work must hold at least {WorkLength(nFft)} values.", nameof(work));
        }

        ColorNoiseDesignTables tables = ColorNoiseDesignTables.For(nFft);
        Span<double> envelope = work[..(half + 1)];
        Span<double> row = work.Slice(half + 1, Math.Max(half - 1, 0));
        double exponent = decayDbPerOctave / (20.0 * Math.Log10(2.0));
        double binHz = (double)sampleRate / nFft;
        for (int k = 0; k <= half; k++)
        {
            // max(k, 1)^a, relative to the first bin so the numbers stay near 1 whatever the slope.
            double value = Math.Exp(exponent * tables.LogBins[k]);
            envelope[k] = aWeighting ? value * AWeighting.Gain(k * binHz) : value;
        }

        ReadOnlySpan<double> inner = envelope.Slice(1, Math.Max(half - 1, 0));

        // The inner sums of every output first (in the work space's last half + 1 doubles): with the basis as a matrix,
        // four rows at a time, so four independent chains of additions fill each other's latency.
        Span<double> dots = work.Slice(nFft, half + 1);
        int first = 0;
        double[]? matrix = tables.Basis;
        if (matrix is not null)
        {
            for (; first + 4 <= half + 1; first += 4)
            {
                Dot4(inner, matrix.AsSpan(first * (half - 1), 4 * (half - 1)), dots.Slice(first, 4));
            }
        }

        for (int n = first; n <= half; n++)
        {
            ReadOnlySpan<double> basis = row;
            if (matrix is not null)
            {
                basis = matrix.AsSpan(n * (half - 1), half - 1);
            }
            else
            {
                tables.FillRow(n, row);
            }

            dots[n] = Dot(inner, basis);
        }

        double energy = 0;
        for (int n = 0; n <= half; n++)
        {
            double sum = envelope[0] + ((n & 1) == 0 ? envelope[half] : -envelope[half]) + dots[n];
            double h = sum / nFft;
            if (n == half)
            {
                h *= 0.5;
            }

            // Taps m = half + n and half - n share h[n] and the window value.
            double g = h * tables.WindowSquared[n];
            taps[half + n] = (float)g;
            taps[half - n] = (float)g;
            energy += n == 0 ? g * g : 2 * g * g;
        }

        if (energy > 0)
        {
            float scale = (float)(1.0 / Math.Sqrt(energy));
            for (int m = 0; m < taps.Length; m++)
            {
                taps[m] *= scale;
            }
        }
    }

    /// <summary>
    /// <see cref="Dot"/> of <paramref name="a"/> with four consecutive rows of <paramref name="rows"/> (each a's length),
    /// into <paramref name="sums"/>: each row's sum in <see cref="Dot"/>'s order, so the same bits, the four side by side.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see ParameterDraws.Across
    private static void Dot4(ReadOnlySpan<double> a, ReadOnlySpan<double> rows, Span<double> sums)
    {
        int length = a.Length;
        ReadOnlySpan<double> b0 = rows[..length];
        ReadOnlySpan<double> b1 = rows.Slice(length, length);
        ReadOnlySpan<double> b2 = rows.Slice(2 * length, length);
        ReadOnlySpan<double> b3 = rows.Slice(3 * length, length);
        Vector256<double> lanes0 = Vector256<double>.Zero, lanes1 = Vector256<double>.Zero, lanes2 = Vector256<double>.Zero, lanes3 = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= length; i += 4)
        {
            Vector256<double> x = Vector256.Create(a.Slice(i, 4));
            lanes0 += x * Vector256.Create(b0.Slice(i, 4));
            lanes1 += x * Vector256.Create(b1.Slice(i, 4));
            lanes2 += x * Vector256.Create(b2.Slice(i, 4));
            lanes3 += x * Vector256.Create(b3.Slice(i, 4));
        }

        double sum0 = (lanes0.GetElement(0) + lanes0.GetElement(1)) + (lanes0.GetElement(2) + lanes0.GetElement(3));
        double sum1 = (lanes1.GetElement(0) + lanes1.GetElement(1)) + (lanes1.GetElement(2) + lanes1.GetElement(3));
        double sum2 = (lanes2.GetElement(0) + lanes2.GetElement(1)) + (lanes2.GetElement(2) + lanes2.GetElement(3));
        double sum3 = (lanes3.GetElement(0) + lanes3.GetElement(1)) + (lanes3.GetElement(2) + lanes3.GetElement(3));
        for (; i < length; i++)
        {
            sum0 += a[i] * b0[i];
            sum1 += a[i] * b1[i];
            sum2 += a[i] * b2[i];
            sum3 += a[i] * b3[i];
        }

        sums[0] = sum0;
        sums[1] = sum1;
        sums[2] = sum2;
        sums[3] = sum3;
    }

    /// <summary>
    /// sum a[i] b[i] in a fixed order: four lanes (i mod 4) accumulated separately, then (l0 + l1) + (l2 + l3), then the
    /// tail. Vector256 arithmetic is IEEE per lane whether or not the hardware accelerates it, and it multiplies and adds
    /// without fusing, so every machine computes the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see ParameterDraws.Across
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Vector256<double> lanes = Vector256<double>.Zero;
        int i = 0;
        for (; i + 4 <= a.Length; i += 4)
        {
            lanes += Vector256.Create(a.Slice(i, 4)) * Vector256.Create(b.Slice(i, 4));
        }

        double sum = (lanes.GetElement(0) + lanes.GetElement(1)) + (lanes.GetElement(2) + lanes.GetElement(3));
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
