using System.Numerics;
using FastAudiomentations.Dsp;

namespace FastAudiomentations.Tests.Transforms.Filters;

/// <summary>Independent references for the filter tests: closed forms and double-precision scalar loops.</summary>
public static class FilterReference
{
    /// <summary>The four Butterworth band types.</summary>
    public enum Band
    {
        LowPass,
        HighPass,
        BandPass,
        BandStop,
    }

    /// <summary>
    /// The closed-form magnitude of a digital Butterworth filter designed by the bilinear transform with
    /// pre-warped edges: |H|^2 = 1 / (1 + W^(2N)), with w = tan(pi f / fs) and W = w / wc (low-pass),
    /// wc / w (high-pass), (w^2 - w0^2) / (B w) (band-pass), B w / (w0^2 - w^2) (band-stop), where
    /// wc, w1, w2 are the pre-warped edges, w0^2 = w1 w2 and B = w2 - w1.
    /// </summary>
    public static double ButterworthMagnitude(Band band, int order, double f, double edge1, double edge2, double fs)
    {
        double w = Math.Tan(Math.PI * f / fs);
        double w1 = Math.Tan(Math.PI * edge1 / fs);
        double w2 = Math.Tan(Math.PI * edge2 / fs);
        double b = w2 - w1, w0Squared = w1 * w2;
        double x = band switch
        {
            Band.LowPass => w / w1,
            Band.HighPass => w1 / w,
            Band.BandPass => ((w * w) - w0Squared) / (b * w),
            _ => b * w / (w0Squared - (w * w)),
        };
        return 1 / Math.Sqrt(1 + Math.Pow(x * x, order));
    }

    /// <summary>H(e^{i 2 pi f / fs}) of a cascade, D + C (zI - A)^-1 B per section, evaluated in double.</summary>
    public static Complex Response(ReadOnlySpan<BiquadSection> sections, double f, double fs)
    {
        Complex z = Complex.FromPolarCoordinates(1, 2 * Math.PI * f / fs);
        Complex h = Complex.One;
        foreach (BiquadSection c in sections)
        {
            // (zI - A)^-1 = adj / det for the 2 x 2 matrix.
            Complex m11 = z - c.A11, m12 = -c.A12, m21 = -c.A21, m22 = z - c.A22;
            Complex det = (m11 * m22) - (m12 * m21);
            Complex v1 = ((m22 * c.B1) - (m12 * c.B2)) / det;
            Complex v2 = ((m11 * c.B2) - (m21 * c.B1)) / det;
            h *= c.D + (c.C1 * v1) + (c.C2 * v2);
        }

        return h;
    }

    /// <summary>20 log10 |H(f)| of a cascade.</summary>
    public static double ResponseDb(ReadOnlySpan<BiquadSection> sections, double f, double fs) =>
        20 * Math.Log10(Response(sections, f, fs).Magnitude);

    /// <summary>H(e^{i 2 pi f / fs}) of FIR taps (their DFT at f).</summary>
    public static Complex FirResponse(ReadOnlySpan<float> taps, double f, double fs)
    {
        Complex h = Complex.Zero;
        for (int n = 0; n < taps.Length; n++)
        {
            h += taps[n] * Complex.FromPolarCoordinates(1, -2 * Math.PI * f * n / fs);
        }

        return h;
    }

    /// <summary>
    /// The cascade in double precision, one sample at a time, from the steady state for x[0] (scipy's sosfilt
    /// with zi = sosfilt_zi(sos) * x[0]): written independently of the library's loops.
    /// </summary>
    public static double[] Filter(ReadOnlySpan<float> x, ReadOnlySpan<BiquadSection> sections)
    {
        var y = new double[x.Length];
        for (int t = 0; t < x.Length; t++)
        {
            y[t] = x[t];
        }

        return Filter(y, sections);
    }

    /// <summary>The same loop over a double signal, in place; returns it.</summary>
    public static double[] Filter(double[] y, ReadOnlySpan<BiquadSection> sections)
    {
        if (y.Length == 0)
        {
            return y;
        }

        double input = y[0];
        foreach (BiquadSection c in sections)
        {
            // Steady state s = (I - A)^-1 B u.
            double m11 = 1 - (double)c.A11, m12 = -(double)c.A12, m21 = -(double)c.A21, m22 = 1 - (double)c.A22;
            double det = (m11 * m22) - (m12 * m21);
            double s1 = ((m22 * c.B1) - (m12 * c.B2)) / det * input;
            double s2 = ((m11 * c.B2) - (m21 * c.B1)) / det * input;
            input = (c.D * input) + (c.C1 * s1) + (c.C2 * s2);
            for (int t = 0; t < y.Length; t++)
            {
                double v = y[t];
                y[t] = (c.D * v) + (c.C1 * s1) + (c.C2 * s2);
                (s1, s2) = ((c.A11 * s1) + (c.A12 * s2) + (c.B1 * v), (c.A21 * s1) + (c.A22 * s2) + (c.B2 * v));
            }
        }

        return y;
    }

    /// <summary>
    /// scipy's sosfiltfilt in double, written from its documented algorithm: odd extension by
    /// min(3 ntaps, T - 1) samples at each end (scipy raises instead of shortening), a forward pass from
    /// the steady state for the first extended sample, a backward pass from the steady state for the last
    /// output, the extension cut off.
    /// </summary>
    public static double[] FiltFilt(ReadOnlySpan<float> x, ReadOnlySpan<BiquadSection> sections, int filtFiltTaps)
    {
        int length = x.Length, edge = Math.Max(0, Math.Min(3 * filtFiltTaps, length - 1));
        if (length == 0)
        {
            return [];
        }

        var extended = new double[length + (2 * edge)];
        for (int t = 0; t < length; t++)
        {
            extended[edge + t] = x[t];
        }

        for (int i = 1; i <= edge; i++)
        {
            extended[edge - i] = (2.0 * x[0]) - x[i];
            extended[edge + length - 1 + i] = (2.0 * x[length - 1]) - x[length - 1 - i];
        }

        Filter(extended, sections);
        Array.Reverse(extended);
        Filter(extended, sections);
        Array.Reverse(extended);
        return extended[edge..(edge + length)];
    }

    /// <summary>
    /// A direct-form transfer function b / a (a[0] = 1) in double, transposed direct form II from a zero
    /// state: the textbook loop, for coefficients that come from another library.
    /// </summary>
    public static double[] FilterDirectForm(ReadOnlySpan<float> x, double[] b, double[] a)
    {
        int order = Math.Max(a.Length, b.Length) - 1;
        var state = new double[order + 1];
        var y = new double[x.Length];
        for (int t = 0; t < x.Length; t++)
        {
            double v = x[t];
            double o = (b[0] * v) + state[0];
            for (int k = 1; k <= order; k++)
            {
                double bk = k < b.Length ? b[k] : 0, ak = k < a.Length ? a[k] : 0;
                state[k - 1] = (bk * v) - (ak * o) + state[k];
            }

            y[t] = o;
        }

        return y;
    }

    /// <summary>Amplitude and phase of the best fit a sin(2 pi f t / fs + phase) to x over [from, to).</summary>
    public static (double Amplitude, double Phase) FitSine(ReadOnlySpan<float> x, double f, double fs, int from, int to)
    {
        // Least squares on sin and cos over whole-ish periods; the cross terms are small and included.
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int t = from; t < to; t++)
        {
            double s = Math.Sin(2 * Math.PI * f * t / fs), c = Math.Cos(2 * Math.PI * f * t / fs);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[t] * s;
            xc += x[t] * c;
        }

        double det = (ss * cc) - (sc * sc);
        double a = ((xs * cc) - (xc * sc)) / det;
        double b = ((xc * ss) - (xs * sc)) / det;
        return (Math.Sqrt((a * a) + (b * b)), Math.Atan2(b, a));
    }
}
