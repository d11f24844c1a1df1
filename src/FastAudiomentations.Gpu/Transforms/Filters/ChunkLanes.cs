using System.Runtime.CompilerServices;
using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// One thread's <see cref="IirCascadeKernel.ChunkLength"/> samples in registers: first its share of the tile in
/// the coalesced order (all loads in flight at once, then stored to shared memory), then its chunk of
/// consecutive samples while every section of the cascade runs over it (the recursion touches no memory), then
/// its share of the result on the way back out.
/// </summary>
/// <remarks>Written out sample by sample (generated): a register array indexed at run time would spill to local memory.</remarks>
internal struct ChunkLanes
{
    public float V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31;

    /// <summary>Reads the chunk from shared memory at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Load(ArrayView<float> tile, int start)
    {
        V0 = tile[start + 0];
        V1 = tile[start + 1];
        V2 = tile[start + 2];
        V3 = tile[start + 3];
        V4 = tile[start + 4];
        V5 = tile[start + 5];
        V6 = tile[start + 6];
        V7 = tile[start + 7];
        V8 = tile[start + 8];
        V9 = tile[start + 9];
        V10 = tile[start + 10];
        V11 = tile[start + 11];
        V12 = tile[start + 12];
        V13 = tile[start + 13];
        V14 = tile[start + 14];
        V15 = tile[start + 15];
        V16 = tile[start + 16];
        V17 = tile[start + 17];
        V18 = tile[start + 18];
        V19 = tile[start + 19];
        V20 = tile[start + 20];
        V21 = tile[start + 21];
        V22 = tile[start + 22];
        V23 = tile[start + 23];
        V24 = tile[start + 24];
        V25 = tile[start + 25];
        V26 = tile[start + 26];
        V27 = tile[start + 27];
        V28 = tile[start + 28];
        V29 = tile[start + 29];
        V30 = tile[start + 30];
        V31 = tile[start + 31];
    }

    /// <summary>Writes the chunk to shared memory at <paramref name="start"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(ArrayView<float> tile, int start)
    {
        tile[start + 0] = V0;
        tile[start + 1] = V1;
        tile[start + 2] = V2;
        tile[start + 3] = V3;
        tile[start + 4] = V4;
        tile[start + 5] = V5;
        tile[start + 6] = V6;
        tile[start + 7] = V7;
        tile[start + 8] = V8;
        tile[start + 9] = V9;
        tile[start + 10] = V10;
        tile[start + 11] = V11;
        tile[start + 12] = V12;
        tile[start + 13] = V13;
        tile[start + 14] = V14;
        tile[start + 15] = V15;
        tile[start + 16] = V16;
        tile[start + 17] = V17;
        tile[start + 18] = V18;
        tile[start + 19] = V19;
        tile[start + 20] = V20;
        tile[start + 21] = V21;
        tile[start + 22] = V22;
        tile[start + 23] = V23;
        tile[start + 24] = V24;
        tile[start + 25] = V25;
        tile[start + 26] = V26;
        tile[start + 27] = V27;
        tile[start + 28] = V28;
        tile[start + 29] = V29;
        tile[start + 30] = V30;
        tile[start + 31] = V31;
    }

    /// <summary>Advances <paramref name="state"/> over the chunk through section <paramref name="c"/>, leaving the samples as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Advance(in BiquadSection c, ref BiquadState state)
    {
        Biquad.Step(c, ref state, V0);
        Biquad.Step(c, ref state, V1);
        Biquad.Step(c, ref state, V2);
        Biquad.Step(c, ref state, V3);
        Biquad.Step(c, ref state, V4);
        Biquad.Step(c, ref state, V5);
        Biquad.Step(c, ref state, V6);
        Biquad.Step(c, ref state, V7);
        Biquad.Step(c, ref state, V8);
        Biquad.Step(c, ref state, V9);
        Biquad.Step(c, ref state, V10);
        Biquad.Step(c, ref state, V11);
        Biquad.Step(c, ref state, V12);
        Biquad.Step(c, ref state, V13);
        Biquad.Step(c, ref state, V14);
        Biquad.Step(c, ref state, V15);
        Biquad.Step(c, ref state, V16);
        Biquad.Step(c, ref state, V17);
        Biquad.Step(c, ref state, V18);
        Biquad.Step(c, ref state, V19);
        Biquad.Step(c, ref state, V20);
        Biquad.Step(c, ref state, V21);
        Biquad.Step(c, ref state, V22);
        Biquad.Step(c, ref state, V23);
        Biquad.Step(c, ref state, V24);
        Biquad.Step(c, ref state, V25);
        Biquad.Step(c, ref state, V26);
        Biquad.Step(c, ref state, V27);
        Biquad.Step(c, ref state, V28);
        Biquad.Step(c, ref state, V29);
        Biquad.Step(c, ref state, V30);
        Biquad.Step(c, ref state, V31);
    }

    /// <summary>Filters the chunk through section <paramref name="c"/> from <paramref name="state"/>, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Filter(in BiquadSection c, ref BiquadState state)
    {
        V0 = Biquad.Step(c, ref state, V0);
        V1 = Biquad.Step(c, ref state, V1);
        V2 = Biquad.Step(c, ref state, V2);
        V3 = Biquad.Step(c, ref state, V3);
        V4 = Biquad.Step(c, ref state, V4);
        V5 = Biquad.Step(c, ref state, V5);
        V6 = Biquad.Step(c, ref state, V6);
        V7 = Biquad.Step(c, ref state, V7);
        V8 = Biquad.Step(c, ref state, V8);
        V9 = Biquad.Step(c, ref state, V9);
        V10 = Biquad.Step(c, ref state, V10);
        V11 = Biquad.Step(c, ref state, V11);
        V12 = Biquad.Step(c, ref state, V12);
        V13 = Biquad.Step(c, ref state, V13);
        V14 = Biquad.Step(c, ref state, V14);
        V15 = Biquad.Step(c, ref state, V15);
        V16 = Biquad.Step(c, ref state, V16);
        V17 = Biquad.Step(c, ref state, V17);
        V18 = Biquad.Step(c, ref state, V18);
        V19 = Biquad.Step(c, ref state, V19);
        V20 = Biquad.Step(c, ref state, V20);
        V21 = Biquad.Step(c, ref state, V21);
        V22 = Biquad.Step(c, ref state, V22);
        V23 = Biquad.Step(c, ref state, V23);
        V24 = Biquad.Step(c, ref state, V24);
        V25 = Biquad.Step(c, ref state, V25);
        V26 = Biquad.Step(c, ref state, V26);
        V27 = Biquad.Step(c, ref state, V27);
        V28 = Biquad.Step(c, ref state, V28);
        V29 = Biquad.Step(c, ref state, V29);
        V30 = Biquad.Step(c, ref state, V30);
        V31 = Biquad.Step(c, ref state, V31);
    }

    /// <summary>
    /// Issues this thread's loads of the tile at <paramref name="tileStart"/> in the coalesced order (sample j at
    /// tileStart + tid + j x groupSize), every one before any value is used (<see cref="IirSignal.SourceIndex"/>:
    /// the index needs no loaded value), so all 32 are in flight at once; <see cref="Finish"/> then completes them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Issue(in IirSignal signal, int tileStart, int tid, int groupSize)
    {
        V0 = signal.Input[signal.SourceIndex(tileStart + tid + (0 * groupSize))];
        V1 = signal.Input[signal.SourceIndex(tileStart + tid + (1 * groupSize))];
        V2 = signal.Input[signal.SourceIndex(tileStart + tid + (2 * groupSize))];
        V3 = signal.Input[signal.SourceIndex(tileStart + tid + (3 * groupSize))];
        V4 = signal.Input[signal.SourceIndex(tileStart + tid + (4 * groupSize))];
        V5 = signal.Input[signal.SourceIndex(tileStart + tid + (5 * groupSize))];
        V6 = signal.Input[signal.SourceIndex(tileStart + tid + (6 * groupSize))];
        V7 = signal.Input[signal.SourceIndex(tileStart + tid + (7 * groupSize))];
        V8 = signal.Input[signal.SourceIndex(tileStart + tid + (8 * groupSize))];
        V9 = signal.Input[signal.SourceIndex(tileStart + tid + (9 * groupSize))];
        V10 = signal.Input[signal.SourceIndex(tileStart + tid + (10 * groupSize))];
        V11 = signal.Input[signal.SourceIndex(tileStart + tid + (11 * groupSize))];
        V12 = signal.Input[signal.SourceIndex(tileStart + tid + (12 * groupSize))];
        V13 = signal.Input[signal.SourceIndex(tileStart + tid + (13 * groupSize))];
        V14 = signal.Input[signal.SourceIndex(tileStart + tid + (14 * groupSize))];
        V15 = signal.Input[signal.SourceIndex(tileStart + tid + (15 * groupSize))];
        V16 = signal.Input[signal.SourceIndex(tileStart + tid + (16 * groupSize))];
        V17 = signal.Input[signal.SourceIndex(tileStart + tid + (17 * groupSize))];
        V18 = signal.Input[signal.SourceIndex(tileStart + tid + (18 * groupSize))];
        V19 = signal.Input[signal.SourceIndex(tileStart + tid + (19 * groupSize))];
        V20 = signal.Input[signal.SourceIndex(tileStart + tid + (20 * groupSize))];
        V21 = signal.Input[signal.SourceIndex(tileStart + tid + (21 * groupSize))];
        V22 = signal.Input[signal.SourceIndex(tileStart + tid + (22 * groupSize))];
        V23 = signal.Input[signal.SourceIndex(tileStart + tid + (23 * groupSize))];
        V24 = signal.Input[signal.SourceIndex(tileStart + tid + (24 * groupSize))];
        V25 = signal.Input[signal.SourceIndex(tileStart + tid + (25 * groupSize))];
        V26 = signal.Input[signal.SourceIndex(tileStart + tid + (26 * groupSize))];
        V27 = signal.Input[signal.SourceIndex(tileStart + tid + (27 * groupSize))];
        V28 = signal.Input[signal.SourceIndex(tileStart + tid + (28 * groupSize))];
        V29 = signal.Input[signal.SourceIndex(tileStart + tid + (29 * groupSize))];
        V30 = signal.Input[signal.SourceIndex(tileStart + tid + (30 * groupSize))];
        V31 = signal.Input[signal.SourceIndex(tileStart + tid + (31 * groupSize))];
    }

    /// <summary>
    /// Applies the odd extension to the values <see cref="Issue"/> loaded (<see cref="IirSignal.Finish"/>;
    /// <paramref name="first"/> and <paramref name="last"/> are the row's end samples) and zeroes those past the signal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Finish(in IirSignal signal, int tileStart, int tid, int groupSize, float first, float last)
    {
        V0 = signal.Finish(tileStart + tid + (0 * groupSize), V0, first, last);
        V1 = signal.Finish(tileStart + tid + (1 * groupSize), V1, first, last);
        V2 = signal.Finish(tileStart + tid + (2 * groupSize), V2, first, last);
        V3 = signal.Finish(tileStart + tid + (3 * groupSize), V3, first, last);
        V4 = signal.Finish(tileStart + tid + (4 * groupSize), V4, first, last);
        V5 = signal.Finish(tileStart + tid + (5 * groupSize), V5, first, last);
        V6 = signal.Finish(tileStart + tid + (6 * groupSize), V6, first, last);
        V7 = signal.Finish(tileStart + tid + (7 * groupSize), V7, first, last);
        V8 = signal.Finish(tileStart + tid + (8 * groupSize), V8, first, last);
        V9 = signal.Finish(tileStart + tid + (9 * groupSize), V9, first, last);
        V10 = signal.Finish(tileStart + tid + (10 * groupSize), V10, first, last);
        V11 = signal.Finish(tileStart + tid + (11 * groupSize), V11, first, last);
        V12 = signal.Finish(tileStart + tid + (12 * groupSize), V12, first, last);
        V13 = signal.Finish(tileStart + tid + (13 * groupSize), V13, first, last);
        V14 = signal.Finish(tileStart + tid + (14 * groupSize), V14, first, last);
        V15 = signal.Finish(tileStart + tid + (15 * groupSize), V15, first, last);
        V16 = signal.Finish(tileStart + tid + (16 * groupSize), V16, first, last);
        V17 = signal.Finish(tileStart + tid + (17 * groupSize), V17, first, last);
        V18 = signal.Finish(tileStart + tid + (18 * groupSize), V18, first, last);
        V19 = signal.Finish(tileStart + tid + (19 * groupSize), V19, first, last);
        V20 = signal.Finish(tileStart + tid + (20 * groupSize), V20, first, last);
        V21 = signal.Finish(tileStart + tid + (21 * groupSize), V21, first, last);
        V22 = signal.Finish(tileStart + tid + (22 * groupSize), V22, first, last);
        V23 = signal.Finish(tileStart + tid + (23 * groupSize), V23, first, last);
        V24 = signal.Finish(tileStart + tid + (24 * groupSize), V24, first, last);
        V25 = signal.Finish(tileStart + tid + (25 * groupSize), V25, first, last);
        V26 = signal.Finish(tileStart + tid + (26 * groupSize), V26, first, last);
        V27 = signal.Finish(tileStart + tid + (27 * groupSize), V27, first, last);
        V28 = signal.Finish(tileStart + tid + (28 * groupSize), V28, first, last);
        V29 = signal.Finish(tileStart + tid + (29 * groupSize), V29, first, last);
        V30 = signal.Finish(tileStart + tid + (30 * groupSize), V30, first, last);
        V31 = signal.Finish(tileStart + tid + (31 * groupSize), V31, first, last);
    }

    /// <summary>Stores the samples <see cref="Issue"/> and <see cref="Finish"/> loaded into the tile's shared memory, chunk-major.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Scatter(ArrayView<float> tile, int tid, int groupSize)
    {
        tile[IirCascadeKernel.Slot(tid + (0 * groupSize))] = V0;
        tile[IirCascadeKernel.Slot(tid + (1 * groupSize))] = V1;
        tile[IirCascadeKernel.Slot(tid + (2 * groupSize))] = V2;
        tile[IirCascadeKernel.Slot(tid + (3 * groupSize))] = V3;
        tile[IirCascadeKernel.Slot(tid + (4 * groupSize))] = V4;
        tile[IirCascadeKernel.Slot(tid + (5 * groupSize))] = V5;
        tile[IirCascadeKernel.Slot(tid + (6 * groupSize))] = V6;
        tile[IirCascadeKernel.Slot(tid + (7 * groupSize))] = V7;
        tile[IirCascadeKernel.Slot(tid + (8 * groupSize))] = V8;
        tile[IirCascadeKernel.Slot(tid + (9 * groupSize))] = V9;
        tile[IirCascadeKernel.Slot(tid + (10 * groupSize))] = V10;
        tile[IirCascadeKernel.Slot(tid + (11 * groupSize))] = V11;
        tile[IirCascadeKernel.Slot(tid + (12 * groupSize))] = V12;
        tile[IirCascadeKernel.Slot(tid + (13 * groupSize))] = V13;
        tile[IirCascadeKernel.Slot(tid + (14 * groupSize))] = V14;
        tile[IirCascadeKernel.Slot(tid + (15 * groupSize))] = V15;
        tile[IirCascadeKernel.Slot(tid + (16 * groupSize))] = V16;
        tile[IirCascadeKernel.Slot(tid + (17 * groupSize))] = V17;
        tile[IirCascadeKernel.Slot(tid + (18 * groupSize))] = V18;
        tile[IirCascadeKernel.Slot(tid + (19 * groupSize))] = V19;
        tile[IirCascadeKernel.Slot(tid + (20 * groupSize))] = V20;
        tile[IirCascadeKernel.Slot(tid + (21 * groupSize))] = V21;
        tile[IirCascadeKernel.Slot(tid + (22 * groupSize))] = V22;
        tile[IirCascadeKernel.Slot(tid + (23 * groupSize))] = V23;
        tile[IirCascadeKernel.Slot(tid + (24 * groupSize))] = V24;
        tile[IirCascadeKernel.Slot(tid + (25 * groupSize))] = V25;
        tile[IirCascadeKernel.Slot(tid + (26 * groupSize))] = V26;
        tile[IirCascadeKernel.Slot(tid + (27 * groupSize))] = V27;
        tile[IirCascadeKernel.Slot(tid + (28 * groupSize))] = V28;
        tile[IirCascadeKernel.Slot(tid + (29 * groupSize))] = V29;
        tile[IirCascadeKernel.Slot(tid + (30 * groupSize))] = V30;
        tile[IirCascadeKernel.Slot(tid + (31 * groupSize))] = V31;
    }

    /// <summary>Reads this thread's samples back from the tile's shared memory in the coalesced order (the inverse of <see cref="Scatter"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Collect(ArrayView<float> tile, int tid, int groupSize)
    {
        V0 = tile[IirCascadeKernel.Slot(tid + (0 * groupSize))];
        V1 = tile[IirCascadeKernel.Slot(tid + (1 * groupSize))];
        V2 = tile[IirCascadeKernel.Slot(tid + (2 * groupSize))];
        V3 = tile[IirCascadeKernel.Slot(tid + (3 * groupSize))];
        V4 = tile[IirCascadeKernel.Slot(tid + (4 * groupSize))];
        V5 = tile[IirCascadeKernel.Slot(tid + (5 * groupSize))];
        V6 = tile[IirCascadeKernel.Slot(tid + (6 * groupSize))];
        V7 = tile[IirCascadeKernel.Slot(tid + (7 * groupSize))];
        V8 = tile[IirCascadeKernel.Slot(tid + (8 * groupSize))];
        V9 = tile[IirCascadeKernel.Slot(tid + (9 * groupSize))];
        V10 = tile[IirCascadeKernel.Slot(tid + (10 * groupSize))];
        V11 = tile[IirCascadeKernel.Slot(tid + (11 * groupSize))];
        V12 = tile[IirCascadeKernel.Slot(tid + (12 * groupSize))];
        V13 = tile[IirCascadeKernel.Slot(tid + (13 * groupSize))];
        V14 = tile[IirCascadeKernel.Slot(tid + (14 * groupSize))];
        V15 = tile[IirCascadeKernel.Slot(tid + (15 * groupSize))];
        V16 = tile[IirCascadeKernel.Slot(tid + (16 * groupSize))];
        V17 = tile[IirCascadeKernel.Slot(tid + (17 * groupSize))];
        V18 = tile[IirCascadeKernel.Slot(tid + (18 * groupSize))];
        V19 = tile[IirCascadeKernel.Slot(tid + (19 * groupSize))];
        V20 = tile[IirCascadeKernel.Slot(tid + (20 * groupSize))];
        V21 = tile[IirCascadeKernel.Slot(tid + (21 * groupSize))];
        V22 = tile[IirCascadeKernel.Slot(tid + (22 * groupSize))];
        V23 = tile[IirCascadeKernel.Slot(tid + (23 * groupSize))];
        V24 = tile[IirCascadeKernel.Slot(tid + (24 * groupSize))];
        V25 = tile[IirCascadeKernel.Slot(tid + (25 * groupSize))];
        V26 = tile[IirCascadeKernel.Slot(tid + (26 * groupSize))];
        V27 = tile[IirCascadeKernel.Slot(tid + (27 * groupSize))];
        V28 = tile[IirCascadeKernel.Slot(tid + (28 * groupSize))];
        V29 = tile[IirCascadeKernel.Slot(tid + (29 * groupSize))];
        V30 = tile[IirCascadeKernel.Slot(tid + (30 * groupSize))];
        V31 = tile[IirCascadeKernel.Slot(tid + (31 * groupSize))];
    }

    /// <summary>Writes the samples <see cref="Collect"/> read to the pass's output (those below the signal's end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Emit(in IirSignal signal, int tileStart, int tid, int groupSize)
    {
        Emit(signal, tileStart + tid + (0 * groupSize), V0);
        Emit(signal, tileStart + tid + (1 * groupSize), V1);
        Emit(signal, tileStart + tid + (2 * groupSize), V2);
        Emit(signal, tileStart + tid + (3 * groupSize), V3);
        Emit(signal, tileStart + tid + (4 * groupSize), V4);
        Emit(signal, tileStart + tid + (5 * groupSize), V5);
        Emit(signal, tileStart + tid + (6 * groupSize), V6);
        Emit(signal, tileStart + tid + (7 * groupSize), V7);
        Emit(signal, tileStart + tid + (8 * groupSize), V8);
        Emit(signal, tileStart + tid + (9 * groupSize), V9);
        Emit(signal, tileStart + tid + (10 * groupSize), V10);
        Emit(signal, tileStart + tid + (11 * groupSize), V11);
        Emit(signal, tileStart + tid + (12 * groupSize), V12);
        Emit(signal, tileStart + tid + (13 * groupSize), V13);
        Emit(signal, tileStart + tid + (14 * groupSize), V14);
        Emit(signal, tileStart + tid + (15 * groupSize), V15);
        Emit(signal, tileStart + tid + (16 * groupSize), V16);
        Emit(signal, tileStart + tid + (17 * groupSize), V17);
        Emit(signal, tileStart + tid + (18 * groupSize), V18);
        Emit(signal, tileStart + tid + (19 * groupSize), V19);
        Emit(signal, tileStart + tid + (20 * groupSize), V20);
        Emit(signal, tileStart + tid + (21 * groupSize), V21);
        Emit(signal, tileStart + tid + (22 * groupSize), V22);
        Emit(signal, tileStart + tid + (23 * groupSize), V23);
        Emit(signal, tileStart + tid + (24 * groupSize), V24);
        Emit(signal, tileStart + tid + (25 * groupSize), V25);
        Emit(signal, tileStart + tid + (26 * groupSize), V26);
        Emit(signal, tileStart + tid + (27 * groupSize), V27);
        Emit(signal, tileStart + tid + (28 * groupSize), V28);
        Emit(signal, tileStart + tid + (29 * groupSize), V29);
        Emit(signal, tileStart + tid + (30 * groupSize), V30);
        Emit(signal, tileStart + tid + (31 * groupSize), V31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(in IirSignal signal, int i, float value)
    {
        if (i < signal.Count)
        {
            signal.Write(i, value);
        }
    }
}
