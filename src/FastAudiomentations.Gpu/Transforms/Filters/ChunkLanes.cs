using System.Runtime.CompilerServices;
using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// One thread's chunk of <see cref="IirCascadeKernel.ChunkLength"/> consecutive samples, held in registers
/// while every section of the cascade runs over it: the recursion touches no memory between the tile's load
/// and its store.
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
}
