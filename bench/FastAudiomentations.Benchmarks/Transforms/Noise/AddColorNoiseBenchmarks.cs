using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Noise;

/// <summary>
/// AddColorNoise (defaults: 5 to 40 dB, -6 to +6 dB/octave, n_fft 128) against scalar white noise, a direct
/// scalar FIR, power sums in double and a mix.
/// </summary>
public class AddColorNoiseBenchmarks : TransformBenchmark<AddColorNoise, AddColorNoiseParameters>
{
    private const double MaxDeviate = 5.77;
    private const int NFft = AddColorNoise.DefaultNFft;

    private float[] _white = [];
    private float[] _noise = [];
    private float[] _taps = [];
    private double[] _work = [];
    private double[] _noiseBounds = [];

    protected override AddColorNoise CreateTransform() => new(p: 1);

    protected override void PrepareBaseline()
    {
        _white = new float[ClipLength + NFft];
        _noise = new float[ClipLength];
        _taps = new float[ColorNoiseShaping.TapCount(NFft)];
        _work = new double[ColorNoiseShaping.WorkLength(NFft)];
        _noiseBounds = new double[BatchSize];
    }

    /// <summary>
    /// g = the shaping taps for the drawn slope (<see cref="ColorNoiseShaping.Design"/>, the host-side design
    /// the library runs too); w = the channel's white stream over L + n_fft samples;
    /// n[t] = sum_{m=0}^{n_fft} g[m] w[t + m]; k = sqrt(sum x^2 / (sum n^2 10^(snr / 10))); y = x + k n.
    /// </summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        AddColorNoiseParameters parameters = Parameters(example);
        ColorNoiseShaping.Design(_taps, _work, parameters.DecayDbPerOctave, parameters.AWeighting != 0, SampleRate, NFft);
        ScalarGaussian.Fill(_white, Key, Node, (uint)example, 0);
        for (int t = 0; t < clip.Length; t++)
        {
            float sum = 0;
            for (int m = 0; m < _taps.Length; m++)
            {
                sum += _taps[m] * _white[t + m];
            }

            _noise[t] = sum;
        }

        double signal = 0, noise = 0;
        for (int t = 0; t < clip.Length; t++)
        {
            signal += clip[t] * clip[t];
            noise += _noise[t] * _noise[t];
        }

        double k = signal > 0 && noise > 0 ? Math.Sqrt(signal / (noise * Math.Pow(10, parameters.SnrDb / 10.0))) : 0;
        float scale = (float)k;
        for (int t = 0; t < clip.Length; t++)
        {
            clip[t] += scale * _noise[t];
        }

        double tapSum = 0;
        for (int m = 0; m < _taps.Length; m++)
        {
            tapSum += Math.Abs(_taps[m]);
        }

        _noiseBounds[example] = k * MaxDeviate * tapSum;
    }

    /// <remarks>
    /// Bound on the added noise |k n| &lt;= k * 5.77 * sum |g|. The library's FIR adds in another order (float
    /// rounding of 129 products), its power sums run in float (about 1e-5 relative, half of it on k) and its
    /// white noise is within 1e-5 relative: 1e-4 of the bound covers all three; plus two roundings of the sum.
    /// </remarks>
    protected override Tolerance ToleranceFor(int example) => new(1e-4 * _noiseBounds[example], 2.0 / (1 << 23));
}
