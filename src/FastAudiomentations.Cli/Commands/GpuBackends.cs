using FastAudiomentations.Gpu;

namespace FastAudiomentations.Cli.Commands;

/// <summary>The --backend names of `fastaug bench` and `fastaug selftest`.</summary>
internal static class GpuBackends
{
    /// <summary>The backend a name stands for; null for an unknown name.</summary>
    public static GpuBackend? Parse(string name) => name.ToLowerInvariant() switch
    {
        "cuda" => GpuBackend.Cuda,
        "opencl" => GpuBackend.OpenCL,
        "cpu" => GpuBackend.CpuSimulator,
        _ => null,
    };

    /// <summary>The bundled noise file (next to the tool), used when --noise is not given.</summary>
    public static string BundledNoise => Path.Combine(AppContext.BaseDirectory, "Assets", "noise-44k.wav");

    /// <summary>The bundled recording, used when --clip is not given.</summary>
    public static string BundledClip => Path.Combine(AppContext.BaseDirectory, "Assets", "demo-44k.wav");
}
