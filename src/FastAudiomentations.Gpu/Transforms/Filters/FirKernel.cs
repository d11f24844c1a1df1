using System.Runtime.CompilerServices;
using FastAudiomentations.Gpu.Fusion;
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
/// Small grids skip the halo copy (<see cref="FirPass.Handshake"/>): where every tile of the call fits on the device at
/// once (at most half the resident groups, as the single-pass statistics), a tile reads its whole window from the batch,
/// sets its flag in the table, and before storing waits until the tiles whose windows reach into it have set theirs. A
/// tile sets its flag before it waits, and every tile it waits for is resident, so all finish. At B = 1 this saves the
/// halo launch and its wait (a few microseconds of a ~13 us call).
/// </para>
/// <para>
/// Each thread computes <see cref="OutputsPerThread"/> consecutive outputs from a window of 24 input samples in
/// registers: per 8 taps it loads 8 new samples and 8 taps (broadcast) from shared memory for 128 multiply-adds (64
/// with the earlier 8 outputs). The kernel is bound by instruction issue, not memory (ncu: issue slots 83% busy, the
/// multiply-adds half of the instructions; bench/gpu-notes.md, runs 46-48), so the window is a ring of registers and
/// shared-memory indices are computed once per run of samples. The input tile is stored with one float of padding per 32
/// (index q + q / 32), which puts the threads' strided window loads on distinct banks. Outputs are staged in
/// shared memory and stored coalesced. Each output sums its taps in order k = 0, 1, ..., in float; the CPU
/// path sums in a different order, so the two agree to float rounding.
/// </para>
/// </remarks>
internal static class FirKernel
{
    /// <summary>Consecutive outputs per thread.</summary>
    public const int OutputsPerThread = 16;

    /// <summary>
    /// Loads each thread has in flight while the window fills: 18 x 128 covers the 2,180 window samples of the default
    /// 101 taps in one round; 24 issued a quarter of its loads (and their index arithmetic) past the window.
    /// </summary>
    private const int LoadsInFlight = 18;

    /// <summary>
    /// The largest group the shared memory is sized for: 128 threads x 16 outputs, a tile of 2,048 outputs whose window
    /// (plus up to 4,094 samples of reach) and taps stay under the 48 KB of static shared memory a block may have.
    /// </summary>
    public const int MaxGroupSize = 128;

    /// <summary>Tiles whose halos one group copies (CopyHalos is written out for eight).</summary>
    public const int TilesPerHaloGroup = 8;

    /// <summary>Threads per group of <see cref="Prepare"/>: a design's (<see cref="FirDesignKernel.GroupSize"/>), and one tile's halo (100 floats for the default 101 taps).</summary>
    public const int PrepareGroupSize = FirDesignKernel.GroupSize;

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
    /// What the filter launch needs first when the device designs the taps, in one launch: groups [0, design.Rows) design
    /// their rows' taps (<see cref="FirDesignKernel.Design"/>), the rest (none with <see cref="FirPass.Handshake"/>)
    /// copy the halos of eight tiles each (<see cref="CopyHalos"/>), so the designs (~6 us at B = 128 as a launch of their own,
    /// run 61) run beside the copies instead of before them. Loaded only where kernels have doubles (the designs'), like
    /// <see cref="FirDesignKernel"/> itself; <see cref="Halo"/> serves the rest.
    /// </summary>
    public static void Prepare(ArrayView<float> samples, ArrayView<float> halo, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> taps, FirPass pass, FirDesignPass design)
    {
        int block = Grid.IdxX;
        if (block < design.Rows)
        {
            FirDesignKernel.Design(floats, taps, design, block);
        }
        else
        {
            CopyHalos(samples, halo, ints, pass, block - design.Rows);
        }
    }

    /// <summary>The halo copy alone (rows designed on the host): <see cref="TilesPerHaloGroup"/> tiles per group (<see cref="CopyHalos"/>).</summary>
    public static void Halo(ArrayView<float> samples, ArrayView<float> halo, ArrayView<int> ints, FirPass pass) =>
        CopyHalos(samples, halo, ints, pass, Grid.IdxX);

    /// <summary>Groups the halo copy of <paramref name="tiles"/> tiles takes.</summary>
    public static int HaloGroups(int tiles) => (tiles + TilesPerHaloGroup - 1) / TilesPerHaloGroup;

    /// <summary>
    /// Copies the halos of tiles [<paramref name="group"/> x <see cref="TilesPerHaloGroup"/>, + TilesPerHaloGroup):
    /// thread q loads float q of each tile's halo (the eight loads in flight), then stores them. By tile rather than one
    /// thread per float, whose flat index needed a 64-bit division per float (ncu, run 61: 20.5 us and 12.4 M
    /// instructions at B = 128 for 1.6 M floats); all loads before the stores, as one group per tile or a loop of
    /// load-then-store per tile waited a memory round trip per tile (15.6-16.3 us, runs 62-63).
    /// </summary>
    private static void CopyHalos(ArrayView<float> samples, ArrayView<float> halo, ArrayView<int> ints, FirPass pass, int group)
    {
        int first = group * TilesPerHaloGroup;
        int haloLength = pass.Taps - 1;
        for (int q = Group.IdxX; q < haloLength; q += Group.DimX)
        {
            long s0 = HaloSource(ints, pass, first, q), s1 = HaloSource(ints, pass, first + 1, q);
            long s2 = HaloSource(ints, pass, first + 2, q), s3 = HaloSource(ints, pass, first + 3, q);
            long s4 = HaloSource(ints, pass, first + 4, q), s5 = HaloSource(ints, pass, first + 5, q);
            long s6 = HaloSource(ints, pass, first + 6, q), s7 = HaloSource(ints, pass, first + 7, q);
            float v0 = samples[Math.Max(s0, 0)], v1 = samples[Math.Max(s1, 0)], v2 = samples[Math.Max(s2, 0)], v3 = samples[Math.Max(s3, 0)];
            float v4 = samples[Math.Max(s4, 0)], v5 = samples[Math.Max(s5, 0)], v6 = samples[Math.Max(s6, 0)], v7 = samples[Math.Max(s7, 0)];
            long at = ((long)first * haloLength) + q;
            StoreHalo(halo, at, s0, v0);
            StoreHalo(halo, at + haloLength, s1, v1);
            StoreHalo(halo, at + (2L * haloLength), s2, v2);
            StoreHalo(halo, at + (3L * haloLength), s3, v3);
            StoreHalo(halo, at + (4L * haloLength), s4, v4);
            StoreHalo(halo, at + (5L * haloLength), s5, v5);
            StoreHalo(halo, at + (6L * haloLength), s6, v6);
            StoreHalo(halo, at + (7L * haloLength), s7, v7);
        }
    }

    /// <summary>
    /// Where float <paramref name="q"/> of tile <paramref name="tile"/>'s halo comes from in the batch (the Before samples
    /// ahead of the tile, then those after it, positions clamped to the row); -1 where nothing is copied (past the grid,
    /// a row not applied, a tile past its row's length).
    /// </summary>
    private static long HaloSource(ArrayView<int> ints, FirPass pass, int tile, int q)
    {
        if (tile >= pass.Rows * pass.TilesPerRow)
        {
            return -1;
        }

        int row = tile / pass.TilesPerRow;
        int tileStart = (tile - (row * pass.TilesPerRow)) * pass.TileSize;
        int length = ints[pass.LengthsOffset + row];
        if (ints[pass.AppliedOffset + row] == 0 || tileStart >= length)
        {
            return -1;
        }

        int position = q < pass.Before ? tileStart - pass.Before + q : tileStart + pass.TileSize - pass.Before + q;
        return ((long)row * pass.Pitch) + Math.Max(0, Math.Min(position, length - 1));
    }

    /// <summary>Stores a halo float that <see cref="HaloSource"/> found a source for.</summary>
    private static void StoreHalo(ArrayView<float> halo, long at, long source, float value)
    {
        if (source >= 0)
        {
            halo[at] = value;
        }
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
        bool handshake = pass.Handshake != 0;
        var input = new FirInput
        {
            Data = data,
            Halo = handshake ? data : halo.SubView((long)block * (n - 1), n - 1),
            Direct = handshake,
            TileStart = tileStart,
            TileEnd = tileStart + pass.TileSize,
            Before = pass.Before,
            Last = length - 1,
            Extent = pass.TileSize + n - 1,
        };

        // LoadsInFlight loads per thread before any is stored: one memory round trip fills the window (for 101 taps,
        // 2,164 samples over 128 threads); in batches of 8 it took three in a row, each waited for in full.
        int stride = groupSize * LoadsInFlight;
        for (int q = tid; q < input.Extent + OutputsPerThread; q += stride)
        {
            float v0 = input.Load(q), v1 = input.Load(q + groupSize), v2 = input.Load(q + (2 * groupSize)), v3 = input.Load(q + (3 * groupSize));
            float v4 = input.Load(q + (4 * groupSize)), v5 = input.Load(q + (5 * groupSize)), v6 = input.Load(q + (6 * groupSize)), v7 = input.Load(q + (7 * groupSize));
            float v8 = input.Load(q + (8 * groupSize)), v9 = input.Load(q + (9 * groupSize)), v10 = input.Load(q + (10 * groupSize)), v11 = input.Load(q + (11 * groupSize));
            float v12 = input.Load(q + (12 * groupSize)), v13 = input.Load(q + (13 * groupSize)), v14 = input.Load(q + (14 * groupSize)), v15 = input.Load(q + (15 * groupSize));
            float v16 = input.Load(q + (16 * groupSize)), v17 = input.Load(q + (17 * groupSize));
            Put(window, q, v0, input.Extent);
            Put(window, q + groupSize, v1, input.Extent);
            Put(window, q + (2 * groupSize), v2, input.Extent);
            Put(window, q + (3 * groupSize), v3, input.Extent);
            Put(window, q + (4 * groupSize), v4, input.Extent);
            Put(window, q + (5 * groupSize), v5, input.Extent);
            Put(window, q + (6 * groupSize), v6, input.Extent);
            Put(window, q + (7 * groupSize), v7, input.Extent);
            Put(window, q + (8 * groupSize), v8, input.Extent);
            Put(window, q + (9 * groupSize), v9, input.Extent);
            Put(window, q + (10 * groupSize), v10, input.Extent);
            Put(window, q + (11 * groupSize), v11, input.Extent);
            Put(window, q + (12 * groupSize), v12, input.Extent);
            Put(window, q + (13 * groupSize), v13, input.Extent);
            Put(window, q + (14 * groupSize), v14, input.Extent);
            Put(window, q + (15 * groupSize), v15, input.Extent);
            Put(window, q + (16 * groupSize), v16, input.Extent);
            Put(window, q + (17 * groupSize), v17, input.Extent);
        }

        Group.Barrier();
        if (handshake && tid == 0)
        {
            // Every load of the window has returned (the barrier follows their stores to shared memory): the tiles
            // whose samples this one read may overwrite them.
            MemoryFence.DeviceLevel();
            Atomic.Exchange(ref ints[pass.FlagsOffset + block], 1);
        }

        int o = tid * OutputsPerThread;

        // Padded indices without a shift per load: o is a multiple of 16 and each step's start a multiple of 8, so a run of
        // 16 (or 8) samples from there never crosses a 32-sample row of the padded layout: Pad(x + i) = Pad(x) + i.
        int po = Pad(o);
        float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f, a4 = 0f, a5 = 0f, a6 = 0f, a7 = 0f, a8 = 0f, a9 = 0f, a10 = 0f, a11 = 0f, a12 = 0f, a13 = 0f, a14 = 0f, a15 = 0f;
        float w0 = window[po], w1 = window[po + 1], w2 = window[po + 2], w3 = window[po + 3];
        float w4 = window[po + 4], w5 = window[po + 5], w6 = window[po + 6], w7 = window[po + 7];
        float w8 = window[po + 8], w9 = window[po + 9], w10 = window[po + 10], w11 = window[po + 11];
        float w12 = window[po + 12], w13 = window[po + 13], w14 = window[po + 14], w15 = window[po + 15];
        float w16 = 0f, w17 = 0f, w18 = 0f, w19 = 0f, w20 = 0f, w21 = 0f, w22 = 0f, w23 = 0f;
        int k0 = 0;

        // Three 8-tap steps per iteration over a ring of 24 window registers whose roles rotate (each step loads the next
        // 8 samples over the 8 the step before has finished with), so no register is copied; a sliding window moved 16
        // registers per step (bench/gpu-notes.md, run 47: non-FMA instructions were over half of the kernel's).
        for (; k0 + 24 <= n; k0 += 24)
        {
            int p0 = Pad(o + k0 + 16);
            w16 = window[p0]; w17 = window[p0 + 1]; w18 = window[p0 + 2]; w19 = window[p0 + 3];
            w20 = window[p0 + 4]; w21 = window[p0 + 5]; w22 = window[p0 + 6]; w23 = window[p0 + 7];
            float g0 = taps[k0], g1 = taps[k0 + 1], g2 = taps[k0 + 2], g3 = taps[k0 + 3];
            float g4 = taps[k0 + 4], g5 = taps[k0 + 5], g6 = taps[k0 + 6], g7 = taps[k0 + 7];
            a0 = a0 + (g0 * w0) + (g1 * w1) + (g2 * w2) + (g3 * w3) + (g4 * w4) + (g5 * w5) + (g6 * w6) + (g7 * w7);
            a1 = a1 + (g0 * w1) + (g1 * w2) + (g2 * w3) + (g3 * w4) + (g4 * w5) + (g5 * w6) + (g6 * w7) + (g7 * w8);
            a2 = a2 + (g0 * w2) + (g1 * w3) + (g2 * w4) + (g3 * w5) + (g4 * w6) + (g5 * w7) + (g6 * w8) + (g7 * w9);
            a3 = a3 + (g0 * w3) + (g1 * w4) + (g2 * w5) + (g3 * w6) + (g4 * w7) + (g5 * w8) + (g6 * w9) + (g7 * w10);
            a4 = a4 + (g0 * w4) + (g1 * w5) + (g2 * w6) + (g3 * w7) + (g4 * w8) + (g5 * w9) + (g6 * w10) + (g7 * w11);
            a5 = a5 + (g0 * w5) + (g1 * w6) + (g2 * w7) + (g3 * w8) + (g4 * w9) + (g5 * w10) + (g6 * w11) + (g7 * w12);
            a6 = a6 + (g0 * w6) + (g1 * w7) + (g2 * w8) + (g3 * w9) + (g4 * w10) + (g5 * w11) + (g6 * w12) + (g7 * w13);
            a7 = a7 + (g0 * w7) + (g1 * w8) + (g2 * w9) + (g3 * w10) + (g4 * w11) + (g5 * w12) + (g6 * w13) + (g7 * w14);
            a8 = a8 + (g0 * w8) + (g1 * w9) + (g2 * w10) + (g3 * w11) + (g4 * w12) + (g5 * w13) + (g6 * w14) + (g7 * w15);
            a9 = a9 + (g0 * w9) + (g1 * w10) + (g2 * w11) + (g3 * w12) + (g4 * w13) + (g5 * w14) + (g6 * w15) + (g7 * w16);
            a10 = a10 + (g0 * w10) + (g1 * w11) + (g2 * w12) + (g3 * w13) + (g4 * w14) + (g5 * w15) + (g6 * w16) + (g7 * w17);
            a11 = a11 + (g0 * w11) + (g1 * w12) + (g2 * w13) + (g3 * w14) + (g4 * w15) + (g5 * w16) + (g6 * w17) + (g7 * w18);
            a12 = a12 + (g0 * w12) + (g1 * w13) + (g2 * w14) + (g3 * w15) + (g4 * w16) + (g5 * w17) + (g6 * w18) + (g7 * w19);
            a13 = a13 + (g0 * w13) + (g1 * w14) + (g2 * w15) + (g3 * w16) + (g4 * w17) + (g5 * w18) + (g6 * w19) + (g7 * w20);
            a14 = a14 + (g0 * w14) + (g1 * w15) + (g2 * w16) + (g3 * w17) + (g4 * w18) + (g5 * w19) + (g6 * w20) + (g7 * w21);
            a15 = a15 + (g0 * w15) + (g1 * w16) + (g2 * w17) + (g3 * w18) + (g4 * w19) + (g5 * w20) + (g6 * w21) + (g7 * w22);

            int p1 = Pad(o + k0 + 24);
            w0 = window[p1]; w1 = window[p1 + 1]; w2 = window[p1 + 2]; w3 = window[p1 + 3];
            w4 = window[p1 + 4]; w5 = window[p1 + 5]; w6 = window[p1 + 6]; w7 = window[p1 + 7];
            g0 = taps[k0 + 8]; g1 = taps[k0 + 9]; g2 = taps[k0 + 10]; g3 = taps[k0 + 11];
            g4 = taps[k0 + 12]; g5 = taps[k0 + 13]; g6 = taps[k0 + 14]; g7 = taps[k0 + 15];
            a0 = a0 + (g0 * w8) + (g1 * w9) + (g2 * w10) + (g3 * w11) + (g4 * w12) + (g5 * w13) + (g6 * w14) + (g7 * w15);
            a1 = a1 + (g0 * w9) + (g1 * w10) + (g2 * w11) + (g3 * w12) + (g4 * w13) + (g5 * w14) + (g6 * w15) + (g7 * w16);
            a2 = a2 + (g0 * w10) + (g1 * w11) + (g2 * w12) + (g3 * w13) + (g4 * w14) + (g5 * w15) + (g6 * w16) + (g7 * w17);
            a3 = a3 + (g0 * w11) + (g1 * w12) + (g2 * w13) + (g3 * w14) + (g4 * w15) + (g5 * w16) + (g6 * w17) + (g7 * w18);
            a4 = a4 + (g0 * w12) + (g1 * w13) + (g2 * w14) + (g3 * w15) + (g4 * w16) + (g5 * w17) + (g6 * w18) + (g7 * w19);
            a5 = a5 + (g0 * w13) + (g1 * w14) + (g2 * w15) + (g3 * w16) + (g4 * w17) + (g5 * w18) + (g6 * w19) + (g7 * w20);
            a6 = a6 + (g0 * w14) + (g1 * w15) + (g2 * w16) + (g3 * w17) + (g4 * w18) + (g5 * w19) + (g6 * w20) + (g7 * w21);
            a7 = a7 + (g0 * w15) + (g1 * w16) + (g2 * w17) + (g3 * w18) + (g4 * w19) + (g5 * w20) + (g6 * w21) + (g7 * w22);
            a8 = a8 + (g0 * w16) + (g1 * w17) + (g2 * w18) + (g3 * w19) + (g4 * w20) + (g5 * w21) + (g6 * w22) + (g7 * w23);
            a9 = a9 + (g0 * w17) + (g1 * w18) + (g2 * w19) + (g3 * w20) + (g4 * w21) + (g5 * w22) + (g6 * w23) + (g7 * w0);
            a10 = a10 + (g0 * w18) + (g1 * w19) + (g2 * w20) + (g3 * w21) + (g4 * w22) + (g5 * w23) + (g6 * w0) + (g7 * w1);
            a11 = a11 + (g0 * w19) + (g1 * w20) + (g2 * w21) + (g3 * w22) + (g4 * w23) + (g5 * w0) + (g6 * w1) + (g7 * w2);
            a12 = a12 + (g0 * w20) + (g1 * w21) + (g2 * w22) + (g3 * w23) + (g4 * w0) + (g5 * w1) + (g6 * w2) + (g7 * w3);
            a13 = a13 + (g0 * w21) + (g1 * w22) + (g2 * w23) + (g3 * w0) + (g4 * w1) + (g5 * w2) + (g6 * w3) + (g7 * w4);
            a14 = a14 + (g0 * w22) + (g1 * w23) + (g2 * w0) + (g3 * w1) + (g4 * w2) + (g5 * w3) + (g6 * w4) + (g7 * w5);
            a15 = a15 + (g0 * w23) + (g1 * w0) + (g2 * w1) + (g3 * w2) + (g4 * w3) + (g5 * w4) + (g6 * w5) + (g7 * w6);

            int p2 = Pad(o + k0 + 32);
            w8 = window[p2]; w9 = window[p2 + 1]; w10 = window[p2 + 2]; w11 = window[p2 + 3];
            w12 = window[p2 + 4]; w13 = window[p2 + 5]; w14 = window[p2 + 6]; w15 = window[p2 + 7];
            g0 = taps[k0 + 16]; g1 = taps[k0 + 17]; g2 = taps[k0 + 18]; g3 = taps[k0 + 19];
            g4 = taps[k0 + 20]; g5 = taps[k0 + 21]; g6 = taps[k0 + 22]; g7 = taps[k0 + 23];
            a0 = a0 + (g0 * w16) + (g1 * w17) + (g2 * w18) + (g3 * w19) + (g4 * w20) + (g5 * w21) + (g6 * w22) + (g7 * w23);
            a1 = a1 + (g0 * w17) + (g1 * w18) + (g2 * w19) + (g3 * w20) + (g4 * w21) + (g5 * w22) + (g6 * w23) + (g7 * w0);
            a2 = a2 + (g0 * w18) + (g1 * w19) + (g2 * w20) + (g3 * w21) + (g4 * w22) + (g5 * w23) + (g6 * w0) + (g7 * w1);
            a3 = a3 + (g0 * w19) + (g1 * w20) + (g2 * w21) + (g3 * w22) + (g4 * w23) + (g5 * w0) + (g6 * w1) + (g7 * w2);
            a4 = a4 + (g0 * w20) + (g1 * w21) + (g2 * w22) + (g3 * w23) + (g4 * w0) + (g5 * w1) + (g6 * w2) + (g7 * w3);
            a5 = a5 + (g0 * w21) + (g1 * w22) + (g2 * w23) + (g3 * w0) + (g4 * w1) + (g5 * w2) + (g6 * w3) + (g7 * w4);
            a6 = a6 + (g0 * w22) + (g1 * w23) + (g2 * w0) + (g3 * w1) + (g4 * w2) + (g5 * w3) + (g6 * w4) + (g7 * w5);
            a7 = a7 + (g0 * w23) + (g1 * w0) + (g2 * w1) + (g3 * w2) + (g4 * w3) + (g5 * w4) + (g6 * w5) + (g7 * w6);
            a8 = a8 + (g0 * w0) + (g1 * w1) + (g2 * w2) + (g3 * w3) + (g4 * w4) + (g5 * w5) + (g6 * w6) + (g7 * w7);
            a9 = a9 + (g0 * w1) + (g1 * w2) + (g2 * w3) + (g3 * w4) + (g4 * w5) + (g5 * w6) + (g6 * w7) + (g7 * w8);
            a10 = a10 + (g0 * w2) + (g1 * w3) + (g2 * w4) + (g3 * w5) + (g4 * w6) + (g5 * w7) + (g6 * w8) + (g7 * w9);
            a11 = a11 + (g0 * w3) + (g1 * w4) + (g2 * w5) + (g3 * w6) + (g4 * w7) + (g5 * w8) + (g6 * w9) + (g7 * w10);
            a12 = a12 + (g0 * w4) + (g1 * w5) + (g2 * w6) + (g3 * w7) + (g4 * w8) + (g5 * w9) + (g6 * w10) + (g7 * w11);
            a13 = a13 + (g0 * w5) + (g1 * w6) + (g2 * w7) + (g3 * w8) + (g4 * w9) + (g5 * w10) + (g6 * w11) + (g7 * w12);
            a14 = a14 + (g0 * w6) + (g1 * w7) + (g2 * w8) + (g3 * w9) + (g4 * w10) + (g5 * w11) + (g6 * w12) + (g7 * w13);
            a15 = a15 + (g0 * w7) + (g1 * w8) + (g2 * w9) + (g3 * w10) + (g4 * w11) + (g5 * w12) + (g6 * w13) + (g7 * w14);
        }

        for (; k0 + 8 <= n; k0 += 8)
        {
            int pn = Pad(o + k0 + 16);
            w16 = window[pn]; w17 = window[pn + 1]; w18 = window[pn + 2]; w19 = window[pn + 3];
            w20 = window[pn + 4]; w21 = window[pn + 5]; w22 = window[pn + 6]; w23 = window[pn + 7];
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

        if (handshake && tid == 0)
        {
            WaitForReaders(ints, pass, row, tileStart, length);
        }

        // Stage the outputs and store them coalesced (every thread has finished reading the window first).
        Group.Barrier();
        window[po] = a0;
        window[po + 1] = a1;
        window[po + 2] = a2;
        window[po + 3] = a3;
        window[po + 4] = a4;
        window[po + 5] = a5;
        window[po + 6] = a6;
        window[po + 7] = a7;
        window[po + 8] = a8;
        window[po + 9] = a9;
        window[po + 10] = a10;
        window[po + 11] = a11;
        window[po + 12] = a12;
        window[po + 13] = a13;
        window[po + 14] = a14;
        window[po + 15] = a15;
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

    /// <summary>
    /// Waits until every other tile of the row whose window reaches into this tile's samples has flagged that it read
    /// its window: tile u's window spans [u T - Before, u T + T + After), After = taps - 1 - Before, positions clamped to
    /// the row, so the readers are the valid tiles within ceil(After / T) before and ceil(Before / T) after this one.
    /// </summary>
    private static void WaitForReaders(ArrayView<int> ints, FirPass pass, int row, int tileStart, int length)
    {
        int size = pass.TileSize;
        int tile = tileStart / size;
        int after = pass.Taps - 1 - pass.Before;
        int first = Math.Max(0, tile - ((after + size - 1) / size));
        int last = Math.Min((length - 1) / size, tile + ((pass.Before + size - 1) / size));
        int flags = pass.FlagsOffset + (row * pass.TilesPerRow);
        for (int u = first; u <= last; u++)
        {
            if (u != tile)
            {
                DeviceWait.UntilAtLeast(ints, flags + u, 1);
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
        public bool Direct; // every sample from the batch (no halo copy), positions clamped to the row

        /// <summary>
        /// Window sample <paramref name="q"/>, input position TileStart - Before + q (anything past the extent):
        /// the source and index are chosen first and the load is unconditional, so a thread's loads need no
        /// value before they are all issued.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly float Load(int q)
        {
            int position = TileStart - Before + q;
            bool own = Direct || (position >= TileStart && position < TileEnd);
            ArrayView<float> source = own ? Data : Halo;

            // The tile's own samples (past the row's end, held at its last one, in this tile), else the halo copy; or,
            // direct, any sample of the row, held at its first and last ones beyond its ends.
            int index = Direct ? Math.Max(0, Math.Min(position, Last))
                : own ? Math.Min(position, Last)
                : (position < TileStart ? q : Before + (position - TileEnd));
            return source[q < Extent ? index : 0];
        }
    }
}
