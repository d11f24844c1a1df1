using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// What the derived columns read from a summary: a case's median, the median of its Copy row, the samples
/// one operation processes and the threads it runs on.
/// </summary>
/// <remarks>
/// Medians, not means: the machine is shared, and a median shrugs off the iterations another process
/// disturbed. Threads: only <c>Apply</c> at <see cref="Workload.Batch16AllCores"/> uses more than the
/// calling thread (every core, <see cref="Environment.ProcessorCount"/> of this machine, where the benchmark
/// processes run too); <c>Copy</c> and <c>Scalar</c> always run on one. Under <c>--cpu-time</c> times are
/// already summed over threads.
/// </remarks>
internal static class Measurements
{
    private const string WorkloadParameter = nameof(TransformBenchmark<Gain, GainParameters>.Workload);

    /// <summary>The case's median time per operation in nanoseconds, or null if it did not run.</summary>
    public static double? MedianNs(Summary summary, BenchmarkCase benchmarkCase) => summary[benchmarkCase]?.ResultStatistics?.Median;

    /// <summary>The median minus the Copy median of the same class and workload; for Copy, the copy itself.</summary>
    public static double? NetNs(Summary summary, BenchmarkCase benchmarkCase)
    {
        double? median = MedianNs(summary, benchmarkCase);
        if (median is null || IsCopy(benchmarkCase))
        {
            return median;
        }

        foreach (BenchmarkCase other in summary.BenchmarksCases)
        {
            if (IsCopy(other) && other.Descriptor.Type == benchmarkCase.Descriptor.Type && Equals(WorkloadOf(other), WorkloadOf(benchmarkCase)))
            {
                return MedianNs(summary, other) is { } copy ? median - copy : null;
            }
        }

        return null;
    }

    /// <summary>Samples one operation processes: the clip times the clips in the batch.</summary>
    public static long Samples(BenchmarkCase benchmarkCase) =>
        (long)Fixtures.ClipSamples * (WorkloadOf(benchmarkCase) == Workload.Batch16AllCores ? TransformBenchmark<Gain, GainParameters>.LargeBatch : 1);

    /// <summary>
    /// Threads the case's time is spread over: every core for Apply at Batch16AllCores under the wall clock; 1
    /// otherwise, and always under <see cref="ProcessCpuClock"/>, whose time already sums the threads (core-time).
    /// </summary>
    public static int Threads(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Job.Infrastructure.Clock is not ProcessCpuClock &&
        benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TransformBenchmark<Gain, GainParameters>.Apply) &&
        WorkloadOf(benchmarkCase) == Workload.Batch16AllCores
            ? Environment.ProcessorCount
            : 1;

    private static bool IsCopy(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(TransformBenchmark<Gain, GainParameters>.Copy);

    private static Workload? WorkloadOf(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters[WorkloadParameter] as Workload?;
}
