using System.Text;

namespace FastAudiomentations.Cli.Augmenting;

/// <summary>
/// 64-bit FNV-1a over UTF-8: a hash of text that is the same in every process, on every machine and in
/// every .NET version (string.GetHashCode is randomised per process, so it cannot choose shards).
/// </summary>
/// <remarks>Source: Fowler, Noll, Vo, "FNV hash" (offset basis 14695981039346656037, prime 1099511628211).</remarks>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037ul;
    private const ulong Prime = 1099511628211ul;

    /// <summary>The FNV-1a hash of <paramref name="text"/>'s UTF-8 bytes, finished with the SplitMix64 mix so every bit depends on every byte.</summary>
    public static ulong Of(string text)
    {
        // FNV's low bits mix poorly for short inputs; shard = hash % N needs good low bits.
        ulong hash = Fnv1a64(text);
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9ul;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBul;
        return hash ^ (hash >> 31);
    }

    /// <summary>Plain 64-bit FNV-1a of the UTF-8 bytes.</summary>
    public static ulong Fnv1a64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong hash = OffsetBasis;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * Prime;
        }

        return hash;
    }
}
