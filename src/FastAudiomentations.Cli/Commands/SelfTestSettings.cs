using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>Arguments of `fastaug selftest`.</summary>
internal sealed class SelfTestSettings : CommandSettings
{
    [CommandOption("--backend <BACKEND>")]
    [Description("all (default: every GPU backend ILGPU finds), cuda, opencl, or cpu (ILGPU's CPU accelerator).")]
    [DefaultValue("all")]
    public string Backend { get; init; } = "all";

    [CommandOption("--noise <PATH>")]
    [Description("A noise file or folder for transforms that read files (default: the bundled noise).")]
    public string? Noise { get; init; }

    [CommandOption("--filter <NAMES>")]
    [Description("Only transforms whose name contains one of these comma-separated parts (case-insensitive).")]
    public string? Filter { get; init; }
}
