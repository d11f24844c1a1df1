using System.Diagnostics;
using FastAudiomentations.Gpu.Execution;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// Times every transform (and a five-step pointwise chain) on a GPU device and on the CPU device, at several
/// batch sizes of one clip tiled, as the Python anchors measure (docs: ANCHORS.md): median microseconds per
/// call, per clip, bandwidth, and the share of the device's measured copy bandwidth.
/// </summary>
/// <remarks>
/// Each call is timed from <see cref="Transform.Apply"/> to its return, synchronous (the GPU device synchronises), so the
/// wall time includes sampling the plan on the host, uploading its tables and launching; the kernel time is
/// measured with device events around the call's kernels. On CUDA the same calls are then made asynchronous
/// (<see cref="GpuDevice.Asynchronous"/>) and timed twice more: by events around one call, as the Python libraries'
/// harness times theirs (<see cref="CallClock"/>), and as a run of back-to-back calls. Inputs rotate among several batches when a batch
/// is small, so that the timings do not measure a batch sitting in L2. Each cell warms up for at least
/// <see cref="BenchmarkOptions.WarmUp"/> first, so that the host side runs optimised code. Each call uses a new call index, so
/// parameters change from call to call as in training.
/// </remarks>
public sealed class GpuBenchmark
{
    private readonly GpuDevice _device;
    private readonly BenchmarkOptions _options;
    private TextWriter? _log;

    /// <summary>Prepares a benchmark on <paramref name="device"/>.</summary>
    public GpuBenchmark(GpuDevice device, BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(options);
        _device = device;
        _options = options;
    }

    /// <summary>
    /// The default cases: every catalogue transform at p = 1 with default parameters, then a chain of five
    /// pointwise steps. Transforms that read files get <paramref name="soundsPath"/>; without it (or when a
    /// transform cannot be built from defaults) they are left out.
    /// </summary>
    public static IReadOnlyList<BenchmarkCase> DefaultCases(string? soundsPath = null)
    {
        var cases = new List<BenchmarkCase>();
        foreach (TransformDescriptor descriptor in TransformCatalog.Transforms)
        {
            var arguments = new Dictionary<string, object?> { ["p"] = 1.0 };
            foreach (ParameterDescriptor parameter in descriptor.Parameters)
            {
                if (parameter.Kind == ParameterKind.Path && soundsPath is not null)
                {
                    arguments[parameter.Name] = soundsPath;
                }
            }

            try
            {
                cases.Add(new BenchmarkCase(descriptor.Name, descriptor.Create(new TransformArguments(arguments))));
            }
            catch (ArgumentException)
            {
                // Needs an argument the benchmark was not given (e.g. a noise folder).
            }
        }

        // Filter variants beside the catalogue's defaults: the gentlest slope (one section), zero phase (two
        // passes over a padded copy), a steep band (8 sections) and the windowed-sinc FIR.
        cases.Add(new BenchmarkCase("LowPassFilter 12 dB/oct", new LowPassFilter(minRolloffDbPerOctave: 12, maxRolloffDbPerOctave: 12, p: 1)));
        cases.Add(new BenchmarkCase("LowPassFilter zero-phase", new LowPassFilter(zeroPhase: true, p: 1), Passes: 2));
        // Eight sections with edges down to 1 Hz: each backend's float recursion errs by ~1e-4 of the peak against double
        // (bench/gpu-notes.md, filters run 3; the GPU tests compare both with double), so they may differ by twice that.
        cases.Add(new BenchmarkCase("BandPassFilter 48 dB/oct", new BandPassFilter(minRolloffDbPerOctave: 48, maxRolloffDbPerOctave: 48, p: 1), SelfTestBound: 3e-4));
        cases.Add(new BenchmarkCase("LowPassFilter FIR 101", new LowPassFilter(design: FilterDesign.WindowedSinc, p: 1)));
        cases.Add(new BenchmarkCase("Compose(5 pointwise)", PointwiseChain()));
        return cases;
    }

    /// <summary>Five pointwise transforms at p = 1, fused into one pass on the GPU.</summary>
    public static Transform PointwiseChain() => new Compose(
        new Gain(-6, 6, p: 1),
        new PolarityInversion(p: 1),
        new Gain(-3, 3, p: 1),
        new PolarityInversion(p: 1),
        new Gain(-6, 0, p: 1));

    /// <summary>The name suffix of a case's copied-tables twin (FASTAUG_BENCH_COPIED_TWINS=1).</summary>
    private const string CopiedTwin = " [copied]";

    /// <summary>The name suffix of a case's plain-launch twin (FASTAUG_BENCH_PLAIN_TWINS=1).</summary>
    private const string PlainTwin = " [plain]";

    /// <summary>The name suffix of a case's whole-look-back twin (FASTAUG_BENCH_UNSPLIT_TWINS=1).</summary>
    private const string UnsplitTwin = " [unsplit]";

    /// <summary>The name suffix of a case's twin whose calls are planned when made, not ahead (FASTAUG_BENCH_UNPLANNED_TWINS=1).</summary>
    private const string UnplannedTwin = " [unplanned]";

    /// <summary>The name suffix of a case's twin whose calls do all their work in the call, none ahead (FASTAUG_BENCH_IN_CALL_TWINS=1).</summary>
    private const string InCallTwin = " [in call]";

    /// <summary>The work-ahead setting the process started with (FASTAUG_AHEAD_STEPS), which the in-call twins' switching restores.</summary>
    private static readonly bool AheadStepsSetting = ExperimentSwitches.Int("FASTAUG_AHEAD_STEPS", 1) != 0;

    /// <summary>The planning-ahead setting the process started with (FASTAUG_PREPARE_AHEAD), which the unplanned twins' switching restores.</summary>
    private static readonly bool PlanAheadSetting = ExperimentSwitches.Int("FASTAUG_PREPARE_AHEAD", 1) != 0;

    /// <summary>The inline tables' setting the process started with (FASTAUG_INLINE_TABLES), which the twins' switching restores.</summary>
    private static readonly bool InlineTablesSetting = ExperimentSwitches.Int("FASTAUG_INLINE_TABLES", 1) != 0;

    /// <summary>The split look-backs' setting the process started with (FASTAUG_IIR_SPLIT), which the unsplit twins' switching restores.</summary>
    private static readonly bool SplitSetting = ExperimentSwitches.Int("FASTAUG_IIR_SPLIT", 1) != 0;

    /// <summary>The graphs' setting the process started with (FASTAUG_GRAPHS), which the plain twins' switching restores.</summary>
    private static readonly bool GraphsSetting = ExperimentSwitches.Int("FASTAUG_GRAPHS", 1) != 0;

    /// <summary>Runs every case; progress lines go to <paramref name="log"/>.</summary>
    public BenchmarkReport Run(TextWriter? log = null)
    {
        _log = log;
        if (ExperimentSwitches.Int("FASTAUG_HOST_PROBE", 0) == 1 && log is not null)
        {
            HostProbe.Run(_device, log);
        }

        (double copy, double kernelCopy) = CopyProbe.Measure(_device, _device.Backend == GpuBackend.CpuSimulator ? 1L << 20 : 128L << 20);
        log?.WriteLine($"copy bandwidth: driver {copy:F0} GB/s, ILGPU copy kernel {kernelCopy:F0} GB/s");
        IReadOnlyList<BenchmarkCase> cases = _options.Cases ?? DefaultCases(_options.SoundsPath);
        if (ExperimentSwitches.Int("FASTAUG_BENCH_COPIED_TWINS", 0) == 1)
        {
            // Each case beside a twin whose calls copy their tables (GpuExecutor.InlineTables off), measured in the same
            // rounds of the same process: the two ways compared without the processes' own spread (the cases without
            // the suffix keep the process's setting, FASTAUG_INLINE_TABLES).
            cases = [.. cases.SelectMany(c => new[] { c, c with { Name = c.Name + CopiedTwin } })];
        }

        if (ExperimentSwitches.Int("FASTAUG_BENCH_PLAIN_TWINS", 0) == 1)
        {
            // Each case beside a twin whose calls launch their kernels one by one instead of replaying a graph
            // (GpuExecutor.UseGraphs off), in the same rounds of the same process.
            cases = [.. cases.SelectMany(c => new[] { c, c with { Name = c.Name + PlainTwin } })];
        }

        if (ExperimentSwitches.Int("FASTAUG_BENCH_UNSPLIT_TWINS", 0) == 1)
        {
            // Each case beside a twin whose filter calls too slow for a window look back whole instead of splitting
            // (FilterLaunchers.SplitLookBacks off), in the same rounds of the same process.
            cases = [.. cases.SelectMany(c => new[] { c, c with { Name = c.Name + UnsplitTwin } })];
        }

        if (ExperimentSwitches.Int("FASTAUG_BENCH_UNPLANNED_TWINS", 0) == 1)
        {
            // Each case beside a twin whose calls are planned when made instead of while the call before runs
            // (GpuExecutor.PlanAhead off), in the same rounds of the same process.
            cases = [.. cases.SelectMany(c => new[] { c, c with { Name = c.Name + UnplannedTwin } })];
        }

        if (ExperimentSwitches.Int("FASTAUG_BENCH_IN_CALL_TWINS", 0) == 1)
        {
            // Each case beside a twin whose calls planned ahead do none of their work ahead (GpuExecutor.AheadSteps off:
            // AddColorNoise colours its noise in the call), in the same rounds of the same process.
            cases = [.. cases.SelectMany(c => new[] { c, c with { Name = c.Name + InCallTwin } })];
        }

        var rows = new List<BenchmarkRow>();
        using CpuDevice? cpu = _options.IncludeCpu ? new CpuDevice() : null;
        // All GPU cells first, then all CPU cells: the CPU device's worker threads never compete with the
        // thread that drives the GPU. The first cell is measured twice and its first figures dropped: the process's
        // own start (the runtime compiling the benchmark's and the executor's code, the driver's first launches) ran
        // into its warm-up and slowed its host side by 3-5 us (Gain at B = 1 in runs 13-15 of bench/gpu-notes.md).
        // With several rounds, every GPU cell is measured once per round (round after round over all cells, so that a
        // slow spell of the host lands on different cells in different rounds) and reported as each figure's median
        // over the rounds (BenchmarkRow.AcrossRounds).
        bool first = true;
        var perCell = new List<List<BenchmarkRow>>();
        for (int round = 0; round < _options.Rounds; round++)
        {
            int cell = 0;
            foreach (BenchmarkCase benchCase in cases)
            {
                if (!Selected(benchCase))
                {
                    continue;
                }

                if (first && _options.BatchSizes.Count > 0)
                {
                    _ = Measure(benchCase, _options.BatchSizes[0], _device, _options.GpuRepetitions, copy);
                    first = false;
                }

                foreach (int batchSize in _options.BatchSizes)
                {
                    BenchmarkRow row = Measure(benchCase, batchSize, _device, _options.GpuRepetitions, copy);
                    if (cell == perCell.Count)
                    {
                        perCell.Add([]);
                    }

                    perCell[cell++].Add(row);
                    string label = _options.Rounds > 1 ? $" (round {round + 1})" : string.Empty;
                    string captures = row.PipelinedCaptures > 0 ? $" ({row.PipelinedCaptures} graph captures among the pipelined calls)" : string.Empty;
                    log?.WriteLine($"{benchCase.Name,-28} B={batchSize,-4} GPU {row.MedianMicroseconds,10:F1} us (kernel {row.MedianKernelMicroseconds,10:F1} us){label}{captures} {row.Error}");
                }
            }
        }

        foreach (List<BenchmarkRow> measured in perCell)
        {
            rows.Add(BenchmarkRow.AcrossRounds(measured));
        }

        foreach (BenchmarkCase benchCase in cases)
        {
            foreach (int batchSize in _options.BatchSizes)
            {
                if (cpu is null || !Selected(benchCase))
                {
                    continue;
                }

                BenchmarkRow row = Measure(benchCase, batchSize, cpu, _options.CpuRepetitions, double.NaN);
                rows.Add(row);
                log?.WriteLine($"{benchCase.Name,-28} B={batchSize,-4} CPU {row.MedianMicroseconds,10:F1} us {row.Error}");
            }
        }

        return new BenchmarkReport
        {
            GpuDevice = _device.Name,
            CpuDevice = cpu?.Name,
            ClipSamples = _options.Clip.Length,
            CopyGigabytesPerSecond = copy,
            KernelCopyGigabytesPerSecond = kernelCopy,
            Rows = rows,
        };
    }

    private static bool AllNative(GpuDevice device, Transform pipeline)
    {
        if (pipeline.Children.Count == 0)
        {
            return device.RunsNatively(pipeline);
        }

        foreach (Transform child in pipeline.Children)
        {
            if (!AllNative(device, child))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="filter"/> is null or <paramref name="name"/> contains one of its comma-separated parts (case-insensitive).</summary>
    internal static bool Matches(string name, string? filter)
    {
        if (filter is null)
        {
            return true;
        }

        foreach (string part in filter.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The case's calls made asynchronous (<see cref="GpuDevice.Asynchronous"/>): a run of back-to-back calls and the wait
    /// for the last, by the wall clock, per call (the host's work overlaps the device's), and one call at a time on an idle
    /// stream timed by device events, as the Python libraries' harness times its calls (the median; null where the device
    /// has no CUDA events).
    /// </summary>
    private static (double? Events, double? Pipelined, long? Captures) MeasureAsynchronous(BenchmarkCase benchCase, GpuDevice gpu, AudioBatch[] batches, int repetitions, TimeSpan warmUp, ref int call)
    {
        bool was = gpu.Asynchronous;
        gpu.Asynchronous = true;
        try
        {
            // The second table slot's call shapes get their graphs here (CallRing), outside the timings, warmed as long
            // as the synchronous calls were: a filter's calls at B = 1 have up to ~48 shapes (batches x slots x kernels
            // chosen by each call's design), each captured at its second sighting, and 20 calls left many of them to
            // the timed calls (band filters' pipelined column 17-21 us against 15-17 wall, sessions 9-14).
            long warmStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < 20 || Stopwatch.GetElapsedTime(warmStart) < warmUp; i++)
            {
                benchCase.Pipeline.Apply(batches[call % batches.Length], seed: 1, call: call++);
            }

            gpu.Synchronize();
            long captures = gpu.GraphCaptures;
            double pipelined = Pipelined(benchCase, gpu, batches, repetitions, ref call);
            captures = gpu.GraphCaptures - captures;
            using CallClock? clock = CallClock.TryCreate(gpu);
            if (clock is null)
            {
                return (null, pipelined, captures);
            }

            var spans = new double[repetitions];
            for (int i = 0; i < repetitions; i++)
            {
                clock.Start();
                benchCase.Pipeline.Apply(batches[call % batches.Length], seed: 1, call: call++);
                spans[i] = clock.Stop();
            }

            gpu.Synchronize();
            return (CopyProbe.Median(spans), pipelined, captures);
        }
        finally
        {
            gpu.Asynchronous = was;
        }
    }

    /// <summary>Wall time of <paramref name="repetitions"/> back-to-back asynchronous calls and the wait for the last, per call.</summary>
    private static double Pipelined(BenchmarkCase benchCase, GpuDevice gpu, AudioBatch[] batches, int repetitions, ref int call)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repetitions; i++)
        {
            benchCase.Pipeline.Apply(batches[call % batches.Length], seed: 1, call: call++);
        }

        gpu.Synchronize();
        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / repetitions;
    }

    private bool Selected(BenchmarkCase benchCase) => Matches(benchCase.Name, _options.Filter);

    private BenchmarkRow Measure(BenchmarkCase benchCase, int batchSize, AudioDevice device, int repetitions, double copyBandwidth)
    {
        var clips = new float[batchSize][];
        Array.Fill(clips, _options.Clip);
        double bytes = 2.0 * benchCase.Passes * batchSize * (double)_options.Clip.Length * sizeof(float);
        var gpu = device as GpuDevice;
        if (gpu is not null)
        {
            gpu.InlineTables = !benchCase.Name.EndsWith(CopiedTwin, StringComparison.Ordinal) && InlineTablesSetting;
            gpu.UseGraphs = !benchCase.Name.EndsWith(PlainTwin, StringComparison.Ordinal) && GraphsSetting;
            gpu.Kernels.Filters.SplitLookBacks = !benchCase.Name.EndsWith(UnsplitTwin, StringComparison.Ordinal) && SplitSetting;
            gpu.PlanAhead = !benchCase.Name.EndsWith(UnplannedTwin, StringComparison.Ordinal) && PlanAheadSetting;
            gpu.AheadSteps = !benchCase.Name.EndsWith(InCallTwin, StringComparison.Ordinal) && AheadStepsSetting;
        }

        // The wall and kernel columns time synchronous calls (Apply returns with the batch transformed); the asynchronous
        // columns set their own mode.
        bool asynchronous = gpu?.Asynchronous ?? false;
        if (gpu is not null)
        {
            gpu.Asynchronous = false;
        }

        // Rotate among batches so that small ones do not sit in the GPU's L2 (50 MB on an H100) between calls.
        int sets = gpu is null ? 1 : Math.Clamp((int)(256e6 / Math.Max(bytes, 1)), 1, 8);
        var batches = new AudioBatch[sets];
        try
        {
            for (int s = 0; s < sets; s++)
            {
                batches[s] = device.Upload(clips, _options.SampleRate);
            }

            // Wall time first, with no device events (their creation costs host time); then, for the GPU, the
            // same calls again with events around the kernels.
            var wall = new double[repetitions];
            var kernel = new double[repetitions];
            var host = new double[repetitions];
            // Warm-up: at least a few calls and at least _options.WarmUp of them (see BenchmarkOptions.WarmUp).
            int minimumCalls = gpu is null ? 1 : 20;
            int call = 0;
            long warmStart = Stopwatch.GetTimestamp();
            while (call < minimumCalls || Stopwatch.GetElapsedTime(warmStart) < _options.WarmUp)
            {
                benchCase.Pipeline.Apply(batches[call % sets], seed: 1, call: call);
                call++;
            }

            for (int i = 0; i < repetitions; i++)
            {
                if (gpu is null)
                {
                    // The CPU's timed calls start from the clip itself: transforms apply in place, and a band-pass
                    // applied call after call drives the samples into subnormal floats, which x86 computes up to
                    // 100x slower (the CPU column once read BandPassFilter 25-50 ms against BandStopFilter 1-5 ms:
                    // bench/gpu-notes.md, run 90). The GPU computes subnormals at full speed and keeps its batches.
                    batches[0].Dispose();
                    batches[0] = device.Upload(clips, _options.SampleRate);
                }

                AudioBatch batch = batches[call % sets];
                HostPhases.Begin();
                long start = Stopwatch.GetTimestamp();
                benchCase.Pipeline.Apply(batch, seed: 1, call: call++);
                wall[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                HostPhases.End();
            }

            if (gpu is not null && HostPhases.Enabled)
            {
                _log?.WriteLine($"phases {benchCase.Name} B={batchSize}: {HostPhases.Report()}");
            }

            // Before the kernel timings: calls with kernel events are synchronous (GpuDevice.TimeKernels).
            long plannedBefore = gpu?.PreparedAheadCalls ?? 0;
            long aheadBefore = gpu?.AheadStepCalls ?? 0;
            (double? eventMedian, double? pipelined, long? captures) = gpu is null ? (null, null, null) : MeasureAsynchronous(benchCase, gpu, batches, repetitions, _options.WarmUp, ref call);
            if (gpu is not null)
            {
                if (gpu.PreparedAheadCalls > plannedBefore)
                {
                    // How many of the asynchronous calls (warm-up, pipelined and events) only launched a call planned ahead.
                    _log?.WriteLine($"planned ahead {benchCase.Name} B={batchSize}: {gpu.PreparedAheadCalls - plannedBefore} asynchronous calls took the call planned for them, {gpu.AheadStepCalls - aheadBefore} read work done ahead");
                }

                gpu.TimeKernels = true;
                for (int i = 0; i < repetitions; i++)
                {
                    benchCase.Pipeline.Apply(batches[call % sets], seed: 1, call: call++);
                    kernel[i] = gpu.LastKernelTime.TotalMicroseconds;
                    host[i] = gpu.LastHostTime.TotalMicroseconds;
                }
            }

            double median = CopyProbe.Median(wall);
            double? kernelMedian = gpu is null ? null : CopyProbe.Median(kernel);
            double? share = kernelMedian is double k && k > 0 && double.IsFinite(copyBandwidth) ? bytes / (k * 1e-6) / 1e9 / copyBandwidth : null;
            string? note = gpu is not null && !AllNative(gpu, benchCase.Pipeline) ? "host fallback" : null;
            double? hostMedian = gpu is null ? null : CopyProbe.Median(host);
            return new BenchmarkRow(benchCase.Name, device.Name, batchSize, median, kernelMedian, median / batchSize, bytes / (median * 1e-6) / 1e9, share, Note: note, MedianHostMicroseconds: hostMedian, MedianEventMicroseconds: eventMedian, PipelinedMicroseconds: pipelined, PipelinedCaptures: captures);
        }
        catch (NotSupportedException e)
        {
            return new BenchmarkRow(benchCase.Name, device.Name, batchSize, double.NaN, null, double.NaN, double.NaN, null, e.Message);
        }
        finally
        {
            if (gpu is not null)
            {
                gpu.TimeKernels = false;
                gpu.Asynchronous = asynchronous;
            }

            foreach (AudioBatch? batch in batches)
            {
                batch?.Dispose();
            }
        }
    }
}
