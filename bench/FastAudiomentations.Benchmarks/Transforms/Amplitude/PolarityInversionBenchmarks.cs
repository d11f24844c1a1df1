using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Amplitude;

/// <summary>PolarityInversion against a per-sample negation.</summary>
public class PolarityInversionBenchmarks : TransformBenchmark<PolarityInversion, PolarityInversionParameters>
{
    protected override PolarityInversion CreateTransform() => new(p: 1);

    /// <summary>y[t] = -x[t].</summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        for (int t = 0; t < clip.Length; t++)
        {
            clip[t] = -clip[t];
        }
    }

    /// <remarks>Negation is exact.</remarks>
    protected override Tolerance ToleranceFor(int example) => Tolerance.Exact;
}
