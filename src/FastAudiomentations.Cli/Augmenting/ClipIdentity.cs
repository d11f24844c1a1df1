namespace FastAudiomentations.Cli.Augmenting;

/// <summary>
/// How `fastaug` names a clip in the random streams, so that an output depends only on the seed, the
/// pipeline, the file's relative path and the copy index: never on batching, sharding, thread count or
/// the order files are found in.
/// </summary>
/// <remarks>
/// Example id = the 64-bit <see cref="StableHash"/> of the relative path (with '/' separators) folded to
/// 32 bits; copy i is call i of the seed. Two files share an id with probability 2^-32 per pair; they then
/// draw the same parameters, which does no harm.
/// </remarks>
internal static class ClipIdentity
{
    /// <summary>The relative path in the one spelling every OS agrees on: '/' separators.</summary>
    public static string Normalise(string relativePath) => relativePath.Replace('\\', '/');

    /// <summary>The example id of the file at <paramref name="relativePath"/>.</summary>
    public static uint ExampleId(string relativePath)
    {
        ulong hash = StableHash.Of(Normalise(relativePath));
        return (uint)(hash ^ (hash >> 32));
    }

    /// <summary>The call index of copy <paramref name="copy"/>.</summary>
    public static long Call(int copy) => copy;

    /// <summary>Output path of copy <paramref name="copy"/>, relative: "dir/name.wav" becomes "dir/name.aug{copy}.wav".</summary>
    public static string OutputRelativePath(string relativePath, int copy)
    {
        string folder = Path.GetDirectoryName(relativePath) ?? string.Empty;
        return Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(relativePath)}.aug{copy}.wav");
    }
}
