using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Noise;

/// <summary>
/// AddBackgroundNoise (defaults: 3 to 30 dB, relative) over a corpus of one file, noise-44k.wav (2 s, shorter
/// than the clip, so it is looped), against a scalar loop over the same decoded noise.
/// </summary>
/// <remarks>
/// Both sides read the noise from memory: the transform from its corpus's cache (warm after the first call),
/// the baseline from the file decoded once in setup. audiomentations' anchor reads and decodes the file on
/// every call, which neither side here does; its figure is the cost of the whole call.
/// </remarks>
public class AddBackgroundNoiseBenchmarks : TransformBenchmark<AddBackgroundNoise, AddBackgroundNoiseParameters>
{
    private float[] _noise = [];
    private double[] _gains = [];
    private double _noisePeak;

    protected override AddBackgroundNoise CreateTransform() => new(AudioCorpus.FromPath(Fixtures.NoisePath), p: 1);

    protected override void PrepareBaseline()
    {
        _noise = Fixtures.Noise.Channels[0];
        _gains = new double[BatchSize];
        _noisePeak = 0;
        foreach (float z in _noise)
        {
            _noisePeak = Math.Max(_noisePeak, Math.Abs(z));
        }
    }

    /// <summary>
    /// s = the drawn start (<see cref="BackgroundNoiseMath.StartSample"/>), z[t] = noise[(s + t) mod N];
    /// g = (rms(x) / 10^(snr / 20)) / rms(z) over the clip's samples; y = x + g z.
    /// </summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        AddBackgroundNoiseParameters parameters = Parameters(example);
        int n = _noise.Length;
        int start = BackgroundNoiseMath.StartSample(parameters.OffsetFraction, n, clip.Length);
        double clean = 0, noise = 0;
        for (int t = 0; t < clip.Length; t++)
        {
            float z = _noise[(start + t) % n];
            clean += clip[t] * clip[t];
            noise += z * z;
        }

        double gain = Math.Sqrt(clean / clip.Length) / Math.Pow(10, parameters.SnrDb / 20.0) / Math.Sqrt(noise / clip.Length);
        _gains[example] = gain;
        float g = (float)gain;
        for (int t = 0; t < clip.Length; t++)
        {
            clip[t] += g * _noise[(start + t) % n];
        }
    }

    /// <remarks>
    /// The library takes the clip's energy in float (about 1e-5 relative) and the noise segment's from running
    /// sums in double: g agrees within about 1e-5 relative, so the added noise within 1e-4 * g * peak |noise|;
    /// plus two roundings of the sum.
    /// </remarks>
    protected override Tolerance ToleranceFor(int example) => new(1e-4 * _gains[example] * _noisePeak, 2.0 / (1 << 23));
}
