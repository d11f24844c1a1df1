using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>Millions of samples per second per core, from the net time (the refresh subtracted).</summary>
internal sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MS/s/core";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Million samples per second per core: samples per operation / Net time / threads (Apply at Batch16AllCores uses every core; the rest one; under --cpu-time the time is already core-time).";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (Measurements.NetNs(summary, benchmarkCase) is not { } ns || ns <= 0)
        {
            return "-";
        }

        double perCore = Measurements.Samples(benchmarkCase) / (ns * 1e-9) / Measurements.Threads(benchmarkCase) / 1e6;
        return perCore.ToString("N0", style?.CultureInfo ?? CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
