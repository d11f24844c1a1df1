using FastAudiomentations.Gpu;

namespace FastAudiomentations.Cli.Augmenting;

/// <summary>Turns `--device` into an <see cref="AudioDevice"/>: the one place that knows which backends exist.</summary>
internal static class DeviceSelector
{
    /// <summary>The names `--device` accepts.</summary>
    public static readonly string[] Names = ["cpu", "auto"];

    /// <summary>Whether <paramref name="name"/> is a known device name.</summary>
    public static bool IsKnown(string name) => Array.IndexOf(Names, name.ToLowerInvariant()) >= 0;

    /// <summary>Makes the device: "cpu" is the CPU; "auto" is the best GPU when the GPU backend exists, else the CPU.</summary>
    /// <param name="name">"cpu" or "auto".</param>
    /// <param name="threads">CPU threads for "cpu" (null: every core); "auto" falling back to the CPU uses every core.</param>
    public static AudioDevice Create(string name, int? threads) => name.ToLowerInvariant() switch
    {
        "cpu" => new CpuDevice(threads),
        "auto" => GpuDevice.BestOrCpu(),
        _ => throw new CliException($"--device must be one of {string.Join(", ", Names)}, not '{name}'."),
    };
}
