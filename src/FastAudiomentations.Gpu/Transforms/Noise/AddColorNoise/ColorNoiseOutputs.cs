using System.Runtime.CompilerServices;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>
/// The <see cref="Count"/> consecutive outputs of the shaping filter one thread computes, n[o + k] for k = 0..8,
/// accumulated in registers from a white-noise window in shared memory.
/// </summary>
/// <remarks>
/// <para>Register blocking, as the CPU's <c>FirCorrelation</c> does with vectors: the window w[o + m + k] of tap m is
/// the window of tap m - 1 shifted by one, so each tap costs one shared load of white noise, one (broadcast) load of
/// the tap and nine fused multiply-adds. Taps are unrolled by nine with eighteen window registers, so the shift costs
/// nine moves per nine taps. Written out lane by lane: a register array indexed at run time would spill.</para>
/// <para>Why nine: thread i's window starts at 9 i, and 9 is odd, so the 32 threads of a warp read 32 different
/// shared-memory banks at every step with a plain layout (8 outputs per thread would put four threads on each bank,
/// or need a padded layout whose index arithmetic costs as much as the loads).</para>
/// </remarks>
internal struct ColorNoiseOutputs
{
    /// <summary>Outputs per thread.</summary>
    public const int Count = 9;

    public float A0, A1, A2, A3, A4, A5, A6, A7, A8;

    /// <summary>
    /// Adds sum over m in [0, count) of taps[m] * white[o + m + k] to output k; reads white up to o + count + 8.
    /// </summary>
    public void Accumulate(ArrayView<float> white, ArrayView<float> taps, int o, int count)
    {
        float w0 = white[o];
        float w1 = white[o + 1];
        float w2 = white[o + 2];
        float w3 = white[o + 3];
        float w4 = white[o + 4];
        float w5 = white[o + 5];
        float w6 = white[o + 6];
        float w7 = white[o + 7];
        float w8 = white[o + 8];
        int m = 0;
        for (; m + Count <= count; m += Count)
        {
            // Views at the step's base: constant indices become immediate offsets of one address.
            ArrayView<float> next = white.SubView(o + m + Count, Count);
            ArrayView<float> g = taps.SubView(m, Count);
            float w9 = next[0];
            float w10 = next[1];
            float w11 = next[2];
            float w12 = next[3];
            float w13 = next[4];
            float w14 = next[5];
            float w15 = next[6];
            float w16 = next[7];
            float w17 = next[8];
            Step(g[0], w0, w1, w2, w3, w4, w5, w6, w7, w8);
            Step(g[1], w1, w2, w3, w4, w5, w6, w7, w8, w9);
            Step(g[2], w2, w3, w4, w5, w6, w7, w8, w9, w10);
            Step(g[3], w3, w4, w5, w6, w7, w8, w9, w10, w11);
            Step(g[4], w4, w5, w6, w7, w8, w9, w10, w11, w12);
            Step(g[5], w5, w6, w7, w8, w9, w10, w11, w12, w13);
            Step(g[6], w6, w7, w8, w9, w10, w11, w12, w13, w14);
            Step(g[7], w7, w8, w9, w10, w11, w12, w13, w14, w15);
            Step(g[8], w8, w9, w10, w11, w12, w13, w14, w15, w16);
            w0 = w9;
            w1 = w10;
            w2 = w11;
            w3 = w12;
            w4 = w13;
            w5 = w14;
            w6 = w15;
            w7 = w16;
            w8 = w17;
        }

        for (; m < count; m++)
        {
            Step(taps[m], w0, w1, w2, w3, w4, w5, w6, w7, w8);
            w0 = w1;
            w1 = w2;
            w2 = w3;
            w3 = w4;
            w4 = w5;
            w5 = w6;
            w6 = w7;
            w7 = w8;
            w8 = white[o + m + Count];
        }
    }

    /// <summary>Sum of squares of the outputs o + k below <paramref name="length"/>.</summary>
    public readonly float SumOfSquares(int o, int length)
    {
        float sum = 0f;
        sum += Square(A0, o < length);
        sum += Square(A1, o + 1 < length);
        sum += Square(A2, o + 2 < length);
        sum += Square(A3, o + 3 < length);
        sum += Square(A4, o + 4 < length);
        sum += Square(A5, o + 5 < length);
        sum += Square(A6, o + 6 < length);
        sum += Square(A7, o + 7 < length);
        sum += Square(A8, o + 8 < length);
        return sum;
    }

    /// <summary>Writes output k to <paramref name="tile"/>[o + k].</summary>
    public readonly void Store(ArrayView<float> tile, int o)
    {
        tile[o] = A0;
        tile[o + 1] = A1;
        tile[o + 2] = A2;
        tile[o + 3] = A3;
        tile[o + 4] = A4;
        tile[o + 5] = A5;
        tile[o + 6] = A6;
        tile[o + 7] = A7;
        tile[o + 8] = A8;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Square(float x, bool valid) => valid ? x * x : 0f;

    /// <summary>One tap: output k += tap * window sample k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(float tap, float x0, float x1, float x2, float x3, float x4, float x5, float x6, float x7, float x8)
    {
        A0 = GpuMath.FusedMultiplyAdd(tap, x0, A0);
        A1 = GpuMath.FusedMultiplyAdd(tap, x1, A1);
        A2 = GpuMath.FusedMultiplyAdd(tap, x2, A2);
        A3 = GpuMath.FusedMultiplyAdd(tap, x3, A3);
        A4 = GpuMath.FusedMultiplyAdd(tap, x4, A4);
        A5 = GpuMath.FusedMultiplyAdd(tap, x5, A5);
        A6 = GpuMath.FusedMultiplyAdd(tap, x6, A6);
        A7 = GpuMath.FusedMultiplyAdd(tap, x7, A7);
        A8 = GpuMath.FusedMultiplyAdd(tap, x8, A8);
    }
}
