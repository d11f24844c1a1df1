using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations;

/// <summary>
/// A direct-form FIR filter written as a correlation: output[t] = sum over m of taps[m] * input[t + m].
/// </summary>
/// <remarks>
/// <para>
/// With symmetric taps (linear phase) this is the convolution with the taps delayed by (taps - 1) / 2.
/// The input must hold output.Length + taps.Length - 1 samples: no edge handling, the caller
/// supplies the extra samples (for generated noise that is free: the stream simply runs on).
/// </para>
/// <para>
/// Why direct and not by FFT: for the ~100-1000 taps used here, a register-blocked direct form runs at the
/// FMA units' peak, needs no FFT in the core, and is exactly what a GPU does in shared memory. The blocking:
/// 8 (AVX-512) or 6 (AVX2) output vectors accumulate at once; taps are visited by residue r modulo the
/// vector width, so that tap m + width reuses, shifted by one register, the input vectors tap m loaded.
/// Each step costs one load, one broadcast and 8 (or 6) fused multiply-adds. The order of the additions
/// differs between paths (and from the scalar loop), so outputs agree to float rounding, not bitwise.
/// </para>
/// </remarks>
internal static class FirCorrelation
{
    /// <summary>output[t] = sum_m taps[m] * input[t + m] for t in [0, output.Length).</summary>
    public static void Apply(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        if (output.IsEmpty)
        {
            return;
        }

        if (taps.IsEmpty || input.Length < output.Length + taps.Length - 1)
        {
            throw new ArgumentException($"The input needs output.Length + taps.Length - 1 = {output.Length + taps.Length - 1} samples; it has {input.Length}.", nameof(input));
        }

        int done = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            done = Blocked512(input, taps, output);
            done += Single512(input[done..], taps, output[done..]);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            done = Blocked256(input, taps, output);
        }

        Scalar(input[done..], taps, output[done..]);
    }

    /// <summary>The reference: one output at a time, taps in order.</summary>
    internal static void Scalar(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        for (int t = 0; t < output.Length; t++)
        {
            float sum = 0;
            for (int m = 0; m < taps.Length; m++)
            {
                sum = MathF.FusedMultiplyAdd(taps[m], input[t + m], sum);
            }

            output[t] = sum;
        }
    }

    /// <summary>Blocks of 128 outputs (8 vectors of 16); returns how many outputs it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    internal static int Blocked512(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        const int Width = 16;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float h = ref MemoryMarshal.GetReference(taps);
        ref float y = ref MemoryMarshal.GetReference(output);
        int tapCount = taps.Length;
        int t = 0;
        for (; output.Length - t >= 8 * Width; t += 8 * Width)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            Vector512<float> a4 = default, a5 = default, a6 = default, a7 = default;
            for (int r = 0; r < Width && r < tapCount; r++)
            {
                // Accumulator j needs input[t + 16 j + m]; for taps m = r, r + 16, ... that is a window of
                // 8 vectors sliding by one vector per step.
                ref float xr = ref Unsafe.Add(ref x, t + r);
                Vector512<float> d0 = Vector512.LoadUnsafe(ref xr);
                Vector512<float> d1 = Vector512.LoadUnsafe(ref xr, 16);
                Vector512<float> d2 = Vector512.LoadUnsafe(ref xr, 32);
                Vector512<float> d3 = Vector512.LoadUnsafe(ref xr, 48);
                Vector512<float> d4 = Vector512.LoadUnsafe(ref xr, 64);
                Vector512<float> d5 = Vector512.LoadUnsafe(ref xr, 80);
                Vector512<float> d6 = Vector512.LoadUnsafe(ref xr, 96);
                for (int m = r; m < tapCount; m += Width)
                {
                    Vector512<float> d7 = Vector512.LoadUnsafe(ref xr, (nuint)(m - r + 112));
                    Vector512<float> tap = Vector512.Create(Unsafe.Add(ref h, m));
                    a0 = Vector512.FusedMultiplyAdd(tap, d0, a0);
                    a1 = Vector512.FusedMultiplyAdd(tap, d1, a1);
                    a2 = Vector512.FusedMultiplyAdd(tap, d2, a2);
                    a3 = Vector512.FusedMultiplyAdd(tap, d3, a3);
                    a4 = Vector512.FusedMultiplyAdd(tap, d4, a4);
                    a5 = Vector512.FusedMultiplyAdd(tap, d5, a5);
                    a6 = Vector512.FusedMultiplyAdd(tap, d6, a6);
                    a7 = Vector512.FusedMultiplyAdd(tap, d7, a7);
                    d0 = d1;
                    d1 = d2;
                    d2 = d3;
                    d3 = d4;
                    d4 = d5;
                    d5 = d6;
                    d6 = d7;
                }
            }

            ref float yt = ref Unsafe.Add(ref y, t);
            a0.StoreUnsafe(ref yt);
            a1.StoreUnsafe(ref yt, 16);
            a2.StoreUnsafe(ref yt, 32);
            a3.StoreUnsafe(ref yt, 48);
            a4.StoreUnsafe(ref yt, 64);
            a5.StoreUnsafe(ref yt, 80);
            a6.StoreUnsafe(ref yt, 96);
            a7.StoreUnsafe(ref yt, 112);
        }

        return t;
    }

    /// <summary>Single vectors of 16 outputs (for what the blocked loop leaves); returns how many it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    internal static int Single512(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float h = ref MemoryMarshal.GetReference(taps);
        ref float y = ref MemoryMarshal.GetReference(output);
        int t = 0;
        for (; output.Length - t >= 16; t += 16)
        {
            Vector512<float> sum = default;
            ref float xt = ref Unsafe.Add(ref x, t);
            for (int m = 0; m < taps.Length; m++)
            {
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref h, m)), Vector512.LoadUnsafe(ref xt, (nuint)m), sum);
            }

            sum.StoreUnsafe(ref y, (nuint)t);
        }

        return t;
    }

    /// <summary>Blocks of 48 outputs (6 vectors of 8, which with the window fits AVX2's 16 registers); returns how many it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see BiquadCascadeFilter.RunChunks
    internal static int Blocked256(ReadOnlySpan<float> input, ReadOnlySpan<float> taps, Span<float> output)
    {
        const int Width = 8;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float h = ref MemoryMarshal.GetReference(taps);
        ref float y = ref MemoryMarshal.GetReference(output);
        int tapCount = taps.Length;
        int t = 0;
        for (; output.Length - t >= 6 * Width; t += 6 * Width)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default;
            for (int r = 0; r < Width && r < tapCount; r++)
            {
                ref float xr = ref Unsafe.Add(ref x, t + r);
                Vector256<float> d0 = Vector256.LoadUnsafe(ref xr);
                Vector256<float> d1 = Vector256.LoadUnsafe(ref xr, 8);
                Vector256<float> d2 = Vector256.LoadUnsafe(ref xr, 16);
                Vector256<float> d3 = Vector256.LoadUnsafe(ref xr, 24);
                Vector256<float> d4 = Vector256.LoadUnsafe(ref xr, 32);
                for (int m = r; m < tapCount; m += Width)
                {
                    Vector256<float> d5 = Vector256.LoadUnsafe(ref xr, (nuint)(m - r + 40));
                    Vector256<float> tap = Vector256.Create(Unsafe.Add(ref h, m));
                    a0 = Vector256.FusedMultiplyAdd(tap, d0, a0);
                    a1 = Vector256.FusedMultiplyAdd(tap, d1, a1);
                    a2 = Vector256.FusedMultiplyAdd(tap, d2, a2);
                    a3 = Vector256.FusedMultiplyAdd(tap, d3, a3);
                    a4 = Vector256.FusedMultiplyAdd(tap, d4, a4);
                    a5 = Vector256.FusedMultiplyAdd(tap, d5, a5);
                    d0 = d1;
                    d1 = d2;
                    d2 = d3;
                    d3 = d4;
                    d4 = d5;
                }
            }

            ref float yt = ref Unsafe.Add(ref y, t);
            a0.StoreUnsafe(ref yt);
            a1.StoreUnsafe(ref yt, 8);
            a2.StoreUnsafe(ref yt, 16);
            a3.StoreUnsafe(ref yt, 24);
            a4.StoreUnsafe(ref yt, 32);
            a5.StoreUnsafe(ref yt, 40);
        }

        return t;
    }
}
