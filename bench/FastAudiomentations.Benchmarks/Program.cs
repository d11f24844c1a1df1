using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using FastAudiomentations.Benchmarks.Infrastructure;

// Every catalogue transform must have a benchmark (STYLE.md rule 9); say which do not, and stop.
List<string> missing = CatalogCoverage.Missing(typeof(BenchmarkConfig).Assembly);
if (missing.Count > 0)
{
    Console.Error.WriteLine($"No benchmark class for: {string.Join(", ", missing)}. Add one under Transforms/ (see README.md).");
    return 2;
}

if (args.Contains(ValidationRun.Switch))
{
    int failures = ValidationRun.Run(typeof(BenchmarkConfig).Assembly);
    Console.WriteLine(failures == 0 ? "Every benchmark validates." : $"{failures} validation(s) failed.");
    return failures == 0 ? 0 : 1;
}

bool cpuTime = args.Contains(BenchmarkConfig.CpuTimeSwitch);
string[] benchmarkArgs = [.. args.Where(a => a != BenchmarkConfig.CpuTimeSwitch)];
IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(benchmarkArgs, new BenchmarkConfig(cpuTime));

// BenchmarkDotNet reports a failed [GlobalSetup] (a validation mismatch) in the log and carries on; make the
// exit code say so too, so that a run in a script or CI fails loudly.
int failed = 0;
foreach (Summary summary in summaries)
{
    failed += summary.HasCriticalValidationErrors ? 1 : 0;
    foreach (BenchmarkReport report in summary.Reports)
    {
        failed += report.Success ? 0 : 1;
    }
}

if (failed > 0)
{
    Console.Error.WriteLine($"{failed} benchmark(s) failed or did not validate; see the log above.");
    return 1;
}

return 0;
