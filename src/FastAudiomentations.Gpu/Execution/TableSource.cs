using ILGPU;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Where a kernel instance reads the call's table: the kernel's first parameter, whose type is the kernel's type
/// argument, so that each instance reads one address space.
/// </summary>
/// <remarks>
/// <para>Why not one kernel that picks at run time: a view that is either the shared staging or the device table is a
/// generic pointer to the compiler, whose loads may alias the kernel's shared stores and so wait behind them. Picking at
/// run time cost the fused kernel 3-8% at batch 128 (run 162's ncu: the chain of five 111.6 us against 103.5), where the
/// table is always copied. With the source a type argument, ILGPU folds the choice away in each instance.</para>
/// <para>Why the kernel itself is generic, not a wrapper calling a generic body: ILGPU inlined the wrapper's body with
/// its values in another order, and ptxas made the one-chunk kernel's op loop 12 instructions longer from it (run 167:
/// 10% more instructions and 6% more time for the chain of five at batch 128, with PTX equal but for that order).</para>
/// </remarks>
internal interface ITableSource
{
    /// <summary>True: the table is this argument (<see cref="InlineTable"/>); false: the device table.</summary>
    bool Inline { get; }

    /// <summary>
    /// Stages the table into <paramref name="staged"/> (shared memory of <see cref="InlineTable.Capacity"/> ints) and
    /// synchronises the group; every thread of the group must call it, and only where <see cref="Inline"/>.
    /// </summary>
    ArrayView<int> Stage(ArrayView<int> staged);

    /// <summary>The float table of a staged table.</summary>
    ArrayView<float> Floats(ArrayView<int> staged);
}

/// <summary>The table was copied to the device: the kernel reads its ints and floats views (an argument of no data).</summary>
internal readonly struct CopiedTable : ITableSource
{
    public bool Inline => false;

    /// <summary>Never called (<see cref="Inline"/> is false).</summary>
    public ArrayView<int> Stage(ArrayView<int> staged) => staged;

    /// <summary>Never called (<see cref="Inline"/> is false).</summary>
    public ArrayView<float> Floats(ArrayView<int> staged) => staged.Cast<float>();
}
