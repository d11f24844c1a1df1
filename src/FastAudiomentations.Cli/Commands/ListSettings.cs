using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>Arguments of `fastaug list`.</summary>
internal sealed class ListSettings : CommandSettings
{
    [CommandOption("--json")]
    [Description("Print the catalogue as JSON instead of a table.")]
    public bool Json { get; init; }
}
