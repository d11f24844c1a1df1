using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Amplitude;

/// <summary>Clip against a per-sample compare-and-select.</summary>
/// <remarks>
/// Bounds ±0.25 rather than the default ±1: the fixture never reaches full scale, so the default would leave it
/// unchanged and the validation could not tell a working Clip from a no-op. The optimised path does the same
/// work whatever the bounds; the scalar baseline's branches see some samples clipped, as real use does.
/// </remarks>
public class ClipBenchmarks : TransformBenchmark<Clip, ClipParameters>
{
    private const float Bound = 0.25f;

    protected override Clip CreateTransform() => new(-Bound, Bound, p: 1);

    /// <summary>y[t] = min(max(x[t], aMin), aMax).</summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        for (int t = 0; t < clip.Length; t++)
        {
            float x = clip[t];
            clip[t] = x < -Bound ? -Bound : x > Bound ? Bound : x;
        }
    }

    /// <remarks>A selection, exact.</remarks>
    protected override Tolerance ToleranceFor(int example) => Tolerance.Exact;
}
