using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations.Dsp;

/// <summary>The CPU path of an FIR filter: a vectorised sliding dot product.</summary>
/// <remarks>
/// output[n] = sum_{j=0}^{N-1} taps[j] input[n + j] for n in [0, output.Length), accumulated in j order with
/// fused multiply-adds from 0, in every lane and in the scalar tail alike, so the result does not depend on
/// the vector width. For symmetric taps this is the convolution with the kernel; the caller chooses the
/// alignment by how it pads the input (N - 1 samples before the signal: causal; (N - 1) / 2 on each side:
/// centred, zero-phase).
/// </remarks>
internal static class FirConvolution
{
    /// <summary>Computes <paramref name="output"/> from <paramref name="input"/> (at least output.Length + taps.Length - 1 long).</summary>
    public static void Correlate(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        if (output.IsEmpty)
        {
            return;
        }

        if (input.Length < output.Length + taps.Length - 1)
        {
            throw new ArgumentException("The input must hold output.Length + taps.Length - 1 samples.", nameof(input));
        }

        int n = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            n = Correlate512(input, taps, output);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            n = Correlate256(input, taps, output);
        }

        for (; n < output.Length; n++)
        {
            float sum = 0;
            for (int j = 0; j < taps.Length; j++)
            {
                sum = MathF.FusedMultiplyAdd(taps[j], input[n + j], sum);
            }

            output[n] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    private static int Correlate512(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        const int W = 16;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int n = 0;
        for (; n + (4 * W) <= output.Length; n += 4 * W)
        {
            Vector512<float> acc0 = Vector512<float>.Zero, acc1 = Vector512<float>.Zero;
            Vector512<float> acc2 = Vector512<float>.Zero, acc3 = Vector512<float>.Zero;
            for (int j = 0; j < taps.Length; j++)
            {
                Vector512<float> h = Vector512.Create(taps[j]);
                nuint at = (nuint)(n + j);
                acc0 = Vector512.FusedMultiplyAdd(h, Vector512.LoadUnsafe(ref x, at), acc0);
                acc1 = Vector512.FusedMultiplyAdd(h, Vector512.LoadUnsafe(ref x, at + W), acc1);
                acc2 = Vector512.FusedMultiplyAdd(h, Vector512.LoadUnsafe(ref x, at + (2 * W)), acc2);
                acc3 = Vector512.FusedMultiplyAdd(h, Vector512.LoadUnsafe(ref x, at + (3 * W)), acc3);
            }

            acc0.StoreUnsafe(ref y, (nuint)n);
            acc1.StoreUnsafe(ref y, (nuint)(n + W));
            acc2.StoreUnsafe(ref y, (nuint)(n + (2 * W)));
            acc3.StoreUnsafe(ref y, (nuint)(n + (3 * W)));
        }

        for (; n + W <= output.Length; n += W)
        {
            Vector512<float> acc = Vector512<float>.Zero;
            for (int j = 0; j < taps.Length; j++)
            {
                acc = Vector512.FusedMultiplyAdd(Vector512.Create(taps[j]), Vector512.LoadUnsafe(ref x, (nuint)(n + j)), acc);
            }

            acc.StoreUnsafe(ref y, (nuint)n);
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    private static int Correlate256(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        const int W = 8;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int n = 0;
        for (; n + (4 * W) <= output.Length; n += 4 * W)
        {
            Vector256<float> acc0 = Vector256<float>.Zero, acc1 = Vector256<float>.Zero;
            Vector256<float> acc2 = Vector256<float>.Zero, acc3 = Vector256<float>.Zero;
            for (int j = 0; j < taps.Length; j++)
            {
                Vector256<float> h = Vector256.Create(taps[j]);
                nuint at = (nuint)(n + j);
                acc0 = Vector256.FusedMultiplyAdd(h, Vector256.LoadUnsafe(ref x, at), acc0);
                acc1 = Vector256.FusedMultiplyAdd(h, Vector256.LoadUnsafe(ref x, at + W), acc1);
                acc2 = Vector256.FusedMultiplyAdd(h, Vector256.LoadUnsafe(ref x, at + (2 * W)), acc2);
                acc3 = Vector256.FusedMultiplyAdd(h, Vector256.LoadUnsafe(ref x, at + (3 * W)), acc3);
            }

            acc0.StoreUnsafe(ref y, (nuint)n);
            acc1.StoreUnsafe(ref y, (nuint)(n + W));
            acc2.StoreUnsafe(ref y, (nuint)(n + (2 * W)));
            acc3.StoreUnsafe(ref y, (nuint)(n + (3 * W)));
        }

        for (; n + W <= output.Length; n += W)
        {
            Vector256<float> acc = Vector256<float>.Zero;
            for (int j = 0; j < taps.Length; j++)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(taps[j]), Vector256.LoadUnsafe(ref x, (nuint)(n + j)), acc);
            }

            acc.StoreUnsafe(ref y, (nuint)n);
        }

        return n;
    }
}
