using FastAudiomentations.Dsp;
using static FastAudiomentations.Tests.Transforms.Filters.FilterReference;

namespace FastAudiomentations.Tests.Transforms.Filters;

/// <summary>
/// The restructured design (value types, rank instead of sort, algebraic centre) against the design as it was
/// (<see cref="LegacyButterworthDesign"/>), over every band and order and edges from 1 Hz to near Nyquist.
/// </summary>
public class ButterworthLegacyTests
{
    private const double Fs = 44_100;

    /// <summary>
    /// Both compute the same poles and gains in double; they differ only in rounding: cos theta0, sin(theta0 / 2)
    /// algebraically instead of through atan, cos and sin (a few ulps of double), and the band-pass phases
    /// multiplied in design order instead of sorted order (which decides only a sign). A coefficient rounded to
    /// float then agrees exactly or to one float ulp (6e-8 relative to the section's largest coefficient); the
    /// form's ill-conditioned step, C2 = (beta0 + sigma beta1) / kappa near z = 1, amplifies double errors of 1e-16
    /// by at most ~1 / (1 - |p|)^2 ~ 1e8 at 1 Hz edges: still below a float ulp. So 2.5e-7 of the section's scale
    /// (four ulps) bounds every coefficient; a wrong pole, gain, sign or order errs by O(1).
    /// </summary>
    private const double Tolerance = 2.5e-7;

    public static TheoryData<Band> Bands => [Band.LowPass, Band.HighPass, Band.BandPass, Band.BandStop];

    [Theory]
    [MemberData(nameof(Bands))]
    public void Sections_EqualTheLegacyDesign(Band band)
    {
        var random = new System.Random(7);
        var legacy = new BiquadSection[ButterworthDesign.MaxOrder];
        var current = new BiquadSection[ButterworthDesign.MaxOrder];
        double worst = 0;
        int exact = 0, total = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int order = 1 + (trial % ButterworthDesign.MaxOrder);

            // Log-uniform edges from 1 Hz to 0.45 fs; band designs draw a second edge above the first.
            double low = Math.Exp(random.NextDouble() * Math.Log(0.45 * Fs));
            double high = Math.Min(low * (1.01 + (random.NextDouble() * 8)), 0.49 * Fs);
            int count = Design(band, order, low, high, legacy, current);
            for (int i = 0; i < count; i++)
            {
                float[] a = Coefficients(legacy[i]), b = Coefficients(current[i]);
                double scale = a.Max(MathF.Abs);
                for (int j = 0; j < a.Length; j++)
                {
                    double error = Math.Abs(a[j] - b[j]) / scale;
                    worst = Math.Max(worst, error);
                    exact += a[j] == b[j] ? 1 : 0;
                    total++;
                    Assert.True(error <= Tolerance, $"{band} order {order}, {low:F2}-{high:F2} Hz, section {i}, coefficient {j}: {a[j]:R} (legacy) vs {b[j]:R}");
                }
            }
        }

        Assert.True(exact >= 0.99 * total, $"only {exact} of {total} coefficients equal; worst {worst:E2}");
    }

    private static int Design(Band band, int order, double low, double high, BiquadSection[] legacy, BiquadSection[] current) => band switch
    {
        Band.LowPass => Same(LegacyButterworthDesign.LowPass(order, low, Fs, legacy), ButterworthDesign.LowPass(order, low, Fs, current)),
        Band.HighPass => Same(LegacyButterworthDesign.HighPass(order, low, Fs, legacy), ButterworthDesign.HighPass(order, low, Fs, current)),
        Band.BandPass => Same(LegacyButterworthDesign.BandPass(order, low, high, Fs, legacy), ButterworthDesign.BandPass(order, low, high, Fs, current)),
        _ => Same(LegacyButterworthDesign.BandStop(order, low, high, Fs, legacy), ButterworthDesign.BandStop(order, low, high, Fs, current)),
    };

    private static int Same(int a, int b)
    {
        Assert.Equal(a, b);
        return a;
    }

    private static float[] Coefficients(BiquadSection c) => [c.A11, c.A12, c.A21, c.A22, c.B1, c.B2, c.C1, c.C2, c.D];
}
