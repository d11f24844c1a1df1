namespace FastAudiomentations.Tests.Helpers;

/// <summary>A fresh folder under the system's temp folder, deleted with its contents on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastaug-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the folder (sub-folders are created).</summary>
    public string File(string name)
    {
        string full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Writes raw bytes to <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, byte[] bytes)
    {
        string full = File(name);
        System.IO.File.WriteAllBytes(full, bytes);
        return full;
    }

    /// <summary>Writes audio as 32-bit float WAV (exact samples) and returns its path.</summary>
    public string WriteWav(string name, int sampleRate, params float[][] channels)
    {
        string full = File(name);
        AudioFile.WriteWav(full, new AudioData(channels, sampleRate), WavSampleFormat.Float32);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
