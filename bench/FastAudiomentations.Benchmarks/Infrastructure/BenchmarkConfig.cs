using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// The suite's configuration: a short job (the development machine is shared, so few iterations and quoted
/// ratios rather than absolute times), the columns we read (mean, median, ratio to the scalar baseline,
/// allocated bytes, and the derived net time and per-core throughput), GitHub markdown and CSV exports.
/// </summary>
/// <remarks>
/// Job: one launch, 3 warm-up and 7 measured iterations of about 250 ms each; a benchmark takes 3 to 6 s, the
/// whole suite a few minutes. The median of 7 is what the derived columns use.
/// </remarks>
internal sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>The command-line switch that measures CPU time instead of wall-clock time (<see cref="ProcessCpuClock"/>).</summary>
    public const string CpuTimeSwitch = "--cpu-time";

    /// <summary>Builds the configuration; <paramref name="cpuTime"/> swaps the clock for the process's CPU time.</summary>
    public BenchmarkConfig(bool cpuTime = false)
    {
        Job job = Job.Default
            .WithId(cpuTime ? "ShortCpuTime" : "Short")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(250));
        // A custom clock cannot travel to BenchmarkDotNet's generated child process, so CPU time runs in this one.
        AddJob(cpuTime ? job.WithClock(ProcessCpuClock.Instance).WithToolchain(InProcessEmitToolchain.Instance) : job);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(
            TargetMethodColumn.Type,
            TargetMethodColumn.Method,
            StatisticColumn.Mean,
            StatisticColumn.Median,
            BaselineRatioColumn.RatioMean,
            new NetTimeColumn(),
            new ThroughputColumn());
        AddColumnProvider(DefaultColumnProviders.Params, DefaultColumnProviders.Metrics);
        AddLogger(ConsoleLogger.Default);
        AddExporter(MarkdownExporter.GitHub, CsvExporter.Default);
        AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray());
        AddValidator(DefaultConfig.Instance.GetValidators().ToArray());
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(20));
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
