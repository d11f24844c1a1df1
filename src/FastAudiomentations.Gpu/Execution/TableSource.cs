namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Where a kernel instance reads the call's table: a type argument, so that each instance reads one address space.
/// </summary>
/// <remarks>
/// Why not one kernel that picks at run time: a view that is either the shared staging or the device table is a
/// generic pointer to the compiler, whose loads may alias the kernel's shared stores and so wait behind them. Picking at
/// run time cost the fused kernel 3-8% at batch 128 (run 162's ncu: the chain of five 111.6 us against 103.5), where the
/// table is always copied. With the source a type argument, ILGPU folds the choice away in each instance.
/// </remarks>
internal interface ITableSource
{
    /// <summary>True: the table is the kernel's <see cref="InlineTable"/> argument; false: the device table.</summary>
    bool Inline { get; }
}

/// <summary>The table was copied to the device: the kernel reads its ints and floats views.</summary>
internal readonly struct CopiedTable : ITableSource
{
    public bool Inline => false;
}

/// <summary>The table is the kernel's <see cref="InlineTable"/> argument, staged into shared memory.</summary>
internal readonly struct ArgumentTable : ITableSource
{
    public bool Inline => true;
}
