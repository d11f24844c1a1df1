using FastAudiomentations.Dsp;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// The filter baselines' recursion: a cascade of direct-form biquads (transposed direct form II, as scipy's
/// <c>sosfilt</c> runs them), one sample at a time, started from the steady state for the first sample as
/// the library and audiomentations start.
/// </summary>
/// <remarks>
/// <para>
/// The library stores each section in a state-space form (<see cref="BiquadSection"/>); the same transfer
/// function in direct form is, with a1 = -(A11 + A22), a2 = A11 A22 - A12 A21, g1 = C1 B1 + C2 B2 and
/// g0 = C1 (A12 B2 - A22 B1) + C2 (A21 B1 - A11 B2):
/// H(z) = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2) with b0 = D, b1 = D a1 + g1, b2 = D a2 + g0
/// (from H = D + C adj(zI - A) B / det(zI - A)). Per section: y = b0 x + z1, z1 = b1 x - a1 y + z2,
/// z2 = b2 x - a2 y; steady state for a constant input u with output v = H(1) u: z1 = v - b0 u, z2 = b2 u - a2 v.
/// </para>
/// <para>
/// In double: the direct form in float loses the poles of low cutoffs (the reason the library does not use
/// it), and a scalar recursion costs the same in either precision (it waits on the latency of the
/// multiply-adds, not on their width), so double makes the reference exact without flattering the baseline.
/// </para>
/// </remarks>
public static class DirectFormCascade
{
    /// <summary>Filters <paramref name="x"/> in place through <paramref name="sections"/> (at most <see cref="ButterworthDesign.MaxOrder"/>).</summary>
    public static void Filter(Span<float> x, ReadOnlySpan<BiquadSection> sections)
    {
        if (x.IsEmpty)
        {
            return;
        }

        Span<double> b0 = stackalloc double[sections.Length], b1 = stackalloc double[sections.Length], b2 = stackalloc double[sections.Length];
        Span<double> a1 = stackalloc double[sections.Length], a2 = stackalloc double[sections.Length];
        Span<double> z1 = stackalloc double[sections.Length], z2 = stackalloc double[sections.Length];
        double u = x[0];
        for (int m = 0; m < sections.Length; m++)
        {
            BiquadSection c = sections[m];
            a1[m] = -((double)c.A11 + c.A22);
            a2[m] = ((double)c.A11 * c.A22) - ((double)c.A12 * c.A21);
            double g1 = ((double)c.C1 * c.B1) + ((double)c.C2 * c.B2);
            double g0 = ((double)c.C1 * (((double)c.A12 * c.B2) - ((double)c.A22 * c.B1))) + ((double)c.C2 * (((double)c.A21 * c.B1) - ((double)c.A11 * c.B2)));
            b0[m] = c.D;
            b1[m] = (c.D * a1[m]) + g1;
            b2[m] = (c.D * a2[m]) + g0;
            double v = u * (b0[m] + b1[m] + b2[m]) / (1 + a1[m] + a2[m]);
            z1[m] = v - (b0[m] * u);
            z2[m] = (b2[m] * u) - (a2[m] * v);
            u = v;
        }

        for (int t = 0; t < x.Length; t++)
        {
            double v = x[t];
            for (int m = 0; m < sections.Length; m++)
            {
                double y = (b0[m] * v) + z1[m];
                z1[m] = (b1[m] * v) - (a1[m] * y) + z2[m];
                z2[m] = (b2[m] * v) - (a2[m] * y);
                v = y;
            }

            x[t] = (float)v;
        }
    }
}
