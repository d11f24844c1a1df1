using System.Runtime.InteropServices;
using ILGPU;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// A small call's whole table (integers, then floats as their bits) carried by value in a kernel's parameters, so that
/// the call needs no table copy: each group stages it into shared memory and reads that as it reads the device table.
/// </summary>
/// <remarks>
/// <para>Why: at batch 1 the table's copy inside a call's graph costs 2.3-3.6 us of device latency (a copy engine's start
/// and hand-over), a large share of a call of ~10-18 us (bench/gpu-notes.md, runs 142-144). Kernel parameters travel
/// with the launch. A replayed graph gets each call's table through cuGraphExecKernelNodeSetParams (~1 us of host,
/// <see cref="InlineTableNodes"/>); a plain launch passes it as any argument.</para>
/// <para>Why 64 words: an argument costs ~1 us of launch per KB (a 2 KB table made every launch ~2 us slower, and its
/// node update took 3-4 us: run 157). Batch 1 and 2 of the fused transforms and of AddColorNoise fit, and the warm-up
/// filter calls of batch 1, whose kernels read only their compact records (38-62 words, a prefix of the table:
/// <see cref="InlineUse"/>); look-back filter calls' records (~1.2 KB at batch 1) do not.</para>
/// <para>Why words in nested structs of named fields, not a fixed buffer: ILGPU copies a by-value parameter that is
/// indexed at run time into local memory, every thread all of it. Named fields are read by constant offsets (one
/// constant-bank load each), and <see cref="Stage"/> spreads the blocks of 8 words over the group's warps.</para>
/// <para>It is the first parameter of the kernels that take it, so that it sits at offset 0 of the launch's argument
/// buffer whatever follows (<see cref="InlineTableNodes"/> rewrites those bytes), and only kernel instances that read
/// their table from it take it (<see cref="ITableSource"/>; the others take a <see cref="CopiedTable"/>).</para>
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal struct InlineTable : ITableSource
{
    /// <summary>Words a table may have to travel inline.</summary>
    public const int Capacity = 64;

    /// <summary>Words in use (the table's length); 0: the call copies its table (the kernels take their <see cref="CopiedTable"/> instances).</summary>
    public int Count;

    /// <summary>Where the float table starts (the integer table's length).</summary>
    public int FloatsAt;

    public Words8 B0, B1, B2, B3, B4, B5, B6, B7;

    /// <summary>Always: the kernel instances that take this read their table from it.</summary>
    public readonly bool Inline => true;

    /// <summary>The words, to write on the host.</summary>
    public static Span<int> Words(ref InlineTable table) => MemoryMarshal.CreateSpan(ref table.B0.A0, Capacity);

    /// <summary>
    /// Stages the words (in use: Count &gt; 0) into <paramref name="staged"/> (shared memory of <see cref="Capacity"/>
    /// ints) and synchronises the group; every thread of the group must call it. The kernel then reads
    /// <paramref name="staged"/> as the device table (<see cref="Floats"/> from <see cref="FloatsAt"/>).
    /// </summary>
    public readonly ArrayView<int> Stage(ArrayView<int> staged)
    {
        // Block j of 8 words goes to warp j mod warps; every lane of the warp stores the same words (one shared
        // transaction each), so no lane needs a word chosen by its index.
        int warps = Math.Max(1, Group.DimX / 32);
        int warp = Group.IdxX / 32;
        int count = Count;
        StageBlock(B0, staged, 0, count, warp == 0);
        StageBlock(B1, staged, 1, count, warp == 1 % warps);
        StageBlock(B2, staged, 2, count, warp == 2 % warps);
        StageBlock(B3, staged, 3, count, warp == 3 % warps);
        StageBlock(B4, staged, 4, count, warp == 4 % warps);
        StageBlock(B5, staged, 5, count, warp == 5 % warps);
        StageBlock(B6, staged, 6, count, warp == 6 % warps);
        StageBlock(B7, staged, 7, count, warp == 7 % warps);
        Group.Barrier();
        return staged;
    }

    /// <summary>The float table of a staged table.</summary>
    public readonly ArrayView<float> Floats(ArrayView<int> staged) => staged.SubView(FloatsAt).Cast<float>();

    private static void StageBlock(in Words8 words, ArrayView<int> staged, int block, int count, bool mine)
    {
        if (mine && block * 8 < count)
        {
            Words8.Store(words, staged, block * 8);
        }
    }

    /// <summary>Eight words as named fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Words8
    {
        public int A0, A1, A2, A3, A4, A5, A6, A7;

        public static void Store(in Words8 w, ArrayView<int> to, int at)
        {
            to[at] = w.A0;
            to[at + 1] = w.A1;
            to[at + 2] = w.A2;
            to[at + 3] = w.A3;
            to[at + 4] = w.A4;
            to[at + 5] = w.A5;
            to[at + 6] = w.A6;
            to[at + 7] = w.A7;
        }
    }
}
