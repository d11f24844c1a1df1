using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>The time of the operation itself, in microseconds: the median minus the refresh copy's median.</summary>
internal sealed class NetTimeColumn : IColumn
{
    public string Id => nameof(NetTimeColumn);

    public string ColumnName => "Net us";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median minus the Copy row's median (same class and workload), in us: the transform alone, without the refresh of the batch. For Copy: the copy itself.";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        Measurements.NetNs(summary, benchmarkCase) is { } ns ? (ns / 1000).ToString("N1", style?.CultureInfo ?? CultureInfo.InvariantCulture) : "-";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
