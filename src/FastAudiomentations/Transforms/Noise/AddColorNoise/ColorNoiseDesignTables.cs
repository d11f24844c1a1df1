namespace FastAudiomentations;

/// <summary>
/// The parts of <see cref="ColorNoiseShaping.Design"/> that depend on nFft alone, computed once per nFft instead of once
/// per design: ln max(k, 1) per bin, the inverse DFT's basis 2 cos(2 pi k n / N), and the squared Hann window per tap pair.
/// </summary>
/// <remarks>
/// Why: a design evaluated 65 powers, 128 cosines and 65 sines per call at nFft = 128 (~7 us); the host designs one per
/// example per call (128 per call at B = 128 on the GPU path, where the host's time is the call's critical path). With
/// these tables a design is ~65 exponentials and a vectorised product per output tap. The basis is kept as a matrix
/// (row n = taps n, columns k = 1 .. N/2 - 1) up to <see cref="MaxMatrixNFft"/> (520 KB); beyond it rows are gathered
/// from the cosine table into work space, the same values, so both give the same taps. Immutable once built, so the
/// latest table is shared between threads through one volatile field without a lock.
/// </remarks>
internal sealed class ColorNoiseDesignTables
{
    /// <summary>The largest nFft whose basis is kept as a matrix ((N/2 + 1)(N/2 - 1) doubles).</summary>
    public const int MaxMatrixNFft = 512;

    private static volatile ColorNoiseDesignTables? _latest;

    private ColorNoiseDesignTables(int nFft)
    {
        NFft = nFft;
        int half = nFft / 2;
        LogBins = new double[half + 1];
        for (int k = 0; k <= half; k++)
        {
            LogBins[k] = Math.Log(Math.Max(k, 1));
        }

        Cosines = new double[nFft];
        for (int j = 0; j < nFft; j++)
        {
            Cosines[j] = Math.Cos(2.0 * Math.PI * j / nFft);
        }

        WindowSquared = new double[half + 1];
        for (int n = 0; n <= half; n++)
        {
            // Taps half + n and half - n share this value of the Hann window sin^2(pi (m + 1/2) / (N + 1)).
            double window = Math.Sin(Math.PI * (half + n + 0.5) / (nFft + 1));
            WindowSquared[n] = window * window;
        }

        if (nFft <= MaxMatrixNFft && half > 1)
        {
            Basis = new double[(half + 1) * (half - 1)];
            for (int n = 0; n <= half; n++)
            {
                FillRow(n, Basis.AsSpan(n * (half - 1), half - 1));
            }
        }
    }

    /// <summary>The DFT size these tables are for.</summary>
    public int NFft { get; }

    /// <summary>ln max(k, 1), k = 0 .. N/2: the envelope max(k, 1)^a is exp(a ln max(k, 1)).</summary>
    public double[] LogBins { get; }

    /// <summary>cos(2 pi j / N), j = 0 .. N - 1.</summary>
    public double[] Cosines { get; }

    /// <summary>The squared Hann window of taps N/2 +- n, n = 0 .. N/2.</summary>
    public double[] WindowSquared { get; }

    /// <summary>Row n (N/2 - 1 values): 2 cos(2 pi k n / N), k = 1 .. N/2 - 1; null above <see cref="MaxMatrixNFft"/>.</summary>
    public double[]? Basis { get; }

    /// <summary>The tables for <paramref name="nFft"/> (even, at least 2): the cached ones when the last request had the same nFft.</summary>
    public static ColorNoiseDesignTables For(int nFft)
    {
        ColorNoiseDesignTables? latest = _latest;
        if (latest is null || latest.NFft != nFft)
        {
            latest = new ColorNoiseDesignTables(nFft);
            _latest = latest;
        }

        return latest;
    }

    /// <summary>
    /// Row <paramref name="n"/> of the basis into <paramref name="row"/>: 2 cos(2 pi k n / N) for k = 1 .. N/2 - 1, from
    /// the cosine table (k n mod N, stepped by n with one wrap since n &lt;= N/2: no division per term).
    /// </summary>
    public void FillRow(int n, Span<double> row)
    {
        int index = 0;
        for (int k = 1; k <= row.Length; k++)
        {
            index += n;
            if (index >= NFft)
            {
                index -= NFft;
            }

            row[k - 1] = 2.0 * Cosines[index];
        }
    }
}
