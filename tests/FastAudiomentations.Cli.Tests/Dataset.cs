namespace FastAudiomentations.Cli.Tests;

/// <summary>A small folder tree of generated WAVs: mono and stereo, two sample rates, nested folders.</summary>
internal static class Dataset
{
    public static readonly string[] Files =
    [
        "speech/a.wav", "speech/b.wav", "speech/deep/c.wav", "music/d.wav", "music/e.wav", "f.wav", "g.wav",
    ];

    public const string Pipeline = """
        transform: Compose
        transforms:
          - transform: Gain
            min_gain_db: -6
            max_gain_db: 6
            p: 0.9
          - transform: OneOf
            transforms:
              - transform: PolarityInversion
                p: 1
              - transform: Gain
                min_gain_db: -3
                max_gain_db: 0
                mode: per_channel
        """;

    /// <summary>Writes the dataset under <paramref name="root"/> and a pipeline file beside it; returns the pipeline's path.</summary>
    public static string Create(string root, string pipelineFolder)
    {
        for (int i = 0; i < Files.Length; i++)
        {
            string path = Path.Combine(root, Files[i]);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            int channels = Files[i].StartsWith("music", StringComparison.Ordinal) ? 2 : 1;
            int rate = i % 2 == 0 ? 16_000 : 22_050;
            AudioFile.WriteWav(path, new AudioData(Signal(seed: i, channels, length: 800 + (137 * i)), rate), WavSampleFormat.Float32);
        }

        string pipeline = Path.Combine(pipelineFolder, "pipeline.yaml");
        File.WriteAllText(pipeline, Pipeline);
        return pipeline;
    }

    private static float[][] Signal(int seed, int channels, int length)
    {
        var random = new System.Random(seed);
        var x = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            x[c] = new float[length];
            for (int t = 0; t < length; t++)
            {
                x[c][t] = (float)((0.4 * Math.Sin(0.05 * (c + 1) * t)) + (0.1 * ((2 * random.NextDouble()) - 1)));
            }
        }

        return x;
    }
}
