using FastAudiomentations.Cli.Augmenting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>`fastaug augment`: augments files or folders with a pipeline file.</summary>
internal sealed class AugmentCommand(IAnsiConsole console) : Command<AugmentSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, AugmentSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return new AugmentJob(Options(settings), console).Run(cancellationToken);
        }
        catch (Exception error) when (error is CliException or PipelineFileException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            return ExitCodes.InvalidUsage;
        }
    }

    /// <summary>Checks the arguments' form; the file system is checked by the job before it starts.</summary>
    internal static AugmentOptions Options(AugmentSettings settings)
    {
        if (settings.Inputs.Length == 0)
        {
            throw new CliException("Give at least one input file or folder.");
        }

        if (string.IsNullOrWhiteSpace(settings.Output))
        {
            throw new CliException("--output DIR is required.");
        }

        if (string.IsNullOrWhiteSpace(settings.Pipeline))
        {
            throw new CliException("--pipeline FILE is required (try `fastaug demo` for an example pipeline file).");
        }

        if (settings.Copies < 1)
        {
            throw new CliException($"--copies must be at least 1, not {settings.Copies}.");
        }

        if (settings.BatchSize < 1)
        {
            throw new CliException($"--batch-size must be at least 1, not {settings.BatchSize}.");
        }

        if (settings.Threads is < 1)
        {
            throw new CliException($"--threads must be at least 1, not {settings.Threads}.");
        }

        if (!ShardSpec.TryParse(settings.Shard, out ShardSpec shard, out string shardError))
        {
            throw new CliException(shardError);
        }

        if (!DeviceSelector.IsKnown(settings.Device))
        {
            throw new CliException($"--device must be one of {string.Join(", ", DeviceSelector.Names)}, not '{settings.Device}'.");
        }

        WavSampleFormat format = settings.Format.ToLowerInvariant() switch
        {
            "pcm16" => WavSampleFormat.Pcm16,
            "float32" => WavSampleFormat.Float32,
            _ => throw new CliException($"--format must be pcm16 or float32, not '{settings.Format}'."),
        };

        return new AugmentOptions(settings.Inputs, settings.Output, settings.Pipeline, settings.Copies, settings.Seed, settings.Device, shard, settings.BatchSize, format, settings.Threads);
    }
}
