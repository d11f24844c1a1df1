using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Noise;

/// <summary>AddGaussianSNR (defaults: 5 to 40 dB) against scalar noise, power sums in double and a mix.</summary>
public class AddGaussianSnrBenchmarks : TransformBenchmark<AddGaussianSnr, AddGaussianSnrParameters>
{
    private const double MaxDeviate = 5.77;

    private float[] _noise = [];
    private double[] _scales = [];

    protected override AddGaussianSnr CreateTransform() => new(AddGaussianSnr.DefaultMinSnrDb, AddGaussianSnr.DefaultMaxSnrDb, p: 1);

    protected override void PrepareBaseline()
    {
        _noise = new float[ClipLength];
        _scales = new double[BatchSize];
    }

    /// <summary>
    /// n = the channel's noise stream; k = sqrt(sum x^2 / (sum n^2 10^(snr / 10))) (the noise scaled by its
    /// measured power, as the library defines it); y = x + k n.
    /// </summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        ScalarGaussian.Fill(_noise, Key, Node, (uint)example, 0);
        double signal = 0, noise = 0;
        for (int t = 0; t < clip.Length; t++)
        {
            signal += clip[t] * clip[t];
            noise += _noise[t] * _noise[t];
        }

        double k = signal > 0 && noise > 0 ? Math.Sqrt(signal / (noise * Math.Pow(10, Parameters(example).SnrDb / 10.0))) : 0;
        _scales[example] = k;
        float scale = (float)k;
        for (int t = 0; t < clip.Length; t++)
        {
            clip[t] += scale * _noise[t];
        }
    }

    /// <remarks>
    /// The library sums x^2 and n^2 in float (vector lanes, about 2.5e5 terms): a relative error of about 1e-5 on
    /// each sum, half of it on k = sqrt(ratio); the noise itself is within 1e-5 relative. So the added noise k n
    /// agrees within 1e-4 * k * 5.77, with room to spare; plus two roundings of the sum.
    /// </remarks>
    protected override Tolerance ToleranceFor(int example) => new(1e-4 * _scales[example] * MaxDeviate, 2.0 / (1 << 23));
}
