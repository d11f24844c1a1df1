namespace FastAudiomentations.Gpu.Execution;

/// <summary>How a step's kernels take the call's table when it travels as their argument (<see cref="InlineTable"/>).</summary>
/// <param name="ParameterFloats">
/// Floats of the step's parameter rows the kernels read, from the first row's start: the table may travel as a prefix
/// that ends there (a warm-up filter call reads its record's coefficients, not the room behind them).
/// <see cref="All"/>: every word of the table.
/// </param>
/// <param name="Counts">
/// Whether the kernels count in the call counters (<see cref="CallCounters"/>): their counters among the step's launch
/// integers then live at the same offsets in the call's half, and they clear the other half.
/// </param>
internal readonly record struct InlineUse(int ParameterFloats, bool Counts)
{
    /// <summary><see cref="ParameterFloats"/> for kernels that read the whole table.</summary>
    public const int All = int.MaxValue;
}
