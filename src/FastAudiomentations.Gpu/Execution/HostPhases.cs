using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// An experiment's breakdown of one call's host side (FASTAUG_HOST_PHASES=1): the benchmark arms it around a call
/// (<see cref="Begin"/> .. <see cref="End"/>), the executor and step kernels mark where each phase ends (plan sampled,
/// tables packed, copy enqueued, each launch enqueued, stream synchronised), and <see cref="Report"/> gives each
/// phase's median over the calls since the last report. Off (the default), every mark is one static read.
/// </summary>
/// <remarks>
/// Labels are string literals, so marking allocates nothing; a call keeps at most <see cref="MaxMarks"/> marks and the
/// report at most <see cref="MaxCalls"/> calls. Phases are matched by position: the calls of one benchmark cell have
/// the same plan shape (p = 1), so position i is the same phase in each. Single-threaded, like the device.
/// </remarks>
internal static class HostPhases
{
    /// <summary>Whether marks are recorded (FASTAUG_HOST_PHASES=1, read once).</summary>
    public static readonly bool Enabled = ExperimentSwitches.Int("FASTAUG_HOST_PHASES", 0) == 1;

    private const int MaxMarks = 32;
    private const int MaxCalls = 1024;
    private static readonly long[] Marks = new long[MaxMarks];
    private static readonly string[] Labels = new string[MaxMarks];
    private static readonly long[] Deltas = new long[MaxCalls * MaxMarks];
    private static readonly string[] CellLabels = new string[MaxMarks];
    private static int _count;
    private static int _cellMarks;
    private static int _calls;
    private static bool _armed;

    /// <summary>Starts a call's marks (the first is "start").</summary>
    public static void Begin()
    {
        if (!Enabled)
        {
            return;
        }

        _count = 0;
        _armed = true;
        Mark("start");
    }

    /// <summary>Marks the end of the phase <paramref name="label"/> (a string literal) if a call is armed.</summary>
    public static void Mark(string label)
    {
        if (!Enabled || !_armed || _count == MaxMarks)
        {
            return;
        }

        Labels[_count] = label;
        Marks[_count++] = Stopwatch.GetTimestamp();
    }

    /// <summary>Ends the call ("end") and keeps its phases for <see cref="Report"/>.</summary>
    public static void End()
    {
        if (!Enabled || !_armed)
        {
            return;
        }

        Mark("end");
        _armed = false;
        if (_calls == 0)
        {
            _cellMarks = _count;
            Array.Copy(Labels, CellLabels, _count);
        }

        if (_calls == MaxCalls || _count != _cellMarks)
        {
            return;
        }

        for (int i = 1; i < _count; i++)
        {
            Deltas[(_calls * MaxMarks) + i] = Marks[i] - Marks[i - 1];
        }

        _calls++;
    }

    /// <summary>One line: each phase's median microseconds since the last report, then their sum; clears them.</summary>
    public static string Report()
    {
        if (!Enabled || _calls == 0)
        {
            _calls = 0;
            return string.Empty;
        }

        var text = new StringBuilder();
        double sum = 0;
        var values = new double[_calls];
        for (int i = 1; i < _cellMarks; i++)
        {
            for (int c = 0; c < _calls; c++)
            {
                values[c] = Deltas[(c * MaxMarks) + i] * 1e6 / Stopwatch.Frequency;
            }

            Array.Sort(values);
            double median = values[(_calls - 1) / 2];
            sum += median;
            text.Append(CultureInfo.InvariantCulture, $"{CellLabels[i]} {median:F2} | ");
        }

        text.Append(CultureInfo.InvariantCulture, $"sum {sum:F2} us ({_calls} calls)");
        _calls = 0;
        return text.ToString();
    }
}
