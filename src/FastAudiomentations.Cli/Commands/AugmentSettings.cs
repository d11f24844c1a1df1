using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>Arguments of `fastaug augment`.</summary>
internal sealed class AugmentSettings : CommandSettings
{
    [CommandArgument(0, "<inputs>")]
    [Description("Audio files or folders (folders are searched recursively for supported extensions).")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-o|--output <DIR>")]
    [Description("Output folder; keeps the inputs' relative folders; outputs are named NAME.aug0.wav, NAME.aug1.wav, ... Must not be inside an input folder.")]
    public string? Output { get; init; }

    [CommandOption("-p|--pipeline <FILE>")]
    [Description("Pipeline file (.yaml, .yml or .json); see `fastaug list` for transforms and parameters.")]
    public string? Pipeline { get; init; }

    [CommandOption("-n|--copies <N>")]
    [Description("Augmented copies of each input.")]
    [DefaultValue(1)]
    public int Copies { get; init; } = 1;

    [CommandOption("-s|--seed <SEED>")]
    [Description("Seed; with the pipeline, a file's relative path and the copy index it fixes the output.")]
    [DefaultValue(0L)]
    public long Seed { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("cpu, or auto (the GPU when the GPU backend is available, else the CPU).")]
    [DefaultValue("cpu")]
    public string Device { get; init; } = "cpu";

    [CommandOption("--shard <K/N>")]
    [Description("Do only shard K of N (K from 0 to N-1), chosen by a stable hash of each file's relative path: shards are disjoint and together cover every file.")]
    public string? Shard { get; init; }

    [CommandOption("-b|--batch-size <N>")]
    [Description("Clips per batch (files of one sample rate and channel count are batched together).")]
    [DefaultValue(32)]
    public int BatchSize { get; init; } = 32;

    [CommandOption("--format <FORMAT>")]
    [Description("Output samples: pcm16 (16-bit, values beyond ±1 clipped) or float32.")]
    [DefaultValue("pcm16")]
    public string Format { get; init; } = "pcm16";

    [CommandOption("--threads <N>")]
    [Description("CPU threads (default: every core). Outputs do not depend on it.")]
    public int? Threads { get; init; }
}
