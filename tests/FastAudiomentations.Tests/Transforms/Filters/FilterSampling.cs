using FastAudiomentations.Dsp;

namespace FastAudiomentations.Tests.Transforms.Filters;

/// <summary>Draws many parameter sets of a filter transform and checks their distributions.</summary>
public static class FilterSampling
{
    /// <summary>Draws.</summary>
    public const int Count = 4000;

    /// <summary>
    /// The 1 % critical value of the Kolmogorov-Smirnov statistic for n = 4000, 1.63 / sqrt(n): a correct
    /// sampler exceeds it once in a hundred seeds, and the seed is fixed. Drawing uniformly in Hz instead of
    /// mel would give D of 0.27 over 150..7500 Hz, 0.18 over 20..2400 Hz and 0.20 over 200..4000 Hz.
    /// </summary>
    public static readonly double KolmogorovSmirnovBound = 1.63 / Math.Sqrt(Count);

    /// <summary>Applies <paramref name="transform"/> (p = 1) to <see cref="Count"/> one-sample clips and returns its parameters.</summary>
    public static TParams[] Draw<TParams>(AudioTransform<TParams> transform, int sampleRate = 16_000)
        where TParams : unmanaged
    {
        float[][] clips = [.. Enumerable.Range(0, Count).Select(_ => new[] { 0.25f })];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, sampleRate);
        AugmentationPlan plan = transform.Apply(batch, seed: 77);
        return ((PlannedStep<TParams>)plan.Steps[0]).Parameters;
    }

    /// <summary>Asserts that the frequencies lie in [min, max] and are uniform in mel there.</summary>
    public static void AssertUniformInMel(IEnumerable<float> hz, double min, double max)
    {
        double low = MelScale.FromHz(min), high = MelScale.FromHz(max);
        double[] u = [.. hz.Select(f => (MelScale.FromHz(f) - low) / (high - low))];
        Assert.All(hz, f => Assert.InRange(f, (float)min, (float)max));
        AssertUniform(u);
    }

    /// <summary>Asserts that values in [0, 1] look uniform: Kolmogorov-Smirnov at the 1 % level.</summary>
    public static void AssertUniform(double[] u)
    {
        Array.Sort(u);
        double d = 0;
        for (int i = 0; i < u.Length; i++)
        {
            d = Math.Max(d, Math.Max(((i + 1.0) / u.Length) - u[i], u[i] - ((double)i / u.Length)));
        }

        Assert.True(d < KolmogorovSmirnovBound, $"Kolmogorov-Smirnov D = {d:F4}, bound {KolmogorovSmirnovBound:F4}");
    }

    /// <summary>
    /// Asserts that the roll-offs are exactly <paramref name="allowed"/>, each drawn about equally often:
    /// Binomial(4000, 1/k) has sd at most 31.6, so +-160 is over 5 sd.
    /// </summary>
    public static void AssertRolloffs(IEnumerable<float> rolloffs, params int[] allowed)
    {
        Dictionary<float, int> counts = rolloffs.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(allowed.Select(a => (float)a).Order(), counts.Keys.Order());
        foreach (int count in counts.Values)
        {
            Assert.InRange(count, (Count / allowed.Length) - 160, (Count / allowed.Length) + 160);
        }
    }
}
