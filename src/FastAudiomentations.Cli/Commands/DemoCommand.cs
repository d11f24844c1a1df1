using FastAudiomentations.Cli.Demo;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>`fastaug demo`: augments the bundled recording and shows what happened.</summary>
internal sealed class DemoCommand(IAnsiConsole console) : Command<DemoSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return new DemoJob(settings.Output, settings.Copies, settings.Seed, !settings.NoPicture, console).Run();
        }
        catch (CliException error)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error.Message)}");
            return ExitCodes.InvalidUsage;
        }
    }
}
