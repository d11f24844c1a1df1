using System.Runtime.CompilerServices;

namespace FastAudiomentations.Random;

/// <summary>
/// The Philox4x32-10 counter-based generator: a pure function from a 128-bit counter and a 64-bit key
/// to 128 random bits.
/// </summary>
/// <remarks>
/// Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3" (SC 2011). Ten rounds,
/// multipliers 0xD2511F53 / 0xCD9E8D57, Weyl key increments 0x9E3779B9 / 0xBB67AE85. Because the output
/// depends only on (counter, key), any thread on any backend computes the same value for the same
/// coordinates: this is what makes CPU and GPU results agree. Plain static code over value types, so
/// ILGPU compiles it into kernels unchanged.
/// </remarks>
public static partial class Philox4x32
{
    private const uint M0 = 0xD2511F53u;
    private const uint M1 = 0xCD9E8D57u;
    private const uint W0 = 0x9E3779B9u;
    private const uint W1 = 0xBB67AE85u;

    /// <summary>Computes the 128 random bits for <paramref name="counter"/> under <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt4 Generate(UInt4 counter, RandomKey key)
    {
        uint c0 = counter.X, c1 = counter.Y, c2 = counter.Z, c3 = counter.W;
        uint k0 = key.K0, k1 = key.K1;
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            c0 = hi1 ^ c1 ^ k0;
            c1 = lo1;
            c2 = hi0 ^ c3 ^ k1;
            c3 = lo0;
            k0 += W0;
            k1 += W1;
        }

        return new UInt4(c0, c1, c2, c3);
    }
}
