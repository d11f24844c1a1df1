namespace FastAudiomentations.Tests.Helpers;

/// <summary>Test signals with known properties.</summary>
public static class Signals
{
    /// <summary>A sine of <paramref name="frequencyHz"/> and <paramref name="amplitude"/>.</summary>
    public static float[] Sine(int length, double frequencyHz, int sampleRate, double amplitude = 0.5, double phase = 0)
    {
        var x = new float[length];
        for (int t = 0; t < x.Length; t++)
        {
            x[t] = (float)(amplitude * Math.Sin((2 * Math.PI * frequencyHz * t / sampleRate) + phase));
        }

        return x;
    }

    /// <summary>Seeded uniform noise in [-amplitude, amplitude] (System.Random is fine for test inputs).</summary>
    public static float[] Noise(int length, int seed, double amplitude = 0.5)
    {
        var random = new System.Random(seed);
        var x = new float[length];
        for (int t = 0; t < x.Length; t++)
        {
            x[t] = (float)(amplitude * ((2 * random.NextDouble()) - 1));
        }

        return x;
    }

    /// <summary>A batch of mono noise clips with the given lengths.</summary>
    public static float[][] NoiseClips(int seed, params int[] lengths) =>
        [.. lengths.Select((n, i) => Noise(n, seed + i))];

    /// <summary>Root mean square.</summary>
    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (float v in x)
        {
            sum += (double)v * v;
        }

        return x.Length == 0 ? 0 : Math.Sqrt(sum / x.Length);
    }
}
