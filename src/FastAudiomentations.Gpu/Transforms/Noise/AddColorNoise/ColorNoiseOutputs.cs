using System.Runtime.CompilerServices;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>
/// The <see cref="Count"/> consecutive outputs of the shaping filter one thread computes, n[o + k] for k = 0..7,
/// accumulated in registers from a white-noise window in shared memory.
/// </summary>
/// <remarks>
/// Register blocking, as the CPU's <c>FirCorrelation</c> does with vectors: the window w[o + m + k] of tap m is the
/// window of tap m - 1 shifted by one, so each tap costs one shared load of white noise, one (broadcast) load of the
/// tap and eight fused multiply-adds. Taps are unrolled by eight with sixteen window registers, so the shift costs
/// eight moves per eight taps. Written out lane by lane: a register array indexed at run time would spill.
/// </remarks>
internal struct ColorNoiseOutputs
{
    /// <summary>Outputs per thread.</summary>
    public const int Count = 8;

    public float A0, A1, A2, A3, A4, A5, A6, A7;

    /// <summary>
    /// Adds sum over m in [0, count) of taps[m] * white[o + m + k] to output k, where white holds the window's samples
    /// in <see cref="NoiseTile.Slot"/> layout from local index 0.
    /// </summary>
    public void Accumulate(ArrayView<float> white, ArrayView<float> taps, int o, int count)
    {
        float w0 = white[NoiseTile.Slot(o)];
        float w1 = white[NoiseTile.Slot(o + 1)];
        float w2 = white[NoiseTile.Slot(o + 2)];
        float w3 = white[NoiseTile.Slot(o + 3)];
        float w4 = white[NoiseTile.Slot(o + 4)];
        float w5 = white[NoiseTile.Slot(o + 5)];
        float w6 = white[NoiseTile.Slot(o + 6)];
        float w7 = white[NoiseTile.Slot(o + 7)];
        int m = 0;
        for (; m + 8 <= count; m += 8)
        {
            int next = o + m + 8;
            float w8 = white[NoiseTile.Slot(next)];
            float w9 = white[NoiseTile.Slot(next + 1)];
            float w10 = white[NoiseTile.Slot(next + 2)];
            float w11 = white[NoiseTile.Slot(next + 3)];
            float w12 = white[NoiseTile.Slot(next + 4)];
            float w13 = white[NoiseTile.Slot(next + 5)];
            float w14 = white[NoiseTile.Slot(next + 6)];
            float w15 = white[NoiseTile.Slot(next + 7)];
            Step(taps[m], w0, w1, w2, w3, w4, w5, w6, w7);
            Step(taps[m + 1], w1, w2, w3, w4, w5, w6, w7, w8);
            Step(taps[m + 2], w2, w3, w4, w5, w6, w7, w8, w9);
            Step(taps[m + 3], w3, w4, w5, w6, w7, w8, w9, w10);
            Step(taps[m + 4], w4, w5, w6, w7, w8, w9, w10, w11);
            Step(taps[m + 5], w5, w6, w7, w8, w9, w10, w11, w12);
            Step(taps[m + 6], w6, w7, w8, w9, w10, w11, w12, w13);
            Step(taps[m + 7], w7, w8, w9, w10, w11, w12, w13, w14);
            w0 = w8;
            w1 = w9;
            w2 = w10;
            w3 = w11;
            w4 = w12;
            w5 = w13;
            w6 = w14;
            w7 = w15;
        }

        for (; m < count; m++)
        {
            Step(taps[m], w0, w1, w2, w3, w4, w5, w6, w7);
            w0 = w1;
            w1 = w2;
            w2 = w3;
            w3 = w4;
            w4 = w5;
            w5 = w6;
            w6 = w7;
            w7 = white[NoiseTile.Slot(o + m + 8)];
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
        return sum;
    }

    /// <summary>Writes output k to <paramref name="tile"/> at <see cref="NoiseTile.Slot"/>(o + k).</summary>
    public readonly void Store(ArrayView<float> tile, int o)
    {
        tile[NoiseTile.Slot(o)] = A0;
        tile[NoiseTile.Slot(o + 1)] = A1;
        tile[NoiseTile.Slot(o + 2)] = A2;
        tile[NoiseTile.Slot(o + 3)] = A3;
        tile[NoiseTile.Slot(o + 4)] = A4;
        tile[NoiseTile.Slot(o + 5)] = A5;
        tile[NoiseTile.Slot(o + 6)] = A6;
        tile[NoiseTile.Slot(o + 7)] = A7;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Square(float x, bool valid) => valid ? x * x : 0f;

    /// <summary>One tap: output k += tap * window sample k.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(float tap, float x0, float x1, float x2, float x3, float x4, float x5, float x6, float x7)
    {
        A0 = GpuMath.FusedMultiplyAdd(tap, x0, A0);
        A1 = GpuMath.FusedMultiplyAdd(tap, x1, A1);
        A2 = GpuMath.FusedMultiplyAdd(tap, x2, A2);
        A3 = GpuMath.FusedMultiplyAdd(tap, x3, A3);
        A4 = GpuMath.FusedMultiplyAdd(tap, x4, A4);
        A5 = GpuMath.FusedMultiplyAdd(tap, x5, A5);
        A6 = GpuMath.FusedMultiplyAdd(tap, x6, A6);
        A7 = GpuMath.FusedMultiplyAdd(tap, x7, A7);
    }
}
