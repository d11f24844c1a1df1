using System.Globalization;

namespace FastAudiomentations.Cli.Augmenting;

/// <summary>
/// Shard k of N (k counted from 0, as Kubernetes indexed jobs and Ray count): a file belongs to it when
/// <see cref="StableHash"/>(relative path) mod N = k. Shards are disjoint, cover every file, and do not
/// depend on the seed, the file order or the machine.
/// </summary>
internal readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Every file: shard 0 of 1.</summary>
    public static ShardSpec All => new(0, 1);

    /// <summary>Parses "k/N" with 0 &lt;= k &lt; N.</summary>
    public static bool TryParse(string? text, out ShardSpec shard, out string error)
    {
        shard = All;
        error = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            || count < 1)
        {
            error = $"--shard must be k/N with N >= 1 (e.g. 0/4), not '{text}'.";
            return false;
        }

        if (index >= count)
        {
            error = $"--shard {text}: k counts from 0, so it must lie in [0, {count - 1}].";
            return false;
        }

        shard = new ShardSpec(index, count);
        return true;
    }

    /// <summary>Whether the file at <paramref name="relativePath"/> belongs to this shard.</summary>
    public bool Contains(string relativePath) =>
        Count == 1 || StableHash.Of(ClipIdentity.Normalise(relativePath)) % (ulong)Count == (ulong)Index;

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";
}
