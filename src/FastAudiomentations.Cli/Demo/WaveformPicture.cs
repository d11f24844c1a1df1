using ScottPlot;

namespace FastAudiomentations.Cli.Demo;

/// <summary>Draws waveforms one above the other (the original, then each augmented copy) into a PNG with ScottPlot.</summary>
internal static class WaveformPicture
{
    public static void Save(string path, int sampleRate, IReadOnlyList<(string Title, float[] Samples)> rows)
    {
        float limit = 0;
        foreach ((_, float[] samples) in rows)
        {
            foreach (float x in samples)
            {
                limit = Math.Max(limit, Math.Abs(x));
            }
        }

        // One y-scale for every row, so a gain shows as a taller or shorter waveform.
        double yLimit = Math.Max(limit, 1e-3) * 1.05;
        var multiplot = new Multiplot();
        multiplot.AddPlots(rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Plot plot = multiplot.GetPlot(i);
            double[] ys = Array.ConvertAll(rows[i].Samples, x => (double)x);
            plot.Add.Signal(ys, 1.0 / sampleRate);
            plot.Title(rows[i].Title);
            plot.Axes.SetLimits(0, (double)ys.Length / sampleRate, -yLimit, yLimit);
            plot.YLabel("amplitude");
            if (i == rows.Count - 1)
            {
                plot.XLabel("time (s)");
            }
        }

        multiplot.SavePng(path, 1400, 220 * rows.Count);
    }
}
