using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>Arguments of `fastaug bench`.</summary>
internal sealed class BenchSettings : CommandSettings
{
    [CommandOption("--clip <FILE>")]
    [Description("The clip tiled to each batch (first channel; default: the bundled demo recording).")]
    public string? Clip { get; init; }

    [CommandOption("--noise <PATH>")]
    [Description("A noise file or folder for transforms that read files (default: the bundled noise).")]
    public string? Noise { get; init; }

    [CommandOption("--batches <LIST>")]
    [Description("Batch sizes, comma-separated.")]
    [DefaultValue("1,16,64,128")]
    public string Batches { get; init; } = "1,16,64,128";

    [CommandOption("--reps <N>")]
    [Description("Timed GPU calls per cell (after the warm-up); the median is reported.")]
    [DefaultValue(60)]
    public int Repetitions { get; init; } = 60;

    [CommandOption("--warmup-ms <MS>")]
    [Description("Least warm-up per cell, in milliseconds (at least 20 calls on a GPU): long enough for .NET to recompile the hot host code optimised.")]
    [DefaultValue(300)]
    public int WarmUpMilliseconds { get; init; } = 300;

    [CommandOption("--rounds <N>")]
    [Description("Rounds over the GPU cells; each cell is reported from the round of its median wall time (an odd number is best).")]
    [DefaultValue(1)]
    public int Rounds { get; init; } = 1;

    [CommandOption("--cpu-reps <N>")]
    [Description("Timed CPU calls per cell.")]
    [DefaultValue(5)]
    public int CpuRepetitions { get; init; } = 5;

    [CommandOption("--no-cpu")]
    [Description("Skip the CPU device's column.")]
    public bool NoCpu { get; init; }

    [CommandOption("--filter <NAMES>")]
    [Description("Only cases whose name contains one of these comma-separated parts (case-insensitive).")]
    public string? Filter { get; init; }

    [CommandOption("--backend <BACKEND>")]
    [Description("cuda (default), opencl, or cpu (ILGPU's CPU accelerator: for trying the command, not for timing).")]
    [DefaultValue("cuda")]
    public string Backend { get; init; } = "cuda";

    [CommandOption("--out <FOLDER>")]
    [Description("Write the report as gpu-bench.json into this folder.")]
    public string? Out { get; init; }
}
