using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Amplitude;

/// <summary>Normalize (peak, apply_to = all) against a peak search and a multiply.</summary>
public class NormalizeBenchmarks : TransformBenchmark<Normalize, NormalizeParameters>
{
    protected override Normalize CreateTransform() => new(NormalizeApplyTo.All, p: 1);

    /// <summary>peak = max |x[t]|, y[t] = x[t] / peak.</summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        float peak = 0;
        for (int t = 0; t < clip.Length; t++)
        {
            peak = MathF.Max(peak, MathF.Abs(clip[t]));
        }

        float factor = 1f / peak;
        for (int t = 0; t < clip.Length; t++)
        {
            clip[t] *= factor;
        }
    }

    /// <remarks>
    /// The library nudges fl(1 / peak) up one ulp when that makes the peak exactly 1
    /// (<see cref="Normalize.PeakFactor"/>); the baseline does not, so a sample may differ by that ulp and one
    /// more rounding of the product.
    /// </remarks>
    protected override Tolerance ToleranceFor(int example) => new(0, 2.0 / (1 << 23));
}
