using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace FastAudiomentations.Cli.Console;

/// <summary>
/// Shows a job's progress: a live Spectre.Console bar with clips/s on an interactive terminal, and a plain
/// line every 10 % (or every 10 s) when the output goes to a file or a pipe, where a live bar would
/// fill the log with redraws.
/// </summary>
internal static class ProgressDisplay
{
    public static void Run(IAnsiConsole console, string label, int total, Action<IProgressSink> work)
    {
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi)
        {
            console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ClipsPerSecondColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(total, 1));
                    work(new LiveSink(task));
                    task.Value = task.MaxValue;
                });
            return;
        }

        var plain = new PlainSink(console, label, total);
        work(plain);
        plain.Finish();
    }

    private sealed class LiveSink(ProgressTask task) : IProgressSink
    {
        public void Advance(int clips) => task.Increment(clips);
    }

    private sealed class PlainSink(IAnsiConsole console, string label, int total) : IProgressSink
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private int _done;
        private int _nextTenth = 1;
        private TimeSpan _lastLine;

        public void Advance(int clips)
        {
            lock (_gate)
            {
                _done += clips;
                bool tenth = total > 0 && _done * 10L >= (long)_nextTenth * total;
                if (tenth || _clock.Elapsed - _lastLine >= TimeSpan.FromSeconds(10))
                {
                    while (total > 0 && _done * 10L >= (long)_nextTenth * total)
                    {
                        _nextTenth++;
                    }

                    Line();
                }
            }
        }

        public void Finish()
        {
            if (_done == 0 || _nextTenth <= 10)
            {
                Line();
            }
        }

        private void Line()
        {
            _lastLine = _clock.Elapsed;
            double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
            string percent = total == 0 ? "100" : (100.0 * _done / total).ToString("0", CultureInfo.InvariantCulture);
            console.WriteLine($"{label}: {_done}/{total} clips ({percent} %), {(_done / seconds).ToString("0.0", CultureInfo.InvariantCulture)} clips/s");
        }
    }
}
