using System.Runtime.CompilerServices;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// A windowed-sinc FIR over each row of the batch, in place: y[t] = sum_k h[k] x[clamp(t - Before + k)], the
/// signal held at its first and last samples beyond its ends (<see cref="FilterRunner"/>'s causal and centred
/// modes). One group per tile of <see cref="OutputsPerThread"/> x G outputs, the row's taps and the tile's
/// input (plus the taps' reach around it) in shared memory.
/// </summary>
/// <remarks>
/// <para>
/// In place without a second batch buffer: a tile's group reads its own outputs' samples from the batch
/// before it overwrites them, and the samples it needs from neighbouring tiles (the halo, taps - 1 per tile)
/// from a copy that <see cref="Halo"/> made before any tile was written (a few per cent of the batch for 101
/// taps, in one extra launch).
/// </para>
/// <para>
/// Each thread computes <see cref="OutputsPerThread"/> consecutive outputs from a window of 24 input samples in
/// registers: per 8 taps it loads 8 new samples and 8 taps (broadcast) from shared memory for 128 multiply-adds.
/// With 8 outputs (64 multiply-adds per 16 shared loads) the kernel was bound by shared-memory loads as much as by
/// arithmetic: 27% of the copy bandwidth for 101 taps at B = 128 (bench/gpu-notes.md, run 40). The input tile is stored with one float of padding per 32
/// (index q + q / 32), which puts the threads' strided window loads on distinct banks. Outputs are staged in
/// shared memory and stored coalesced. Each output sums its taps in order k = 0, 1, ..., in float; the CPU
/// path sums in a different order, so the two agree to float rounding.
/// </para>
/// </remarks>
internal static class FirKernel
{
    /// <summary>Consecutive outputs per thread.</summary>
    public const int OutputsPerThread = 16;

    /// <summary>Loads each thread has in flight while the window fills.</summary>
    private const int LoadsInFlight = 8;

    /// <summary>
    /// The largest group the shared memory is sized for: 128 threads x 16 outputs, a tile of 2,048 outputs whose window
    /// (plus up to 4,094 samples of reach) and taps stay under the 48 KB of static shared memory a block may have.
    /// </summary>
    public const int MaxGroupSize = 128;

    /// <summary>Threads per group of the halo copy.</summary>
    public const int HaloGroupSize = 256;

    // The tile plus the taps' reach, plus OutputsPerThread floats the sliding window loads past the end (never used).
    private const int MaxExtent = (MaxGroupSize * OutputsPerThread) + FilterChecks.MaxFirTaps - 1 + OutputsPerThread;
    private const int MaxPaddedExtent = MaxExtent + (MaxExtent / 32) + 1;

    /// <summary>The group size the kernel runs with where groups hold at most <paramref name="maxThreads"/> threads.</summary>
    public static int GroupSize(int maxThreads)
    {
        int size = MaxGroupSize;
        while (size > maxThreads)
        {
            size /= 2;
        }

        return size;
    }

    /// <summary>
    /// Copies every tile's halo (taps - 1 floats: the Before samples ahead of the tile, then those after it,
    /// positions clamped to the row) into <paramref name="halo"/>, one thread per float, before the filter
    /// overwrites any of them.
    /// </summary>
    public static void Halo(ArrayView<float> samples, ArrayView<float> halo, ArrayView<int> ints, FirPass pass)
    {
        int haloLength = pass.Taps - 1;
        long index = ((long)Grid.IdxX * Group.DimX) + Group.IdxX;
        if (index >= (long)pass.Rows * pass.TilesPerRow * haloLength)
        {
            return;
        }

        long block = index / haloLength;
        int q = (int)(index - (block * haloLength));
        int row = (int)(block / pass.TilesPerRow);
        int tileStart = (int)(block - ((long)row * pass.TilesPerRow)) * pass.TileSize;
        int length = ints[pass.LengthsOffset + row];
        if (ints[pass.AppliedOffset + row] == 0 || tileStart >= length)
        {
            return;
        }

        int position = q < pass.Before ? tileStart - pass.Before + q : tileStart + pass.TileSize + q - pass.Before;
        halo[index] = samples[((long)row * pass.Pitch) + Math.Max(0, Math.Min(position, length - 1))];
    }

    /// <summary>The filter: group b works on tile b % TilesPerRow of row b / TilesPerRow.</summary>
    public static void Run(ArrayView<float> samples, ArrayView<float> halo, ArrayView<int> ints, ArrayView<float> floats, FirPass pass)
    {
        int block = Grid.IdxX;
        int row = block / pass.TilesPerRow;
        int tileStart = (block - (row * pass.TilesPerRow)) * pass.TileSize;
        int length = ints[pass.LengthsOffset + row];
        if (ints[pass.AppliedOffset + row] == 0 || tileStart >= length)
        {
            return;
        }

        ArrayView<float> taps = SharedMemory.Allocate<float>(FilterChecks.MaxFirTaps);
        ArrayView<float> window = SharedMemory.Allocate<float>(MaxPaddedExtent);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int n = pass.Taps;
        long tapsStart = pass.TapsOffset + ((long)row * n);
        for (int k = tid; k < n; k += groupSize)
        {
            taps[k] = floats[tapsStart + k];
        }

        ArrayView<float> data = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var input = new FirInput
        {
            Data = data,
            Halo = halo.SubView((long)block * (n - 1), n - 1),
            TileStart = tileStart,
            TileEnd = tileStart + pass.TileSize,
            Before = pass.Before,
            Last = length - 1,
            Extent = pass.TileSize + n - 1,
        };

        // Eight loads in flight per thread before any is stored (one at a time, each would wait for memory).
        int stride = groupSize * LoadsInFlight;
        for (int q = tid; q < input.Extent + OutputsPerThread; q += stride)
        {
            float v0 = input.Load(q), v1 = input.Load(q + groupSize), v2 = input.Load(q + (2 * groupSize)), v3 = input.Load(q + (3 * groupSize));
            float v4 = input.Load(q + (4 * groupSize)), v5 = input.Load(q + (5 * groupSize)), v6 = input.Load(q + (6 * groupSize)), v7 = input.Load(q + (7 * groupSize));
            Put(window, q, v0, input.Extent);
            Put(window, q + groupSize, v1, input.Extent);
            Put(window, q + (2 * groupSize), v2, input.Extent);
            Put(window, q + (3 * groupSize), v3, input.Extent);
            Put(window, q + (4 * groupSize), v4, input.Extent);
            Put(window, q + (5 * groupSize), v5, input.Extent);
            Put(window, q + (6 * groupSize), v6, input.Extent);
            Put(window, q + (7 * groupSize), v7, input.Extent);
        }

        Group.Barrier();
        int o = tid * OutputsPerThread;
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f, a8 = 0f, a9 = 0f, a10 = 0f, a11 = 0f, a12 = 0f, a13 = 0f, a14 = 0f, a15 = 0f;
        float w0 = window[Pad(o)], w1 = window[Pad(o + 1)], w2 = window[Pad(o + 2)], w3 = window[Pad(o + 3)];
        float w4 = window[Pad(o + 4)], w5 = window[Pad(o + 5)], w6 = window[Pad(o + 6)], w7 = window[Pad(o + 7)];
        float w8 = window[Pad(o + 8)], w9 = window[Pad(o + 9)], w10 = window[Pad(o + 10)], w11 = window[Pad(o + 11)];
        float w12 = window[Pad(o + 12)], w13 = window[Pad(o + 13)], w14 = window[Pad(o + 14)], w15 = window[Pad(o + 15)];
        int k0 = 0;
        for (; k0 + 8 <= n; k0 += 8)
        {
            int next = o + k0 + 16;
            float w16 = window[Pad(next)], w17 = window[Pad(next + 1)], w18 = window[Pad(next + 2)], w19 = window[Pad(next + 3)];
            float w20 = window[Pad(next + 4)], w21 = window[Pad(next + 5)], w22 = window[Pad(next + 6)], w23 = window[Pad(next + 7)];
            float h0 = taps[k0], h1 = taps[k0 + 1], h2 = taps[k0 + 2], h3 = taps[k0 + 3];
            float h4 = taps[k0 + 4], h5 = taps[k0 + 5], h6 = taps[k0 + 6], h7 = taps[k0 + 7];
            a0 = a0 + (h0 * w0) + (h1 * w1) + (h2 * w2) + (h3 * w3) + (h4 * w4) + (h5 * w5) + (h6 * w6) + (h7 * w7);
            a1 = a1 + (h0 * w1) + (h1 * w2) + (h2 * w3) + (h3 * w4) + (h4 * w5) + (h5 * w6) + (h6 * w7) + (h7 * w8);
            a2 = a2 + (h0 * w2) + (h1 * w3) + (h2 * w4) + (h3 * w5) + (h4 * w6) + (h5 * w7) + (h6 * w8) + (h7 * w9);
            a3 = a3 + (h0 * w3) + (h1 * w4) + (h2 * w5) + (h3 * w6) + (h4 * w7) + (h5 * w8) + (h6 * w9) + (h7 * w10);
            a4 = a4 + (h0 * w4) + (h1 * w5) + (h2 * w6) + (h3 * w7) + (h4 * w8) + (h5 * w9) + (h6 * w10) + (h7 * w11);
            a5 = a5 + (h0 * w5) + (h1 * w6) + (h2 * w7) + (h3 * w8) + (h4 * w9) + (h5 * w10) + (h6 * w11) + (h7 * w12);
            a6 = a6 + (h0 * w6) + (h1 * w7) + (h2 * w8) + (h3 * w9) + (h4 * w10) + (h5 * w11) + (h6 * w12) + (h7 * w13);
            a7 = a7 + (h0 * w7) + (h1 * w8) + (h2 * w9) + (h3 * w10) + (h4 * w11) + (h5 * w12) + (h6 * w13) + (h7 * w14);
            a8 = a8 + (h0 * w8) + (h1 * w9) + (h2 * w10) + (h3 * w11) + (h4 * w12) + (h5 * w13) + (h6 * w14) + (h7 * w15);
            a9 = a9 + (h0 * w9) + (h1 * w10) + (h2 * w11) + (h3 * w12) + (h4 * w13) + (h5 * w14) + (h6 * w15) + (h7 * w16);
            a10 = a10 + (h0 * w10) + (h1 * w11) + (h2 * w12) + (h3 * w13) + (h4 * w14) + (h5 * w15) + (h6 * w16) + (h7 * w17);
            a11 = a11 + (h0 * w11) + (h1 * w12) + (h2 * w13) + (h3 * w14) + (h4 * w15) + (h5 * w16) + (h6 * w17) + (h7 * w18);
            a12 = a12 + (h0 * w12) + (h1 * w13) + (h2 * w14) + (h3 * w15) + (h4 * w16) + (h5 * w17) + (h6 * w18) + (h7 * w19);
            a13 = a13 + (h0 * w13) + (h1 * w14) + (h2 * w15) + (h3 * w16) + (h4 * w17) + (h5 * w18) + (h6 * w19) + (h7 * w20);
            a14 = a14 + (h0 * w14) + (h1 * w15) + (h2 * w16) + (h3 * w17) + (h4 * w18) + (h5 * w19) + (h6 * w20) + (h7 * w21);
            a15 = a15 + (h0 * w15) + (h1 * w16) + (h2 * w17) + (h3 * w18) + (h4 * w19) + (h5 * w20) + (h6 * w21) + (h7 * w22);
            w0 = w8;
            w1 = w9;
            w2 = w10;
            w3 = w11;
            w4 = w12;
            w5 = w13;
            w6 = w14;
            w7 = w15;
            w8 = w16;
            w9 = w17;
            w10 = w18;
            w11 = w19;
            w12 = w20;
            w13 = w21;
            w14 = w22;
            w15 = w23;
        }

        for (; k0 < n; k0++)
        {
            float h = taps[k0];
            a0 += h * w0;
            a1 += h * w1;
            a2 += h * w2;
            a3 += h * w3;
            a4 += h * w4;
            a5 += h * w5;
            a6 += h * w6;
            a7 += h * w7;
            a8 += h * w8;
            a9 += h * w9;
            a10 += h * w10;
            a11 += h * w11;
            a12 += h * w12;
            a13 += h * w13;
            a14 += h * w14;
            a15 += h * w15;
            w0 = w1;
            w1 = w2;
            w2 = w3;
            w3 = w4;
            w4 = w5;
            w5 = w6;
            w6 = w7;
            w7 = w8;
            w8 = w9;
            w9 = w10;
            w10 = w11;
            w11 = w12;
            w12 = w13;
            w13 = w14;
            w14 = w15;
            w15 = window[Pad(o + k0 + 16)];
        }

        // Stage the outputs and store them coalesced (every thread has finished reading the window first).
        Group.Barrier();
        window[Pad(o)] = a0;
        window[Pad(o + 1)] = a1;
        window[Pad(o + 2)] = a2;
        window[Pad(o + 3)] = a3;
        window[Pad(o + 4)] = a4;
        window[Pad(o + 5)] = a5;
        window[Pad(o + 6)] = a6;
        window[Pad(o + 7)] = a7;
        window[Pad(o + 8)] = a8;
        window[Pad(o + 9)] = a9;
        window[Pad(o + 10)] = a10;
        window[Pad(o + 11)] = a11;
        window[Pad(o + 12)] = a12;
        window[Pad(o + 13)] = a13;
        window[Pad(o + 14)] = a14;
        window[Pad(o + 15)] = a15;
        Group.Barrier();
        for (int q = tid; q < pass.TileSize; q += groupSize)
        {
            int t = tileStart + q;
            if (t < length)
            {
                data[t] = window[Pad(q)];
            }
        }
    }

    /// <summary>Shared-memory index of window sample <paramref name="q"/>: one float of padding per 32.</summary>
    private static int Pad(int q) => q + (q >> 5);

    /// <summary>Stores window sample <paramref name="q"/>; the 8 past the extent are zeros (the sliding window loads them but never uses them).</summary>
    private static void Put(ArrayView<float> window, int q, float value, int extent)
    {
        if (q < extent + OutputsPerThread)
        {
            window[Pad(q)] = q < extent ? value : 0f;
        }
    }

    /// <summary>Where a tile's window samples come from: its own samples from the batch, the rest from the halo copy.</summary>
    private struct FirInput
    {
        public ArrayView<float> Data;
        public ArrayView<float> Halo;
        public int TileStart;
        public int TileEnd;
        public int Before;
        public int Last;
        public int Extent;

        /// <summary>
        /// Window sample <paramref name="q"/>, input position TileStart - Before + q (anything past the extent):
        /// the source and index are chosen first and the load is unconditional, so a thread's loads need no
        /// value before they are all issued.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly float Load(int q)
        {
            int position = TileStart - Before + q;
            bool own = position >= TileStart && position < TileEnd;
            ArrayView<float> source = own ? Data : Halo;

            // The tile's own samples (past the row's end, held at its last one, in this tile), else the halo copy.
            int index = own ? Math.Min(position, Last) : (position < TileStart ? q : Before + (position - TileEnd));
            return source[q < Extent ? index : 0];
        }
    }
}
