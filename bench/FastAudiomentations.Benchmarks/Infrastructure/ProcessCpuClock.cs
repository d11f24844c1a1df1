using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// A BenchmarkDotNet clock that reads the CPU time of the whole process (every thread), for <c>--cpu-time</c>.
/// </summary>
/// <remarks>
/// <para>
/// Why: on a machine shared with other work, wall-clock time includes the time the scheduler gave the cores to
/// other processes; CPU time does not, so one-thread figures stay comparable with anchors measured on a quiet
/// machine. What it still includes: cache and memory-bandwidth contention, and the process's own background
/// threads (JIT, GC), which are idle in steady state.
/// </para>
/// <para>
/// With several threads it sums them: at <see cref="Workload.Batch16AllCores"/> a time is core-time per
/// operation, the cost per core rather than the latency (workers waiting for work sleep, so they add nothing).
/// Linux only: <c>clock_gettime(CLOCK_PROCESS_CPUTIME_ID)</c>, nanoseconds.
/// </para>
/// </remarks>
internal sealed partial class ProcessCpuClock : IClock
{
    /// <summary>CLOCK_PROCESS_CPUTIME_ID in Linux's time.h.</summary>
    private const int ProcessCpuTimeClockId = 2;

    public static ProcessCpuClock Instance { get; } = new();

    public string Title => "Process CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        if (ClockGetTime(ProcessCpuTimeClockId, out Timespec now) != 0)
        {
            throw new InvalidOperationException($"clock_gettime(CLOCK_PROCESS_CPUTIME_ID) failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return (now.Seconds * 1_000_000_000) + now.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    private static partial int ClockGetTime(int clockId, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
