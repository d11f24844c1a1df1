namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// The shared audio fixtures every benchmark runs on: <c>clip-44k.wav</c> (the input, as in the Python
/// anchors' benchmarks) and <c>noise-44k.wav</c> (the background-noise corpus).
/// </summary>
/// <remarks>
/// The fixtures live outside the repository, in <c>shared/fixtures/</c> of the folder that holds the
/// checkout (also in CI). Search order: the folder named by the <c>FASTAUG_FIXTURES</c> environment
/// variable; then <c>shared/fixtures</c> in the repository root and in each of its ancestors (a git worktree
/// nested one level deeper still finds it). The repository root is the first ancestor of this assembly's
/// folder that holds <c>FastAudiomentations.slnx</c>, which also holds for the copies BenchmarkDotNet builds
/// under <c>bin/</c>.
/// </remarks>
public static class Fixtures
{
    /// <summary>Environment variable that overrides where the fixtures are.</summary>
    public const string EnvironmentVariable = "FASTAUG_FIXTURES";

    /// <summary>File name of the input clip.</summary>
    public const string ClipFile = "clip-44k.wav";

    /// <summary>File name of the background noise.</summary>
    public const string NoiseFile = "noise-44k.wav";

    /// <summary>Samples of <see cref="ClipFile"/>; checked on load so that figures stay comparable with the anchors'.</summary>
    public const int ClipSamples = 252_046;

    private static readonly Lazy<string> FolderLazy = new(Locate);
    private static readonly Lazy<AudioData> ClipLazy = new(() => ReadMono(ClipPath, ClipSamples));
    private static readonly Lazy<AudioData> NoiseLazy = new(() => ReadMono(NoisePath, null));

    /// <summary>The folder holding the fixtures.</summary>
    public static string Folder => FolderLazy.Value;

    /// <summary>Full path of <see cref="ClipFile"/>.</summary>
    public static string ClipPath => Path.Combine(Folder, ClipFile);

    /// <summary>Full path of <see cref="NoiseFile"/>.</summary>
    public static string NoisePath => Path.Combine(Folder, NoiseFile);

    /// <summary>The input clip (mono, 44.1 kHz, 252,046 samples), read once.</summary>
    public static AudioData Clip => ClipLazy.Value;

    /// <summary>The background noise (mono, 44.1 kHz, 88,200 samples), read once.</summary>
    public static AudioData Noise => NoiseLazy.Value;

    private static AudioData ReadMono(string path, int? expectedLength)
    {
        AudioData audio = AudioFile.Read(path);
        if (audio.ChannelCount != 1 || (expectedLength is { } length && audio.Length != length))
        {
            throw new InvalidOperationException(
                $"{path}: expected a mono clip of {expectedLength} samples, found {audio.ChannelCount} channel(s) of {audio.Length}. " +
                "The benchmarks compare with the anchors' figures only on the original fixture.");
        }

        return audio;
    }

    private static string Locate()
    {
        var searched = new List<string>();
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (File.Exists(Path.Combine(fromEnvironment, ClipFile)))
            {
                return Path.GetFullPath(fromEnvironment);
            }

            searched.Add(fromEnvironment + $" (from {EnvironmentVariable})");
        }

        string? root = RepositoryRoot();
        for (DirectoryInfo? folder = root is null ? null : new DirectoryInfo(root); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "shared", "fixtures");
            if (File.Exists(Path.Combine(candidate, ClipFile)))
            {
                return candidate;
            }

            searched.Add(candidate);
        }

        throw new FileNotFoundException(
            $"The benchmark fixtures ({ClipFile}, {NoiseFile}) were not found. They live in shared/fixtures/ next to the " +
            $"repository (its parent folder holds shared/). Searched: {string.Join("; ", searched)}. " +
            $"Repository root: {root ?? "not found (no FastAudiomentations.slnx above " + AppContext.BaseDirectory + ")"}. " +
            $"Set {EnvironmentVariable} to the folder holding {ClipFile} to point elsewhere.",
            ClipFile);
    }

    private static string? RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FastAudiomentations.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
