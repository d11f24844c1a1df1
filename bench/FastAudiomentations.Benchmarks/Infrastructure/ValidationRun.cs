using System.Diagnostics;
using System.Reflection;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// <c>--validate</c>: runs every benchmark class's [GlobalSetup] (the optimised-against-baseline check) at
/// every workload, in this process, without measuring; a few seconds instead of a suite run.
/// </summary>
internal static class ValidationRun
{
    /// <summary>The command-line switch.</summary>
    public const string Switch = "--validate";

    /// <summary>Validates every class; returns the number of failures.</summary>
    public static int Run(Assembly assembly)
    {
        int failures = 0;
        foreach (Type type in assembly.GetTypes())
        {
            if (type.IsAbstract || !IsTransformBenchmark(type))
            {
                continue;
            }

            foreach (Workload workload in Enum.GetValues<Workload>())
            {
                var clock = Stopwatch.StartNew();
                using var benchmark = (IDisposable)Activator.CreateInstance(type)!;
                type.GetProperty(nameof(TransformBenchmark<Gain, GainParameters>.Workload))!.SetValue(benchmark, workload);
                try
                {
                    type.GetMethod(nameof(TransformBenchmark<Gain, GainParameters>.Setup))!.Invoke(benchmark, null);
                    double used = (double)type.GetProperty(nameof(TransformBenchmark<Gain, GainParameters>.ToleranceUsed))!.GetValue(benchmark)!;
                    double allocated = AllocatedPerCall(type, benchmark);
                    Console.WriteLine($"ok    {type.Name} {workload}: largest error {used:P1} of the tolerance, {allocated:0.#} B allocated per Apply ({clock.ElapsedMilliseconds} ms)");
                }
                catch (TargetInvocationException e)
                {
                    failures++;
                    Console.WriteLine($"FAIL  {type.Name} {workload}: {e.InnerException?.Message}");
                }
            }
        }

        return failures;
    }

    /// <summary>Managed bytes allocated per steady-state Apply on every thread (after a warm-up), as MemoryDiagnoser counts them.</summary>
    private static double AllocatedPerCall(Type type, object benchmark)
    {
        MethodInfo apply = type.GetMethod(nameof(TransformBenchmark<Gain, GainParameters>.Apply))!;
        const int WarmUp = 20, Calls = 100;
        for (int i = 0; i < WarmUp; i++)
        {
            apply.Invoke(benchmark, null);
        }

        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Calls; i++)
        {
            apply.Invoke(benchmark, null);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
    }

    private static bool IsTransformBenchmark(Type type)
    {
        for (Type? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(TransformBenchmark<,>))
            {
                return true;
            }
        }

        return false;
    }
}
