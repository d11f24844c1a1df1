namespace FastAudiomentations.Random;

/// <summary>The 64-bit Philox key of one call: derived from the user's seed and the call index.</summary>
/// <param name="K0">Low key word.</param>
/// <param name="K1">High key word.</param>
public readonly record struct RandomKey(uint K0, uint K1)
{
    /// <summary>
    /// Derives the key for call <paramref name="call"/> of a pipeline seeded with <paramref name="seed"/>.
    /// SplitMix64 finalisers decorrelate neighbouring seeds and calls (seed 1 and seed 2 share no structure).
    /// </summary>
    public static RandomKey From(long seed, long call = 0)
    {
        ulong mixed = SplitMix64((ulong)seed) ^ SplitMix64((ulong)call + 0x632BE59BD9B4E019ul);
        mixed = SplitMix64(mixed);
        return new RandomKey((uint)mixed, (uint)(mixed >> 32));
    }

    private static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15ul;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ul;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBul;
        return x ^ (x >> 31);
    }
}
