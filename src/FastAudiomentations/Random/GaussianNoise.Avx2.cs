using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastAudiomentations.Random;

/// <summary>The AVX2 path of <see cref="GaussianNoise"/>: 32 samples (8 Philox blocks) per step.</summary>
public static partial class GaussianNoise
{
    /// <summary>
    /// Head and tail through the scalar definition, whole 32-sample chunks (starting on a block boundary)
    /// through <see cref="Philox4x32.Generate8(uint, uint, uint, uint, RandomKey, out System.Runtime.Intrinsics.Vector256{uint}, out System.Runtime.Intrinsics.Vector256{uint}, out System.Runtime.Intrinsics.Vector256{uint}, out System.Runtime.Intrinsics.Vector256{uint})"/> and <see cref="BoxMuller"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    internal static void RunAvx2<TSink>(ref TSink sink, Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
        where TSink : struct, INoiseSink
    {
        int i = Head(ref sink, destination, key, node, example, channel, start);
        uint w = RandomCoordinates.Counter(0, channel, example, node, RandomPurpose.Signal).W;
        ref float origin = ref MemoryMarshal.GetReference(destination);
        for (; destination.Length - i >= 32; i += 32)
        {
            Philox4x32.Generate8((uint)(start + i) >> 2, channel, example, w, key, out Vector256<uint> x, out Vector256<uint> y, out Vector256<uint> z, out Vector256<uint> v);
            Vector256<float> r0 = BoxMuller.Radius(x);
            Vector256<float> r1 = BoxMuller.Radius(z);
            (Vector256<float> s0, Vector256<float> c0) = BoxMuller.SinCosTurns(y);
            (Vector256<float> s1, Vector256<float> c1) = BoxMuller.SinCosTurns(v);
            Vector256<float> a = r0 * c0, b = r0 * s0, c = r1 * c1, d = r1 * s1;

            // 4 x 8 transpose into sample order a0 b0 c0 d0 a1 b1 ...: interleave within 128-bit halves,
            // then swap the halves into place.
            Vector256<float> ab0 = Avx.UnpackLow(a, b), ab1 = Avx.UnpackHigh(a, b);
            Vector256<float> cd0 = Avx.UnpackLow(c, d), cd1 = Avx.UnpackHigh(c, d);
            Vector256<float> t0 = Avx.UnpackLow(ab0.AsDouble(), cd0.AsDouble()).AsSingle();
            Vector256<float> t1 = Avx.UnpackHigh(ab0.AsDouble(), cd0.AsDouble()).AsSingle();
            Vector256<float> t2 = Avx.UnpackLow(ab1.AsDouble(), cd1.AsDouble()).AsSingle();
            Vector256<float> t3 = Avx.UnpackHigh(ab1.AsDouble(), cd1.AsDouble()).AsSingle();
            ref float target = ref Unsafe.Add(ref origin, i);
            sink.Store(ref target, Avx.Permute2x128(t0, t1, 0x20));
            sink.Store(ref Unsafe.Add(ref target, 8), Avx.Permute2x128(t2, t3, 0x20));
            sink.Store(ref Unsafe.Add(ref target, 16), Avx.Permute2x128(t0, t1, 0x31));
            sink.Store(ref Unsafe.Add(ref target, 24), Avx.Permute2x128(t2, t3, 0x31));
        }

        RunScalar(ref sink, destination[i..], key, node, example, channel, start + i);
    }
}
