using System.Globalization;
using System.Text;

namespace FastAudiomentations.Tests.Helpers;

/// <summary>Host bytes that steady-state work allocates on the calling thread, measured over several windows.</summary>
/// <remarks>
/// Why several windows: tiered JIT may recompile a method mid-test, and the per-thread counter is not exact across a
/// garbage collection (dotnet/coreclr#10207), which other tests' threads trigger at any time. A real hot-path allocation
/// shows up in every window, so the fewest bytes of a window count; a window that meets the expectation ends the search
/// early. CI once saw three windows of one test each 720 bytes over (stop 19), so up to eight run now.
/// </remarks>
public static class AllocationWindows
{
    /// <summary>Windows run at most.</summary>
    public const int MaxWindows = 8;

    /// <summary>
    /// Runs <paramref name="window"/> (given its index) until one allocates bytes that <paramref name="accept"/> takes, at
    /// most <see cref="MaxWindows"/> times.
    /// </summary>
    /// <returns>The fewest bytes a window allocated, and each window's bytes and gen-0 collections (for a failure message).</returns>
    public static (long Fewest, string Log) Measure(Action<int> window, Func<long, bool> accept)
    {
        long fewest = long.MaxValue;
        var log = new StringBuilder();
        for (int w = 0; w < MaxWindows; w++)
        {
            int collections = GC.CollectionCount(0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            window(w);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            log.Append(CultureInfo.InvariantCulture, $"window {w}: {bytes} B, {GC.CollectionCount(0) - collections} gen-0 GCs; ");
            fewest = Math.Min(fewest, bytes);
            if (accept(bytes))
            {
                break;
            }
        }

        return (fewest, log.ToString());
    }
}
