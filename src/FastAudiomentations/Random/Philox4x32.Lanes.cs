using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastAudiomentations.Random;

/// <summary>Philox4x32-10 over SIMD lanes: 16 (AVX-512) or 8 (AVX2) blocks at once, consecutive blocks of one stream or any eight.</summary>
/// <remarks>
/// <para>
/// The blocks share counter words Y, Z, W and the key, and have X = first, first + 1, ... The rounds run on
/// 64-bit lanes, each holding one block's 32-bit word in its low half: blocks first, first + 2, ... in one
/// register ("even") and first + 1, first + 3, ... in another ("odd"). Then the 32 x 32 -&gt; 64-bit product
/// that Philox needs is one vpmuludq (which reads only the low halves, so the high halves may hold
/// anything), its high word one shift, and its low word is the product itself, no blend needed. A round
/// costs 2 multiplies, 2 shifts and 2 three-way XORs (vpternlogd under AVX-512) per register; the even and
/// odd registers are only interleaved into block order at the end.
/// </para>
/// <para>
/// Same arithmetic as <see cref="Generate"/>, so the same bits; checked against it in the tests.
/// </para>
/// </remarks>
public static partial class Philox4x32
{
    /// <summary>Blocks first .. first + 15 of the stream (Y, Z, W) under <paramref name="key"/>, words in block order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Generate16(uint first, uint y, uint z, uint w, RandomKey key, out Vector512<uint> x0, out Vector512<uint> x1, out Vector512<uint> x2, out Vector512<uint> x3)
    {
        Vector512<uint> m0 = Vector512.Create((ulong)M0).AsUInt32();
        Vector512<uint> m1 = Vector512.Create((ulong)M1).AsUInt32();
        Vector512<ulong> evenCounter = Vector512.Create((ulong)first) + Vector512.Create(0ul, 2, 4, 6, 8, 10, 12, 14);
        Vector512<ulong> e0 = evenCounter, e1 = Vector512.Create((ulong)y), e2 = Vector512.Create((ulong)z), e3 = Vector512.Create((ulong)w);
        Vector512<ulong> o0 = evenCounter + Vector512<ulong>.One, o1 = e1, o2 = e2, o3 = e3;
        Vector512<ulong> k0 = Vector512.Create((ulong)key.K0), k1 = Vector512.Create((ulong)key.K1);
        for (int round = 0; round < 10; round++)
        {
            Vector512<ulong> pe0 = Avx512F.Multiply(e0.AsUInt32(), m0);
            Vector512<ulong> pe1 = Avx512F.Multiply(e2.AsUInt32(), m1);
            Vector512<ulong> po0 = Avx512F.Multiply(o0.AsUInt32(), m0);
            Vector512<ulong> po1 = Avx512F.Multiply(o2.AsUInt32(), m1);
            e0 = Avx512F.TernaryLogic(pe1 >>> 32, e1, k0, 0x96);
            e2 = Avx512F.TernaryLogic(pe0 >>> 32, e3, k1, 0x96);
            o0 = Avx512F.TernaryLogic(po1 >>> 32, o1, k0, 0x96);
            o2 = Avx512F.TernaryLogic(po0 >>> 32, o3, k1, 0x96);
            e1 = pe1;
            e3 = pe0;
            o1 = po1;
            o3 = po0;
            k0 += Vector512.Create((ulong)W0);
            k1 += Vector512.Create((ulong)W1);
        }

        x0 = Interleave(e0, o0);
        x1 = Interleave(e1, o1);
        x2 = Interleave(e2, o2);
        x3 = Interleave(e3, o3);
    }

    /// <summary>Blocks first .. first + 7 of the stream (Y, Z, W) under <paramref name="key"/>, words in block order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Generate8(uint first, uint y, uint z, uint w, RandomKey key, out Vector256<uint> x0, out Vector256<uint> x1, out Vector256<uint> x2, out Vector256<uint> x3)
    {
        Vector256<ulong> evenCounter = Vector256.Create((ulong)first) + Vector256.Create(0ul, 2, 4, 6);
        Vector256<ulong> e0 = evenCounter, e1 = Vector256.Create((ulong)y), e2 = Vector256.Create((ulong)z), e3 = Vector256.Create((ulong)w);
        Vector256<ulong> o0 = evenCounter + Vector256<ulong>.One, o1 = e1, o2 = e2, o3 = e3;
        Blocks8(e0, e1, e2, e3, o0, o1, o2, o3, key, out x0, out x1, out x2, out x3);
    }

    /// <summary>
    /// Eight blocks of any counters, block i at counter (c0[i], c1[i], c2[i], c3[i]) under <paramref name="key"/>, words in
    /// block order: e.g. the same draw of eight examples' streams (the plan sampler's decisions).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Generate8(Vector256<uint> c0, Vector256<uint> c1, Vector256<uint> c2, Vector256<uint> c3, RandomKey key, out Vector256<uint> x0, out Vector256<uint> x1, out Vector256<uint> x2, out Vector256<uint> x3)
    {
        // Even blocks' words sit in the low halves of the 64-bit lanes already; odd blocks' move down.
        Vector256<ulong> e0 = c0.AsUInt64(), e1 = c1.AsUInt64(), e2 = c2.AsUInt64(), e3 = c3.AsUInt64();
        Vector256<ulong> o0 = e0 >>> 32, o1 = e1 >>> 32, o2 = e2 >>> 32, o3 = e3 >>> 32;
        Blocks8(e0, e1, e2, e3, o0, o1, o2, o3, key, out x0, out x1, out x2, out x3);
    }

    /// <summary>
    /// The ten rounds over the even and odd blocks' registers, then the words back in block order. Only the low half of
    /// each 64-bit lane is read (vpmuludq reads nothing else, and the XORs' high halves never reach a low half), so
    /// callers may leave anything above.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Blocks8(Vector256<ulong> e0, Vector256<ulong> e1, Vector256<ulong> e2, Vector256<ulong> e3, Vector256<ulong> o0, Vector256<ulong> o1, Vector256<ulong> o2, Vector256<ulong> o3, RandomKey key, out Vector256<uint> x0, out Vector256<uint> x1, out Vector256<uint> x2, out Vector256<uint> x3)
    {
        Vector256<uint> m0 = Vector256.Create((ulong)M0).AsUInt32();
        Vector256<uint> m1 = Vector256.Create((ulong)M1).AsUInt32();
        Vector256<ulong> k0 = Vector256.Create((ulong)key.K0), k1 = Vector256.Create((ulong)key.K1);
        for (int round = 0; round < 10; round++)
        {
            Vector256<ulong> pe0 = Avx2.Multiply(e0.AsUInt32(), m0);
            Vector256<ulong> pe1 = Avx2.Multiply(e2.AsUInt32(), m1);
            Vector256<ulong> po0 = Avx2.Multiply(o0.AsUInt32(), m0);
            Vector256<ulong> po1 = Avx2.Multiply(o2.AsUInt32(), m1);
            e0 = (pe1 >>> 32) ^ e1 ^ k0;
            e2 = (pe0 >>> 32) ^ e3 ^ k1;
            o0 = (po1 >>> 32) ^ o1 ^ k0;
            o2 = (po0 >>> 32) ^ o3 ^ k1;
            e1 = pe1;
            e3 = pe0;
            o1 = po1;
            o3 = po0;
            k0 += Vector256.Create((ulong)W0);
            k1 += Vector256.Create((ulong)W1);
        }

        x0 = Interleave(e0, o0);
        x1 = Interleave(e1, o1);
        x2 = Interleave(e2, o2);
        x3 = Interleave(e3, o3);
    }

    /// <summary>Low words of the even-block lanes into even 32-bit lanes, of the odd-block lanes into odd ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Interleave(Vector512<ulong> even, Vector512<ulong> odd) =>
        Vector512.ConditionalSelect(Vector512.Create(0xFFFF_FFFF_0000_0000ul), odd << 32, even).AsUInt32();

    /// <summary>Low words of the even-block lanes into even 32-bit lanes, of the odd-block lanes into odd ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Interleave(Vector256<ulong> even, Vector256<ulong> odd) =>
        Avx2.Blend(even.AsUInt32(), (odd << 32).AsUInt32(), 0b1010_1010);
}
