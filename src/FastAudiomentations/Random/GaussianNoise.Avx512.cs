using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastAudiomentations.Random;

/// <summary>The AVX-512 path of <see cref="GaussianNoise"/>: 64 samples (16 Philox blocks) per step.</summary>
public static partial class GaussianNoise
{
    /// <summary>
    /// Head and tail through the scalar definition, whole 64-sample chunks (starting on a block boundary)
    /// through <see cref="Philox4x32.Generate16"/> and <see cref="BoxMuller"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    internal static void RunAvx512<TSink>(ref TSink sink, Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
        where TSink : struct, INoiseSink
    {
        int i = Head(ref sink, destination, key, node, example, channel, start);
        uint w = RandomCoordinates.Counter(0, channel, example, node, RandomPurpose.Signal).W;
        ref float origin = ref MemoryMarshal.GetReference(destination);

        // Two-source permutes that interleave the four Box-Muller outputs (a, b, c, d: 16 blocks each) into
        // sample order a0 b0 c0 d0 a1 b1 ...: first pairs (a, b) and (c, d), then the pairs' 64-bit halves.
        Vector512<int> pairLow = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        Vector512<int> pairHigh = Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
        Vector512<int> quadLow = Vector512.Create(0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23);
        Vector512<int> quadHigh = Vector512.Create(8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31);
        for (; destination.Length - i >= 64; i += 64)
        {
            Philox4x32.Generate16((uint)(start + i) >> 2, channel, example, w, key, out Vector512<uint> x, out Vector512<uint> y, out Vector512<uint> z, out Vector512<uint> v);
            Vector512<float> r0 = BoxMuller.Radius(x);
            Vector512<float> r1 = BoxMuller.Radius(z);
            (Vector512<float> s0, Vector512<float> c0) = BoxMuller.SinCosTurns(y);
            (Vector512<float> s1, Vector512<float> c1) = BoxMuller.SinCosTurns(v);
            Vector512<float> a = r0 * c0, b = r0 * s0, c = r1 * c1, d = r1 * s1;
            Vector512<float> abLow = Avx512F.PermuteVar16x32x2(a, pairLow, b);
            Vector512<float> abHigh = Avx512F.PermuteVar16x32x2(a, pairHigh, b);
            Vector512<float> cdLow = Avx512F.PermuteVar16x32x2(c, pairLow, d);
            Vector512<float> cdHigh = Avx512F.PermuteVar16x32x2(c, pairHigh, d);
            ref float target = ref Unsafe.Add(ref origin, i);
            sink.Store(ref target, Avx512F.PermuteVar16x32x2(abLow, quadLow, cdLow));
            sink.Store(ref Unsafe.Add(ref target, 16), Avx512F.PermuteVar16x32x2(abLow, quadHigh, cdLow));
            sink.Store(ref Unsafe.Add(ref target, 32), Avx512F.PermuteVar16x32x2(abHigh, quadLow, cdHigh));
            sink.Store(ref Unsafe.Add(ref target, 48), Avx512F.PermuteVar16x32x2(abHigh, quadHigh, cdHigh));
        }

        RunScalar(ref sink, destination[i..], key, node, example, channel, start + i);
    }
}
