using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FastAudiomentations.Cli.Console;
using Spectre.Console;

namespace FastAudiomentations.Cli.Augmenting;

/// <summary>
/// `fastaug augment`: checks everything first (pipeline, inputs, output paths), then reads files on worker
/// threads, groups them into batches of one sample rate and channel count, augments each copy on the
/// device and writes each output atomically, skipping outputs that already exist.
/// </summary>
/// <remarks>
/// Every output is a function of (seed, pipeline, relative path, copy) alone (<see cref="ClipIdentity"/>),
/// so batch size, shard count, thread count and interruptions never change a result. An unreadable input
/// is reported and skipped; the run goes on and ends with exit code 1.
/// </remarks>
internal sealed class AugmentJob(AugmentOptions options, IAnsiConsole console)
{
    private readonly ConcurrentQueue<(string Path, string Reason)> _failures = new();
    private int _written;
    private int _clipped;

    /// <summary>Runs the job; returns the exit code.</summary>
    public int Run(CancellationToken cancellation)
    {
        // 1. Validate everything before touching any audio.
        Transform pipeline = PipelineFile.Load(options.Pipeline);
        OutputGuard.CheckFolder(options.Output, options.Inputs);
        List<InputFile> found = InputScanner.Scan(options.Inputs, AudioFile.SupportedExtensions);
        string outputRoot = Path.GetFullPath(options.Output);
        var inputFolders = options.Inputs.Select(Path.GetFullPath).Where(Directory.Exists).ToList();
        HashSet<string> inputFiles = OutputGuard.PathSet();
        foreach (InputFile file in found)
        {
            inputFiles.Add(file.FullPath);
        }

        var work = new List<Work>();
        int existing = 0, inShard = 0;
        foreach (InputFile file in found)
        {
            if (!options.Shard.Contains(file.RelativePath))
            {
                continue;
            }

            inShard++;
            var missing = new List<(int Copy, string Path)>();
            for (int copy = 0; copy < options.Copies; copy++)
            {
                string output = Path.Combine(outputRoot, ClipIdentity.OutputRelativePath(file.RelativePath, copy));
                OutputGuard.CheckFile(output, inputFolders, inputFiles);
                if (File.Exists(output))
                {
                    existing++;
                }
                else
                {
                    missing.Add((copy, output));
                }
            }

            if (missing.Count > 0)
            {
                work.Add(new Work(file, missing));
            }
        }

        using AudioDevice device = DeviceSelector.Create(options.Device, options.Threads);
        int total = work.Sum(w => w.Missing.Count);
        console.WriteLine($"fastaug augment: {found.Count} input files, {inShard} in shard {options.Shard}, {total} outputs to write ({existing} already there), {options.Copies} copies, seed {options.Seed}, device {device.Name}.");

        // 2. Process.
        var clock = Stopwatch.StartNew();
        bool interrupted = false;
        ProgressDisplay.Run(console, "augment", total, sink => interrupted = !Process(pipeline, device, work, sink, cancellation));
        clock.Stop();

        // 3. Report.
        Summarise(found.Count, inShard, existing, clock.Elapsed, device.Name, interrupted);
        if (interrupted)
        {
            return ExitCodes.SomeFailed;
        }

        return _failures.IsEmpty ? ExitCodes.Success : ExitCodes.SomeFailed;
    }

    /// <summary>Reads ahead one chunk while the previous one is augmented; returns false if cancelled.</summary>
    private bool Process(Transform pipeline, AudioDevice device, List<Work> work, IProgressSink sink, CancellationToken cancellation)
    {
        var groups = new Dictionary<(int Rate, int Channels), List<Loaded>>();
        int chunk = Math.Max(options.BatchSize, 1);
        Task<Loaded?[]>? next = work.Count == 0 ? null : Task.Run(() => Read(work, 0, chunk, sink), CancellationToken.None);
        for (int start = 0; next is not null; start += chunk)
        {
            Loaded?[] loaded = next.GetAwaiter().GetResult();
            int following = start + chunk;
            next = following < work.Count ? Task.Run(() => Read(work, following, chunk, sink), CancellationToken.None) : null;
            foreach (Loaded? clip in loaded)
            {
                if (clip is null)
                {
                    continue;
                }

                var key = (clip.Audio.SampleRate, clip.Audio.ChannelCount);
                if (!groups.TryGetValue(key, out List<Loaded>? group))
                {
                    groups[key] = group = [];
                }

                group.Add(clip);
                if (group.Count == options.BatchSize)
                {
                    Augment(pipeline, device, group, sink);
                    group.Clear();
                }
            }

            if (cancellation.IsCancellationRequested)
            {
                // Let the read-ahead finish (it only reads), then stop; everything written so far is complete.
                next?.GetAwaiter().GetResult();
                return false;
            }
        }

        foreach (List<Loaded> group in groups.Values)
        {
            if (group.Count > 0)
            {
                Augment(pipeline, device, group, sink);
            }
        }

        return true;
    }

    private Loaded?[] Read(List<Work> work, int start, int count, IProgressSink sink)
    {
        int end = Math.Min(start + count, work.Count);
        var loaded = new Loaded?[end - start];
        Parallel.For(start, end, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount }, i =>
        {
            Work item = work[i];
            try
            {
                AudioData audio = AudioFile.Read(item.File.FullPath);
                string? problem = NonFinite(audio);
                if (problem is not null)
                {
                    Fail(item, sink, problem);
                    return;
                }

                loaded[i - start] = new Loaded(item, audio);
            }
#pragma warning disable CA1031 // Any decoder failure is about that one file: report it and go on with the others.
            catch (Exception error)
#pragma warning restore CA1031
            {
                Fail(item, sink, error is AudioFileException ? error.Message : $"{error.GetType().Name}: {error.Message}");
            }
        });
        return loaded;
    }

    private void Fail(Work item, IProgressSink sink, string reason)
    {
        // Readers often start their message with the path; the report already names the file.
        string prefix = item.File.FullPath + ": ";
        _failures.Enqueue((item.File.FullPath, reason.StartsWith(prefix, StringComparison.Ordinal) ? reason[prefix.Length..] : reason));
        sink.Advance(item.Missing.Count);
    }

    private static string? NonFinite(AudioData audio)
    {
        for (int c = 0; c < audio.ChannelCount; c++)
        {
            float[] x = audio.Channels[c];
            for (int t = 0; t < x.Length; t++)
            {
                if (!float.IsFinite(x[t]))
                {
                    return $"channel {c}, sample {t} is {x[t].ToString(CultureInfo.InvariantCulture)}; inputs must be finite.";
                }
            }
        }

        return null;
    }

    private void Augment(Transform pipeline, AudioDevice device, List<Loaded> group, IProgressSink sink)
    {
        int rate = group[0].Audio.SampleRate;
        for (int copy = 0; copy < options.Copies; copy++)
        {
            var members = new List<(Loaded Clip, string Output)>();
            foreach (Loaded clip in group)
            {
                foreach ((int missingCopy, string path) in clip.Work.Missing)
                {
                    if (missingCopy == copy)
                    {
                        members.Add((clip, path));
                    }
                }
            }

            if (members.Count == 0)
            {
                continue;
            }

            var clips = new float[members.Count][][];
            var ids = new uint[members.Count];
            for (int i = 0; i < members.Count; i++)
            {
                clips[i] = members[i].Clip.Audio.Channels;
                ids[i] = ClipIdentity.ExampleId(members[i].Clip.Work.File.RelativePath);
            }

            float[][][] results;
            using (AudioBatch batch = device.Upload(clips, rate, exampleIds: ids))
            {
                pipeline.Apply(batch, options.Seed, ClipIdentity.Call(copy));
                results = batch.ToChannelArrays();
            }

            Parallel.For(0, members.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount }, i => Write(members[i].Clip, members[i].Output, results[i], rate));
            sink.Advance(members.Count);
        }
    }

    private void Write(Loaded clip, string path, float[][] channels, int rate)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AudioFile.WriteWav(path, new AudioData(channels, rate), options.Format);
            Interlocked.Increment(ref _written);
            if (options.Format == WavSampleFormat.Pcm16 && Peak(channels) > 1f)
            {
                Interlocked.Increment(ref _clipped);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            _failures.Enqueue((path, $"cannot write the output of {clip.Work.File.FullPath}: {error.Message}"));
        }
    }

    private static float Peak(float[][] channels)
    {
        float peak = 0;
        foreach (float[] x in channels)
        {
            foreach (float v in x)
            {
                peak = Math.Max(peak, Math.Abs(v));
            }
        }

        return peak;
    }

    private void Summarise(int found, int inShard, int existing, TimeSpan elapsed, string deviceName, bool interrupted)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("augment").AddColumn(new TableColumn("count").RightAligned());
        table.AddRow("input files found", found.ToString(CultureInfo.InvariantCulture));
        table.AddRow($"in shard {options.Shard}", inShard.ToString(CultureInfo.InvariantCulture));
        table.AddRow("outputs written", _written.ToString(CultureInfo.InvariantCulture));
        table.AddRow("outputs already there (skipped)", existing.ToString(CultureInfo.InvariantCulture));
        table.AddRow("failures", _failures.Count.ToString(CultureInfo.InvariantCulture));
        if (options.Format == WavSampleFormat.Pcm16)
        {
            table.AddRow("outputs clipped to ±1 (pcm16)", _clipped.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("time", $"{seconds.ToString("0.00", CultureInfo.InvariantCulture)} s");
        table.AddRow("throughput", $"{(_written / seconds).ToString("0.0", CultureInfo.InvariantCulture)} clips/s");
        table.AddRow("device", Markup.Escape(deviceName));
        console.Write(table);
        foreach ((string path, string reason) in _failures.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            console.MarkupLine($"[red]failed[/] {Markup.Escape(path)}: {Markup.Escape(reason)}");
        }

        if (_clipped > 0)
        {
            console.MarkupLine($"[yellow]{_clipped} outputs went beyond ±1 and were clipped; --format float32 keeps them intact.[/]");
        }

        if (interrupted)
        {
            console.MarkupLine("[yellow]Interrupted. Run the same command again to finish: outputs already written are kept and skipped.[/]");
        }
        else if (!_failures.IsEmpty)
        {
            console.MarkupLine($"[red]{_failures.Count} of {inShard} files or outputs failed; the others were written.[/]");
        }
    }

    /// <summary>One input and the copies of it still to write.</summary>
    private sealed record Work(InputFile File, List<(int Copy, string Path)> Missing);

    /// <summary>An input read into memory.</summary>
    private sealed record Loaded(Work Work, AudioData Audio);
}
