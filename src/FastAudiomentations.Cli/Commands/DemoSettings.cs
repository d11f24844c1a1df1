using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>Arguments of `fastaug demo` (none needed).</summary>
internal sealed class DemoSettings : CommandSettings
{
    [CommandOption("-o|--output <DIR>")]
    [Description("Folder for the demo's WAVs, pipeline file, plans and picture.")]
    [DefaultValue("fastaug-demo")]
    public string Output { get; init; } = "fastaug-demo";

    [CommandOption("-n|--copies <N>")]
    [Description("Augmented copies of the recording.")]
    [DefaultValue(4)]
    public int Copies { get; init; } = 4;

    [CommandOption("-s|--seed <SEED>")]
    [Description("Seed.")]
    [DefaultValue(2024L)]
    public long Seed { get; init; } = 2024;

    [CommandOption("--no-picture")]
    [Description("Skip the waveform PNG.")]
    public bool NoPicture { get; init; }
}
