using System.Globalization;
using FastAudiomentations.Gpu;
using FastAudiomentations.Gpu.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>
/// `fastaug bench`: times every transform (and a fused chain of five) on a GPU device and on the CPU device at
/// several batch sizes of one clip tiled, as the Python anchors measure (<see cref="GpuBenchmark"/>).
/// </summary>
internal sealed class BenchCommand(IAnsiConsole console) : Command<BenchSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, BenchSettings settings, CancellationToken cancellationToken)
    {
        if (GpuBackends.Parse(settings.Backend) is not GpuBackend backend)
        {
            console.MarkupLine($"[red]Unknown backend '{Markup.Escape(settings.Backend)}'.[/] Use cuda, opencl or cpu.");
            return ExitCodes.InvalidUsage;
        }

        if (!TryParseBatches(settings.Batches, out int[] batches) || settings.Repetitions < 1 || settings.CpuRepetitions < 1 || settings.WarmUpMilliseconds < 0 || settings.Rounds < 1)
        {
            console.MarkupLine("[red]--batches takes positive integers separated by commas; --reps, --cpu-reps and --rounds at least 1; --warmup-ms 0 or more.[/]");
            return ExitCodes.InvalidUsage;
        }

        if (!GpuDevice.IsAvailable(backend))
        {
            console.MarkupLine($"[red]No {backend} device on this machine.[/]");
            return ExitCodes.InvalidUsage;
        }

        string clipPath = settings.Clip ?? GpuBackends.BundledClip;
        AudioData clip;
        try
        {
            clip = AudioFile.Read(clipPath);
        }
        catch (AudioFileException error)
        {
            console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
            return ExitCodes.InvalidUsage;
        }

        using GpuDevice gpu = GpuDevice.Create(backend);
        var options = new BenchmarkOptions
        {
            Clip = clip.Channels[0],
            SampleRate = clip.SampleRate,
            BatchSizes = batches,
            GpuRepetitions = settings.Repetitions,
            CpuRepetitions = settings.CpuRepetitions,
            WarmUp = TimeSpan.FromMilliseconds(settings.WarmUpMilliseconds),
            Rounds = settings.Rounds,
            IncludeCpu = !settings.NoCpu,
            Filter = settings.Filter,
            SoundsPath = settings.Noise ?? GpuBackends.BundledNoise,
        };
        TextWriter output = console.Profile.Out.Writer;
        BenchmarkReport report = new GpuBenchmark(gpu, options).Run(output);
        output.WriteLine();
        report.WriteTable(output);
        if (settings.Out is { } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "gpu-bench.json"), report.ToJson());
        }

        return ExitCodes.Success;
    }

    private static bool TryParseBatches(string text, out int[] batches)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        batches = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out batches[i]) || batches[i] < 1)
            {
                return false;
            }
        }

        return parts.Length > 0;
    }
}
