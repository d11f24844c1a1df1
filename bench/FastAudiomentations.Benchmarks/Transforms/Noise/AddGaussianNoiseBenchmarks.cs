using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Noise;

/// <summary>AddGaussianNoise (defaults: amplitude 0.001 to 0.015) against scalar Philox and Box-Muller.</summary>
public class AddGaussianNoiseBenchmarks : TransformBenchmark<AddGaussianNoise, AddGaussianNoiseParameters>
{
    /// <summary>The largest standard normal the stream can produce: sqrt(-2 ln 2^-24).</summary>
    private const double MaxDeviate = 5.77;

    protected override AddGaussianNoise CreateTransform() => new(AddGaussianNoise.DefaultMinAmplitude, AddGaussianNoise.DefaultMaxAmplitude, p: 1);

    /// <summary>y[t] = x[t] + a z[t], z from <see cref="ScalarGaussian"/>.</summary>
    protected override void ScalarBaseline(Span<float> clip, int example) =>
        ScalarGaussian.AddScaled(clip, Parameters(example).Amplitude, Key, Node, (uint)example, 0);

    /// <remarks>
    /// The vectorised Gaussian fill is within 1e-5 * max(1, |z|) of the scalar definition
    /// (docs/architecture/random-generation.md), so the noise within 1e-5 * a * 5.77; the library fuses the
    /// multiply-add, the baseline rounds twice: one more rounding of the sum (2^-22 relative covers both).
    /// </remarks>
    protected override Tolerance ToleranceFor(int example) => new(1e-5 * Parameters(example).Amplitude * MaxDeviate, 2.0 / (1 << 23));
}
