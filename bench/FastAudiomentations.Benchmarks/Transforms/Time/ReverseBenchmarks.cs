using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Time;

/// <summary>Reverse against a swap loop.</summary>
public class ReverseBenchmarks : TransformBenchmark<Reverse, ReverseParameters>
{
    protected override Reverse CreateTransform() => new(p: 1);

    /// <summary>y[t] = x[n - 1 - t], swapping from both ends.</summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        for (int i = 0, j = clip.Length - 1; i < j; i++, j--)
        {
            (clip[i], clip[j]) = (clip[j], clip[i]);
        }
    }

    /// <remarks>A permutation, exact.</remarks>
    protected override Tolerance ToleranceFor(int example) => Tolerance.Exact;
}
