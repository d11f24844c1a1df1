using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Amplitude;

/// <summary>Gain (audiomentations' defaults, ±12 dB) against a per-sample multiply.</summary>
public class GainBenchmarks : TransformBenchmark<Gain, GainParameters>
{
    protected override Gain CreateTransform() => new(Gain.DefaultMinGainDb, Gain.DefaultMaxGainDb, p: 1);

    /// <summary>y[t] = x[t] * 10^(g / 20).</summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        float factor = MathF.Pow(10f, Parameters(example).GainDb / 20f);
        for (int t = 0; t < clip.Length; t++)
        {
            clip[t] *= factor;
        }
    }

    /// <remarks>One multiply per sample, exact; the factor may differ by one rounding if computed another way.</remarks>
    protected override Tolerance ToleranceFor(int example) => Tolerance.OneUlp;
}
