namespace FastAudiomentations.Tests.Transforms.Noise;

/// <summary>Measurements on clean and noisy clips, in double precision.</summary>
internal static class NoiseMeasures
{
    /// <summary>y - x per sample (exact in double: the noise actually added, rounding included).</summary>
    public static double[] Added(float[] clean, float[] noisy) => [.. clean.Select((v, t) => (double)noisy[t] - v)];

    /// <summary>10 log10(sum x^2 / sum (y - x)^2) over all given channels.</summary>
    public static double AchievedSnrDb(float[][] clean, float[][] noisy)
    {
        double signal = 0, noise = 0;
        for (int c = 0; c < clean.Length; c++)
        {
            signal += clean[c].Sum(v => (double)v * v);
            noise += Added(clean[c], noisy[c]).Sum(v => v * v);
        }

        return 10 * Math.Log10(signal / noise);
    }

    /// <summary>Pearson correlation of two equally long series.</summary>
    public static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
