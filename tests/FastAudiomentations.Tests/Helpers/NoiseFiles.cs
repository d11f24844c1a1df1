namespace FastAudiomentations.Tests.Helpers;

/// <summary>
/// A folder of small noise WAVs that the tests write once per process, and a corpus over it with every clip
/// already decoded at <see cref="TransformTable.SampleRate"/> (so allocation tests see a warm cache).
/// </summary>
public static class NoiseFiles
{
    private static readonly Lazy<string> LazyFolder = new(Create);
    private static readonly Lazy<AudioCorpus> LazyCorpus = new(() =>
    {
        AudioCorpus corpus = AudioCorpus.FromFolder(Folder);
        for (int i = 0; i < corpus.Count; i++)
        {
            corpus.GetClip(i, TransformTable.SampleRate);
            corpus.GetClip(i, TransformTable.SampleRate, CorpusChannels.Mono);
        }

        return corpus;
    });

    /// <summary>
    /// The folder: a-mono-16k.wav (0.1 s, shorter than most test clips, so it loops), b-stereo-16k.wav (0.5 s),
    /// c-mono-8k.wav (0.3 s at 8 kHz, resampled), d-three-channel-22k.wav (0.4 s, 3 channels at 22.05 kHz, mixed to mono).
    /// </summary>
    public static string Folder => LazyFolder.Value;

    /// <summary>A shared, warmed corpus over <see cref="Folder"/>.</summary>
    public static AudioCorpus Corpus => LazyCorpus.Value;

    private static string Create()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"fastaug-noise-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        };
        Write(folder, "a-mono-16k.wav", 16_000, Signals.Noise(1_600, 101, 0.3));
        Write(folder, "b-stereo-16k.wav", 16_000, Signals.Noise(8_000, 102, 0.2), Signals.Noise(8_000, 103, 0.4));
        Write(folder, "c-mono-8k.wav", 8_000, Signals.Noise(2_400, 104, 0.5));
        Write(folder, "d-three-channel-22k.wav", 22_050, Signals.Noise(8_820, 105), Signals.Noise(8_820, 106), Signals.Noise(8_820, 107));
        return folder;
    }

    private static void Write(string folder, string name, int sampleRate, params float[][] channels) =>
        AudioFile.WriteWav(Path.Combine(folder, name), new AudioData(channels, sampleRate), WavSampleFormat.Float32);
}
