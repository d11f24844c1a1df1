using FastAudiomentations.Cli;
using Spectre.Console;

// Spectre.Console assumes 80 columns when output is redirected; a log file has no width, so let tables be wide.
if (System.Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 160;
}

return FastaugApp.Run(args, AnsiConsole.Console);
