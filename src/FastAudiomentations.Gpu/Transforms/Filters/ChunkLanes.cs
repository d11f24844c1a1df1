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
    /// <see cref="Filter"/> through section <paramref name="c"/> from <paramref name="state"/>, and <see cref="Advance"/> of
    /// <paramref name="nextState"/> through the next section <paramref name="next"/> over the filtered samples, sample by
    /// sample: the same operations as the two passes one after the other, but the next section's recursion runs
    /// alongside this one's (its chain waits on one output, not on the whole chunk), so the two latency-bound chains overlap.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void FilterThenAdvance(in BiquadSection c, ref BiquadState state, in BiquadSection next, ref BiquadState nextState)
    {
        V0 = Biquad.Step(c, ref state, V0);
        Biquad.Step(next, ref nextState, V0);
        V1 = Biquad.Step(c, ref state, V1);
        Biquad.Step(next, ref nextState, V1);
        V2 = Biquad.Step(c, ref state, V2);
        Biquad.Step(next, ref nextState, V2);
        V3 = Biquad.Step(c, ref state, V3);
        Biquad.Step(next, ref nextState, V3);
        V4 = Biquad.Step(c, ref state, V4);
        Biquad.Step(next, ref nextState, V4);
        V5 = Biquad.Step(c, ref state, V5);
        Biquad.Step(next, ref nextState, V5);
        V6 = Biquad.Step(c, ref state, V6);
        Biquad.Step(next, ref nextState, V6);
        V7 = Biquad.Step(c, ref state, V7);
        Biquad.Step(next, ref nextState, V7);
        V8 = Biquad.Step(c, ref state, V8);
        Biquad.Step(next, ref nextState, V8);
        V9 = Biquad.Step(c, ref state, V9);
        Biquad.Step(next, ref nextState, V9);
        V10 = Biquad.Step(c, ref state, V10);
        Biquad.Step(next, ref nextState, V10);
        V11 = Biquad.Step(c, ref state, V11);
        Biquad.Step(next, ref nextState, V11);
        V12 = Biquad.Step(c, ref state, V12);
        Biquad.Step(next, ref nextState, V12);
        V13 = Biquad.Step(c, ref state, V13);
        Biquad.Step(next, ref nextState, V13);
        V14 = Biquad.Step(c, ref state, V14);
        Biquad.Step(next, ref nextState, V14);
        V15 = Biquad.Step(c, ref state, V15);
        Biquad.Step(next, ref nextState, V15);
        V16 = Biquad.Step(c, ref state, V16);
        Biquad.Step(next, ref nextState, V16);
        V17 = Biquad.Step(c, ref state, V17);
        Biquad.Step(next, ref nextState, V17);
        V18 = Biquad.Step(c, ref state, V18);
        Biquad.Step(next, ref nextState, V18);
        V19 = Biquad.Step(c, ref state, V19);
        Biquad.Step(next, ref nextState, V19);
        V20 = Biquad.Step(c, ref state, V20);
        Biquad.Step(next, ref nextState, V20);
        V21 = Biquad.Step(c, ref state, V21);
        Biquad.Step(next, ref nextState, V21);
        V22 = Biquad.Step(c, ref state, V22);
        Biquad.Step(next, ref nextState, V22);
        V23 = Biquad.Step(c, ref state, V23);
        Biquad.Step(next, ref nextState, V23);
        V24 = Biquad.Step(c, ref state, V24);
        Biquad.Step(next, ref nextState, V24);
        V25 = Biquad.Step(c, ref state, V25);
        Biquad.Step(next, ref nextState, V25);
        V26 = Biquad.Step(c, ref state, V26);
        Biquad.Step(next, ref nextState, V26);
        V27 = Biquad.Step(c, ref state, V27);
        Biquad.Step(next, ref nextState, V27);
        V28 = Biquad.Step(c, ref state, V28);
        Biquad.Step(next, ref nextState, V28);
        V29 = Biquad.Step(c, ref state, V29);
        Biquad.Step(next, ref nextState, V29);
        V30 = Biquad.Step(c, ref state, V30);
        Biquad.Step(next, ref nextState, V30);
        V31 = Biquad.Step(c, ref state, V31);
        Biquad.Step(next, ref nextState, V31);
    }

    /// <summary>
    /// Issues this thread's loads of the tile at <paramref name="tileStart"/> in the coalesced order (sample j at
    /// tileStart + tid + j x groupSize), every one before any value is used (<see cref="IirSignal.SourceIndex"/>:
    /// the index needs no loaded value), so all 32 are in flight at once; <see cref="Finish"/> then completes them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Issue(in IirSignal signal, int tileStart, int tid, int groupSize)
    {
        V0 = signal.In(signal.SourceIndex(tileStart + tid + (0 * groupSize)));
        V1 = signal.In(signal.SourceIndex(tileStart + tid + (1 * groupSize)));
        V2 = signal.In(signal.SourceIndex(tileStart + tid + (2 * groupSize)));
        V3 = signal.In(signal.SourceIndex(tileStart + tid + (3 * groupSize)));
        V4 = signal.In(signal.SourceIndex(tileStart + tid + (4 * groupSize)));
        V5 = signal.In(signal.SourceIndex(tileStart + tid + (5 * groupSize)));
        V6 = signal.In(signal.SourceIndex(tileStart + tid + (6 * groupSize)));
        V7 = signal.In(signal.SourceIndex(tileStart + tid + (7 * groupSize)));
        V8 = signal.In(signal.SourceIndex(tileStart + tid + (8 * groupSize)));
        V9 = signal.In(signal.SourceIndex(tileStart + tid + (9 * groupSize)));
        V10 = signal.In(signal.SourceIndex(tileStart + tid + (10 * groupSize)));
        V11 = signal.In(signal.SourceIndex(tileStart + tid + (11 * groupSize)));
        V12 = signal.In(signal.SourceIndex(tileStart + tid + (12 * groupSize)));
        V13 = signal.In(signal.SourceIndex(tileStart + tid + (13 * groupSize)));
        V14 = signal.In(signal.SourceIndex(tileStart + tid + (14 * groupSize)));
        V15 = signal.In(signal.SourceIndex(tileStart + tid + (15 * groupSize)));
        V16 = signal.In(signal.SourceIndex(tileStart + tid + (16 * groupSize)));
        V17 = signal.In(signal.SourceIndex(tileStart + tid + (17 * groupSize)));
        V18 = signal.In(signal.SourceIndex(tileStart + tid + (18 * groupSize)));
        V19 = signal.In(signal.SourceIndex(tileStart + tid + (19 * groupSize)));
        V20 = signal.In(signal.SourceIndex(tileStart + tid + (20 * groupSize)));
        V21 = signal.In(signal.SourceIndex(tileStart + tid + (21 * groupSize)));
        V22 = signal.In(signal.SourceIndex(tileStart + tid + (22 * groupSize)));
        V23 = signal.In(signal.SourceIndex(tileStart + tid + (23 * groupSize)));
        V24 = signal.In(signal.SourceIndex(tileStart + tid + (24 * groupSize)));
        V25 = signal.In(signal.SourceIndex(tileStart + tid + (25 * groupSize)));
        V26 = signal.In(signal.SourceIndex(tileStart + tid + (26 * groupSize)));
        V27 = signal.In(signal.SourceIndex(tileStart + tid + (27 * groupSize)));
        V28 = signal.In(signal.SourceIndex(tileStart + tid + (28 * groupSize)));
        V29 = signal.In(signal.SourceIndex(tileStart + tid + (29 * groupSize)));
        V30 = signal.In(signal.SourceIndex(tileStart + tid + (30 * groupSize)));
        V31 = signal.In(signal.SourceIndex(tileStart + tid + (31 * groupSize)));
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

    /// <summary>
    /// Issues this thread's loads of a whole tile (no sample past the row's end) in the coalesced order: sample j at
    /// <paramref name="at"/>[j x groupSize], every load in flight before any value is used. With a compile-time
    /// group size the offsets are constants of one base address: one instruction a load.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void IssueWhole(ArrayView<float> at, int groupSize)
    {
        V0 = at[0 * groupSize];
        V1 = at[1 * groupSize];
        V2 = at[2 * groupSize];
        V3 = at[3 * groupSize];
        V4 = at[4 * groupSize];
        V5 = at[5 * groupSize];
        V6 = at[6 * groupSize];
        V7 = at[7 * groupSize];
        V8 = at[8 * groupSize];
        V9 = at[9 * groupSize];
        V10 = at[10 * groupSize];
        V11 = at[11 * groupSize];
        V12 = at[12 * groupSize];
        V13 = at[13 * groupSize];
        V14 = at[14 * groupSize];
        V15 = at[15 * groupSize];
        V16 = at[16 * groupSize];
        V17 = at[17 * groupSize];
        V18 = at[18 * groupSize];
        V19 = at[19 * groupSize];
        V20 = at[20 * groupSize];
        V21 = at[21 * groupSize];
        V22 = at[22 * groupSize];
        V23 = at[23 * groupSize];
        V24 = at[24 * groupSize];
        V25 = at[25 * groupSize];
        V26 = at[26 * groupSize];
        V27 = at[27 * groupSize];
        V28 = at[28 * groupSize];
        V29 = at[29 * groupSize];
        V30 = at[30 * groupSize];
        V31 = at[31 * groupSize];
    }

    /// <summary>
    /// The row's last, partial tile: sample j at <paramref name="data"/>[first + j x groupSize] where it is below
    /// <paramref name="length"/>, else 0 (the loads clamped into the row, all in flight, then zeroed).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void IssueTail(ArrayView<float> data, int first, int groupSize, int length)
    {
        int last = length - 1;
        V0 = data[Math.Min(first + (0 * groupSize), last)];
        V1 = data[Math.Min(first + (1 * groupSize), last)];
        V2 = data[Math.Min(first + (2 * groupSize), last)];
        V3 = data[Math.Min(first + (3 * groupSize), last)];
        V4 = data[Math.Min(first + (4 * groupSize), last)];
        V5 = data[Math.Min(first + (5 * groupSize), last)];
        V6 = data[Math.Min(first + (6 * groupSize), last)];
        V7 = data[Math.Min(first + (7 * groupSize), last)];
        V8 = data[Math.Min(first + (8 * groupSize), last)];
        V9 = data[Math.Min(first + (9 * groupSize), last)];
        V10 = data[Math.Min(first + (10 * groupSize), last)];
        V11 = data[Math.Min(first + (11 * groupSize), last)];
        V12 = data[Math.Min(first + (12 * groupSize), last)];
        V13 = data[Math.Min(first + (13 * groupSize), last)];
        V14 = data[Math.Min(first + (14 * groupSize), last)];
        V15 = data[Math.Min(first + (15 * groupSize), last)];
        V16 = data[Math.Min(first + (16 * groupSize), last)];
        V17 = data[Math.Min(first + (17 * groupSize), last)];
        V18 = data[Math.Min(first + (18 * groupSize), last)];
        V19 = data[Math.Min(first + (19 * groupSize), last)];
        V20 = data[Math.Min(first + (20 * groupSize), last)];
        V21 = data[Math.Min(first + (21 * groupSize), last)];
        V22 = data[Math.Min(first + (22 * groupSize), last)];
        V23 = data[Math.Min(first + (23 * groupSize), last)];
        V24 = data[Math.Min(first + (24 * groupSize), last)];
        V25 = data[Math.Min(first + (25 * groupSize), last)];
        V26 = data[Math.Min(first + (26 * groupSize), last)];
        V27 = data[Math.Min(first + (27 * groupSize), last)];
        V28 = data[Math.Min(first + (28 * groupSize), last)];
        V29 = data[Math.Min(first + (29 * groupSize), last)];
        V30 = data[Math.Min(first + (30 * groupSize), last)];
        V31 = data[Math.Min(first + (31 * groupSize), last)];
        int valid = length - first;
        V0 = 0 * groupSize < valid ? V0 : 0f;
        V1 = 1 * groupSize < valid ? V1 : 0f;
        V2 = 2 * groupSize < valid ? V2 : 0f;
        V3 = 3 * groupSize < valid ? V3 : 0f;
        V4 = 4 * groupSize < valid ? V4 : 0f;
        V5 = 5 * groupSize < valid ? V5 : 0f;
        V6 = 6 * groupSize < valid ? V6 : 0f;
        V7 = 7 * groupSize < valid ? V7 : 0f;
        V8 = 8 * groupSize < valid ? V8 : 0f;
        V9 = 9 * groupSize < valid ? V9 : 0f;
        V10 = 10 * groupSize < valid ? V10 : 0f;
        V11 = 11 * groupSize < valid ? V11 : 0f;
        V12 = 12 * groupSize < valid ? V12 : 0f;
        V13 = 13 * groupSize < valid ? V13 : 0f;
        V14 = 14 * groupSize < valid ? V14 : 0f;
        V15 = 15 * groupSize < valid ? V15 : 0f;
        V16 = 16 * groupSize < valid ? V16 : 0f;
        V17 = 17 * groupSize < valid ? V17 : 0f;
        V18 = 18 * groupSize < valid ? V18 : 0f;
        V19 = 19 * groupSize < valid ? V19 : 0f;
        V20 = 20 * groupSize < valid ? V20 : 0f;
        V21 = 21 * groupSize < valid ? V21 : 0f;
        V22 = 22 * groupSize < valid ? V22 : 0f;
        V23 = 23 * groupSize < valid ? V23 : 0f;
        V24 = 24 * groupSize < valid ? V24 : 0f;
        V25 = 25 * groupSize < valid ? V25 : 0f;
        V26 = 26 * groupSize < valid ? V26 : 0f;
        V27 = 27 * groupSize < valid ? V27 : 0f;
        V28 = 28 * groupSize < valid ? V28 : 0f;
        V29 = 29 * groupSize < valid ? V29 : 0f;
        V30 = 30 * groupSize < valid ? V30 : 0f;
        V31 = 31 * groupSize < valid ? V31 : 0f;
    }

    /// <summary>
    /// Stores the samples <see cref="IssueWhole"/> or <see cref="IssueTail"/> loaded into the tile's shared memory,
    /// chunk-major: <paramref name="own"/> starts at this thread's first slot, Slot(tid), and sample j lies
    /// Slot(j x groupSize) further (<see cref="IirCascadeKernel.Slot"/> splits so for a power-of-two group size:
    /// the lane's position and the multiple of the group size never carry into each other), a constant offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void ScatterOwn(ArrayView<float> own, int groupSize)
    {
        own[IirCascadeKernel.Slot(0 * groupSize)] = V0;
        own[IirCascadeKernel.Slot(1 * groupSize)] = V1;
        own[IirCascadeKernel.Slot(2 * groupSize)] = V2;
        own[IirCascadeKernel.Slot(3 * groupSize)] = V3;
        own[IirCascadeKernel.Slot(4 * groupSize)] = V4;
        own[IirCascadeKernel.Slot(5 * groupSize)] = V5;
        own[IirCascadeKernel.Slot(6 * groupSize)] = V6;
        own[IirCascadeKernel.Slot(7 * groupSize)] = V7;
        own[IirCascadeKernel.Slot(8 * groupSize)] = V8;
        own[IirCascadeKernel.Slot(9 * groupSize)] = V9;
        own[IirCascadeKernel.Slot(10 * groupSize)] = V10;
        own[IirCascadeKernel.Slot(11 * groupSize)] = V11;
        own[IirCascadeKernel.Slot(12 * groupSize)] = V12;
        own[IirCascadeKernel.Slot(13 * groupSize)] = V13;
        own[IirCascadeKernel.Slot(14 * groupSize)] = V14;
        own[IirCascadeKernel.Slot(15 * groupSize)] = V15;
        own[IirCascadeKernel.Slot(16 * groupSize)] = V16;
        own[IirCascadeKernel.Slot(17 * groupSize)] = V17;
        own[IirCascadeKernel.Slot(18 * groupSize)] = V18;
        own[IirCascadeKernel.Slot(19 * groupSize)] = V19;
        own[IirCascadeKernel.Slot(20 * groupSize)] = V20;
        own[IirCascadeKernel.Slot(21 * groupSize)] = V21;
        own[IirCascadeKernel.Slot(22 * groupSize)] = V22;
        own[IirCascadeKernel.Slot(23 * groupSize)] = V23;
        own[IirCascadeKernel.Slot(24 * groupSize)] = V24;
        own[IirCascadeKernel.Slot(25 * groupSize)] = V25;
        own[IirCascadeKernel.Slot(26 * groupSize)] = V26;
        own[IirCascadeKernel.Slot(27 * groupSize)] = V27;
        own[IirCascadeKernel.Slot(28 * groupSize)] = V28;
        own[IirCascadeKernel.Slot(29 * groupSize)] = V29;
        own[IirCascadeKernel.Slot(30 * groupSize)] = V30;
        own[IirCascadeKernel.Slot(31 * groupSize)] = V31;
    }

    /// <summary>Reads this thread's samples back from the tile's shared memory in the coalesced order (the inverse of <see cref="ScatterOwn"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CollectOwn(ArrayView<float> own, int groupSize)
    {
        V0 = own[IirCascadeKernel.Slot(0 * groupSize)];
        V1 = own[IirCascadeKernel.Slot(1 * groupSize)];
        V2 = own[IirCascadeKernel.Slot(2 * groupSize)];
        V3 = own[IirCascadeKernel.Slot(3 * groupSize)];
        V4 = own[IirCascadeKernel.Slot(4 * groupSize)];
        V5 = own[IirCascadeKernel.Slot(5 * groupSize)];
        V6 = own[IirCascadeKernel.Slot(6 * groupSize)];
        V7 = own[IirCascadeKernel.Slot(7 * groupSize)];
        V8 = own[IirCascadeKernel.Slot(8 * groupSize)];
        V9 = own[IirCascadeKernel.Slot(9 * groupSize)];
        V10 = own[IirCascadeKernel.Slot(10 * groupSize)];
        V11 = own[IirCascadeKernel.Slot(11 * groupSize)];
        V12 = own[IirCascadeKernel.Slot(12 * groupSize)];
        V13 = own[IirCascadeKernel.Slot(13 * groupSize)];
        V14 = own[IirCascadeKernel.Slot(14 * groupSize)];
        V15 = own[IirCascadeKernel.Slot(15 * groupSize)];
        V16 = own[IirCascadeKernel.Slot(16 * groupSize)];
        V17 = own[IirCascadeKernel.Slot(17 * groupSize)];
        V18 = own[IirCascadeKernel.Slot(18 * groupSize)];
        V19 = own[IirCascadeKernel.Slot(19 * groupSize)];
        V20 = own[IirCascadeKernel.Slot(20 * groupSize)];
        V21 = own[IirCascadeKernel.Slot(21 * groupSize)];
        V22 = own[IirCascadeKernel.Slot(22 * groupSize)];
        V23 = own[IirCascadeKernel.Slot(23 * groupSize)];
        V24 = own[IirCascadeKernel.Slot(24 * groupSize)];
        V25 = own[IirCascadeKernel.Slot(25 * groupSize)];
        V26 = own[IirCascadeKernel.Slot(26 * groupSize)];
        V27 = own[IirCascadeKernel.Slot(27 * groupSize)];
        V28 = own[IirCascadeKernel.Slot(28 * groupSize)];
        V29 = own[IirCascadeKernel.Slot(29 * groupSize)];
        V30 = own[IirCascadeKernel.Slot(30 * groupSize)];
        V31 = own[IirCascadeKernel.Slot(31 * groupSize)];
    }

    /// <summary>Writes the samples <see cref="CollectOwn"/> read to a whole tile at <paramref name="at"/> (the inverse of <see cref="IssueWhole"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void EmitWhole(ArrayView<float> at, int groupSize)
    {
        at[0 * groupSize] = V0;
        at[1 * groupSize] = V1;
        at[2 * groupSize] = V2;
        at[3 * groupSize] = V3;
        at[4 * groupSize] = V4;
        at[5 * groupSize] = V5;
        at[6 * groupSize] = V6;
        at[7 * groupSize] = V7;
        at[8 * groupSize] = V8;
        at[9 * groupSize] = V9;
        at[10 * groupSize] = V10;
        at[11 * groupSize] = V11;
        at[12 * groupSize] = V12;
        at[13 * groupSize] = V13;
        at[14 * groupSize] = V14;
        at[15 * groupSize] = V15;
        at[16 * groupSize] = V16;
        at[17 * groupSize] = V17;
        at[18 * groupSize] = V18;
        at[19 * groupSize] = V19;
        at[20 * groupSize] = V20;
        at[21 * groupSize] = V21;
        at[22 * groupSize] = V22;
        at[23 * groupSize] = V23;
        at[24 * groupSize] = V24;
        at[25 * groupSize] = V25;
        at[26 * groupSize] = V26;
        at[27 * groupSize] = V27;
        at[28 * groupSize] = V28;
        at[29 * groupSize] = V29;
        at[30 * groupSize] = V30;
        at[31 * groupSize] = V31;
    }

    /// <summary>Writes the samples <see cref="CollectOwn"/> read to the row's last, partial tile: those below <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void EmitTail(ArrayView<float> data, int first, int groupSize, int length) =>
        EmitLanes(data, first, groupSize, length, 0, IirCascadeKernel.ChunkLength);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Emit(in IirSignal signal, int i, float value)
    {
        if (i < signal.Count)
        {
            signal.Write(i, value);
        }
    }

    /// <summary>
    /// Writes the samples <see cref="CollectOwn"/> read for lanes [<paramref name="fromLane"/>, <paramref name="toLane"/>)
    /// that lie below <paramref name="length"/>: a row's last tile (all lanes, <see cref="EmitTail"/>) or one half of a warm-up
    /// window (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void EmitLanes(ArrayView<float> data, int first, int groupSize, int length, int fromLane, int toLane)
    {
        int valid = length - first;
        if (0 >= fromLane && 0 < toLane && 0 * groupSize < valid)
        {
            data[first + (0 * groupSize)] = V0;
        }

        if (1 >= fromLane && 1 < toLane && 1 * groupSize < valid)
        {
            data[first + (1 * groupSize)] = V1;
        }

        if (2 >= fromLane && 2 < toLane && 2 * groupSize < valid)
        {
            data[first + (2 * groupSize)] = V2;
        }

        if (3 >= fromLane && 3 < toLane && 3 * groupSize < valid)
        {
            data[first + (3 * groupSize)] = V3;
        }

        if (4 >= fromLane && 4 < toLane && 4 * groupSize < valid)
        {
            data[first + (4 * groupSize)] = V4;
        }

        if (5 >= fromLane && 5 < toLane && 5 * groupSize < valid)
        {
            data[first + (5 * groupSize)] = V5;
        }

        if (6 >= fromLane && 6 < toLane && 6 * groupSize < valid)
        {
            data[first + (6 * groupSize)] = V6;
        }

        if (7 >= fromLane && 7 < toLane && 7 * groupSize < valid)
        {
            data[first + (7 * groupSize)] = V7;
        }

        if (8 >= fromLane && 8 < toLane && 8 * groupSize < valid)
        {
            data[first + (8 * groupSize)] = V8;
        }

        if (9 >= fromLane && 9 < toLane && 9 * groupSize < valid)
        {
            data[first + (9 * groupSize)] = V9;
        }

        if (10 >= fromLane && 10 < toLane && 10 * groupSize < valid)
        {
            data[first + (10 * groupSize)] = V10;
        }

        if (11 >= fromLane && 11 < toLane && 11 * groupSize < valid)
        {
            data[first + (11 * groupSize)] = V11;
        }

        if (12 >= fromLane && 12 < toLane && 12 * groupSize < valid)
        {
            data[first + (12 * groupSize)] = V12;
        }

        if (13 >= fromLane && 13 < toLane && 13 * groupSize < valid)
        {
            data[first + (13 * groupSize)] = V13;
        }

        if (14 >= fromLane && 14 < toLane && 14 * groupSize < valid)
        {
            data[first + (14 * groupSize)] = V14;
        }

        if (15 >= fromLane && 15 < toLane && 15 * groupSize < valid)
        {
            data[first + (15 * groupSize)] = V15;
        }

        if (16 >= fromLane && 16 < toLane && 16 * groupSize < valid)
        {
            data[first + (16 * groupSize)] = V16;
        }

        if (17 >= fromLane && 17 < toLane && 17 * groupSize < valid)
        {
            data[first + (17 * groupSize)] = V17;
        }

        if (18 >= fromLane && 18 < toLane && 18 * groupSize < valid)
        {
            data[first + (18 * groupSize)] = V18;
        }

        if (19 >= fromLane && 19 < toLane && 19 * groupSize < valid)
        {
            data[first + (19 * groupSize)] = V19;
        }

        if (20 >= fromLane && 20 < toLane && 20 * groupSize < valid)
        {
            data[first + (20 * groupSize)] = V20;
        }

        if (21 >= fromLane && 21 < toLane && 21 * groupSize < valid)
        {
            data[first + (21 * groupSize)] = V21;
        }

        if (22 >= fromLane && 22 < toLane && 22 * groupSize < valid)
        {
            data[first + (22 * groupSize)] = V22;
        }

        if (23 >= fromLane && 23 < toLane && 23 * groupSize < valid)
        {
            data[first + (23 * groupSize)] = V23;
        }

        if (24 >= fromLane && 24 < toLane && 24 * groupSize < valid)
        {
            data[first + (24 * groupSize)] = V24;
        }

        if (25 >= fromLane && 25 < toLane && 25 * groupSize < valid)
        {
            data[first + (25 * groupSize)] = V25;
        }

        if (26 >= fromLane && 26 < toLane && 26 * groupSize < valid)
        {
            data[first + (26 * groupSize)] = V26;
        }

        if (27 >= fromLane && 27 < toLane && 27 * groupSize < valid)
        {
            data[first + (27 * groupSize)] = V27;
        }

        if (28 >= fromLane && 28 < toLane && 28 * groupSize < valid)
        {
            data[first + (28 * groupSize)] = V28;
        }

        if (29 >= fromLane && 29 < toLane && 29 * groupSize < valid)
        {
            data[first + (29 * groupSize)] = V29;
        }

        if (30 >= fromLane && 30 < toLane && 30 * groupSize < valid)
        {
            data[first + (30 * groupSize)] = V30;
        }

        if (31 >= fromLane && 31 < toLane && 31 * groupSize < valid)
        {
            data[first + (31 * groupSize)] = V31;
        }
    }

    /// <summary>
    /// Reverses the lanes (lane j takes lane 31 - j): a thread that loaded a reversed span of a tile (zero phase's
    /// backward pass reads its input from the end) holds its samples in the coalesced order again, and the same before
    /// a reversed store. Register moves only, which the compiler renames away.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reverse()
    {
        (V0, V31) = (V31, V0);
        (V1, V30) = (V30, V1);
        (V2, V29) = (V29, V2);
        (V3, V28) = (V28, V3);
        (V4, V27) = (V27, V4);
        (V5, V26) = (V26, V5);
        (V6, V25) = (V25, V6);
        (V7, V24) = (V24, V7);
        (V8, V23) = (V23, V8);
        (V9, V22) = (V22, V9);
        (V10, V21) = (V21, V10);
        (V11, V20) = (V20, V11);
        (V12, V19) = (V19, V12);
        (V13, V18) = (V18, V13);
        (V14, V17) = (V17, V14);
        (V15, V16) = (V16, V15);
    }

    /// <summary>
    /// Writes the samples <see cref="CollectOwn"/> read for lanes [<paramref name="fromLane"/>, <paramref name="toLane"/>)
    /// to the pass's output (<see cref="IirSignal.Write"/>, those below the signal's end): a warm-up window's own part
    /// in a zero-phase pass, where the output is the padded scratch or, backwards, the row's middle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void EmitLanes(in IirSignal signal, int first, int groupSize, int fromLane, int toLane)
    {
        if (0 >= fromLane && 0 < toLane)
        {
            Emit(signal, first + (0 * groupSize), V0);
        }

        if (1 >= fromLane && 1 < toLane)
        {
            Emit(signal, first + (1 * groupSize), V1);
        }

        if (2 >= fromLane && 2 < toLane)
        {
            Emit(signal, first + (2 * groupSize), V2);
        }

        if (3 >= fromLane && 3 < toLane)
        {
            Emit(signal, first + (3 * groupSize), V3);
        }

        if (4 >= fromLane && 4 < toLane)
        {
            Emit(signal, first + (4 * groupSize), V4);
        }

        if (5 >= fromLane && 5 < toLane)
        {
            Emit(signal, first + (5 * groupSize), V5);
        }

        if (6 >= fromLane && 6 < toLane)
        {
            Emit(signal, first + (6 * groupSize), V6);
        }

        if (7 >= fromLane && 7 < toLane)
        {
            Emit(signal, first + (7 * groupSize), V7);
        }

        if (8 >= fromLane && 8 < toLane)
        {
            Emit(signal, first + (8 * groupSize), V8);
        }

        if (9 >= fromLane && 9 < toLane)
        {
            Emit(signal, first + (9 * groupSize), V9);
        }

        if (10 >= fromLane && 10 < toLane)
        {
            Emit(signal, first + (10 * groupSize), V10);
        }

        if (11 >= fromLane && 11 < toLane)
        {
            Emit(signal, first + (11 * groupSize), V11);
        }

        if (12 >= fromLane && 12 < toLane)
        {
            Emit(signal, first + (12 * groupSize), V12);
        }

        if (13 >= fromLane && 13 < toLane)
        {
            Emit(signal, first + (13 * groupSize), V13);
        }

        if (14 >= fromLane && 14 < toLane)
        {
            Emit(signal, first + (14 * groupSize), V14);
        }

        if (15 >= fromLane && 15 < toLane)
        {
            Emit(signal, first + (15 * groupSize), V15);
        }

        if (16 >= fromLane && 16 < toLane)
        {
            Emit(signal, first + (16 * groupSize), V16);
        }

        if (17 >= fromLane && 17 < toLane)
        {
            Emit(signal, first + (17 * groupSize), V17);
        }

        if (18 >= fromLane && 18 < toLane)
        {
            Emit(signal, first + (18 * groupSize), V18);
        }

        if (19 >= fromLane && 19 < toLane)
        {
            Emit(signal, first + (19 * groupSize), V19);
        }

        if (20 >= fromLane && 20 < toLane)
        {
            Emit(signal, first + (20 * groupSize), V20);
        }

        if (21 >= fromLane && 21 < toLane)
        {
            Emit(signal, first + (21 * groupSize), V21);
        }

        if (22 >= fromLane && 22 < toLane)
        {
            Emit(signal, first + (22 * groupSize), V22);
        }

        if (23 >= fromLane && 23 < toLane)
        {
            Emit(signal, first + (23 * groupSize), V23);
        }

        if (24 >= fromLane && 24 < toLane)
        {
            Emit(signal, first + (24 * groupSize), V24);
        }

        if (25 >= fromLane && 25 < toLane)
        {
            Emit(signal, first + (25 * groupSize), V25);
        }

        if (26 >= fromLane && 26 < toLane)
        {
            Emit(signal, first + (26 * groupSize), V26);
        }

        if (27 >= fromLane && 27 < toLane)
        {
            Emit(signal, first + (27 * groupSize), V27);
        }

        if (28 >= fromLane && 28 < toLane)
        {
            Emit(signal, first + (28 * groupSize), V28);
        }

        if (29 >= fromLane && 29 < toLane)
        {
            Emit(signal, first + (29 * groupSize), V29);
        }

        if (30 >= fromLane && 30 < toLane)
        {
            Emit(signal, first + (30 * groupSize), V30);
        }

        if (31 >= fromLane && 31 < toLane)
        {
            Emit(signal, first + (31 * groupSize), V31);
        }
    }

    /// <summary>
    /// Reads a chunk of the window in reverse from the tile's shared memory (chunk-major, <see cref="IirCascadeKernel.Slot"/>):
    /// lane k takes window sample <paramref name="last"/> - k, or 0 where that lies before the window. A zero-phase window's
    /// backward pass reads its forward output so (<see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void LoadReversed(ArrayView<float> tile, int last)
    {
        V0 = last >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last)] : 0f;
        V1 = last - 1 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 1)] : 0f;
        V2 = last - 2 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 2)] : 0f;
        V3 = last - 3 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 3)] : 0f;
        V4 = last - 4 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 4)] : 0f;
        V5 = last - 5 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 5)] : 0f;
        V6 = last - 6 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 6)] : 0f;
        V7 = last - 7 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 7)] : 0f;
        V8 = last - 8 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 8)] : 0f;
        V9 = last - 9 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 9)] : 0f;
        V10 = last - 10 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 10)] : 0f;
        V11 = last - 11 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 11)] : 0f;
        V12 = last - 12 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 12)] : 0f;
        V13 = last - 13 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 13)] : 0f;
        V14 = last - 14 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 14)] : 0f;
        V15 = last - 15 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 15)] : 0f;
        V16 = last - 16 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 16)] : 0f;
        V17 = last - 17 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 17)] : 0f;
        V18 = last - 18 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 18)] : 0f;
        V19 = last - 19 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 19)] : 0f;
        V20 = last - 20 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 20)] : 0f;
        V21 = last - 21 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 21)] : 0f;
        V22 = last - 22 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 22)] : 0f;
        V23 = last - 23 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 23)] : 0f;
        V24 = last - 24 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 24)] : 0f;
        V25 = last - 25 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 25)] : 0f;
        V26 = last - 26 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 26)] : 0f;
        V27 = last - 27 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 27)] : 0f;
        V28 = last - 28 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 28)] : 0f;
        V29 = last - 29 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 29)] : 0f;
        V30 = last - 30 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 30)] : 0f;
        V31 = last - 31 >= 0 ? tile[IirCascadeKernel.NonNegativeSlot(last - 31)] : 0f;
    }
}
