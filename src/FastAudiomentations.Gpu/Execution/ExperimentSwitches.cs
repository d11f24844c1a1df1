namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Environment variables that select kernel variants and thresholds, so that one build can time several of them side by
/// side in one device call (bench/gpu-notes.md records which run used which). Unset or unparsable, every default holds;
/// none changes results beyond the stated tolerances. Read once, when a device is created.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term>FASTAUG_MATH_MODE</term><description>0: the context in MathMode.Fast32BitOnly (every double lowered to float, so rows are designed on the host) instead of MathMode.Fast (run 20).</description></item>
/// <item><term>FASTAUG_STATISTICS_WAVES</term><description>Waves of resident blocks a statistics-only pass spans (default 1).</description></item>
/// <item><term>FASTAUG_MIN_BLOCKS_PER_SM, FASTAUG_MIN_BLOCKS_MEASURE</term><description>Register budgets (blocks per multiprocessor) of the fused and measuring kernels on CUDA.</description></item>
/// <item><term>FASTAUG_FILTER_HOST_DESIGN_ROWS</term><description>Where rows can be designed on the device: calls up to this many rows design on the host.</description></item>
/// <item><term>FASTAUG_FILTER_PARALLEL_DESIGN_NS</term><description>Estimated design time from which host designs use the host threads.</description></item>
/// <item><term>FASTAUG_GRAPHS, FASTAUG_GRAPH_CACHE</term><description>0: calls launch their kernels instead of replaying CUDA graphs (runs 29-30, 56-57); N: graphs kept at most (<see cref="CallGraphs.Capacity"/>, 64; run 173).</description></item>
/// <item><term>FASTAUG_FIR_HANDSHAKE</term><description>0: FIR grids that fit on the device at once copy their halos like the others (run 58 timed both).</description></item>
/// <item><term>FASTAUG_READER_BACKWARD</term><description>0: passes that read statistics walk their chunks first first (run 26 timed both).</description></item>
/// <item><term>FASTAUG_LATE_PREPARATION</term><description>0: AddBackgroundNoise prepared before any launch instead of during the statistics pass (session 3).</description></item>
/// <item><term>FASTAUG_SIDE_COPY</term><description>0: late-prepared parameters copied on the device's stream instead of a side stream (run 15's way).</description></item>
/// <item><term>FASTAUG_IIR_GENERAL_CAUSAL</term><description>1: IIR passes (causal and, since session 11, zero phase) take the general kernel (<see cref="Transforms.Filters.IirCascadeKernel.Run"/>) instead of the causal one, and calls no warm-up launches, to time both (iir-causal runs 1-2, run 129).</description></item>
/// <item><term>FASTAUG_RAW_COPY</term><description>0: the call's table goes up through ILGPU's copy instead of one direct cuMemcpyHtoDAsync (default on CUDA; host-b1 runs 1-2).</description></item>
/// <item><term>FASTAUG_IIR_WARMUP, FASTAUG_IIR_WARMUP_GROUP, FASTAUG_IIR_WARMUP_PARTS</term><description>0: batch-1 IIR calls always look back; N: warm-up windows of N threads only; N: windows in N parts only (<see cref="Transforms.Filters.FilterLaunchers.WarmUps"/>; runs 106-126).</description></item>
/// <item><term>FASTAUG_IIR_ZERO_PHASE_WINDOW</term><description>0: small zero-phase calls take two warm-up launches instead of one window launch (<see cref="Transforms.Filters.FilterLaunchers.ZeroPhaseWindows"/>; runs 132-137).</description></item>
/// <item><term>FASTAUG_COLOR_HOST_DESIGN_ROWS, FASTAUG_COLOR_SINGLE_PASS, FASTAUG_COLOR_GROUP_DESIGN</term><description>Calls up to this many rows design AddColorNoise's filters in the colouring groups (or on the host); 0: small calls colour and mix in two kernels instead of one (run 127); 0: small calls design on the host instead of in the groups (runs 145-147).</description></item>
/// <item><term>FASTAUG_INLINE_TABLES, FASTAUG_INLINE_UPDATE, FASTAUG_BENCH_COPIED_TWINS</term><description>0: small calls copy their table to the device instead of passing it to the kernels (<see cref="InlineTable"/>, on by default; runs 156-168); 0: replays skip the inline table's node update (wrong results: times the update); 1: the benchmark measures each case beside a twin whose calls copy their tables.</description></item>
/// <item><term>FASTAUG_BENCH_PLAIN_TWINS</term><description>1: the benchmark measures each case beside a twin whose calls launch their kernels one by one instead of replaying a CUDA graph (session 16).</description></item>
/// <item><term>FASTAUG_IIR_SPLIT, FASTAUG_BENCH_UNSPLIT_TWINS</term><description>0: filter calls of one row too slow for a window look back whole instead of splitting (FilterLaunchers.SplitLookBacks, on by default; session 16); 1: the benchmark measures each case beside a twin that does not split.</description></item>
/// <item><term>FASTAUG_HOST_PHASES, FASTAUG_HOST_PROBE</term><description>1: the benchmark prints each B cell's host phases (<see cref="HostPhases"/>) and, first, the driver's costs (Benchmarking.HostProbe).</description></item>
/// </list>
/// </remarks>
internal static class ExperimentSwitches
{
    /// <summary>The variable's value as an integer at least <paramref name="minimum"/>, or <paramref name="fallback"/>.</summary>
    public static int Int(string variable, int fallback, int minimum = 0) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out int value) && value >= minimum ? value : fallback;

    /// <summary>The variable's value as a long integer at least <paramref name="minimum"/>, or <paramref name="fallback"/>.</summary>
    public static long Long(string variable, long fallback, long minimum = 0) =>
        long.TryParse(Environment.GetEnvironmentVariable(variable), out long value) && value >= minimum ? value : fallback;
}
