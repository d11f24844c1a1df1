using Spectre.Console;

namespace FastAudiomentations.Cli.Tests;

/// <summary>Runs `fastaug` in-process with a plain, wide, non-interactive console and captures what it prints.</summary>
internal static class CliRun
{
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        using var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        int code = FastaugApp.Run(args, console);
        return (code, writer.ToString());
    }
}
