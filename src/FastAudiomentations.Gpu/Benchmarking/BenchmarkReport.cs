using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>What a <see cref="GpuBenchmark"/> run measured.</summary>
public sealed class BenchmarkReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The GPU device's name.</summary>
    public required string GpuDevice { get; init; }

    /// <summary>The CPU device's name, or null when the CPU was not measured.</summary>
    public string? CpuDevice { get; init; }

    /// <summary>Samples per clip.</summary>
    public required int ClipSamples { get; init; }

    /// <summary>Driver device-to-device copy bandwidth, GB/s (read + write), measured in this process.</summary>
    public required double CopyGigabytesPerSecond { get; init; }

    /// <summary>An ILGPU copy kernel's bandwidth with the fused pass's layout, GB/s.</summary>
    public required double KernelCopyGigabytesPerSecond { get; init; }

    /// <summary>Every measured cell.</summary>
    public required IReadOnlyList<BenchmarkRow> Rows { get; init; }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes a fixed-width table: one line per case and batch size, GPU and CPU side by side.</summary>
    public void WriteTable(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CultureInfo inv = CultureInfo.InvariantCulture;
        writer.WriteLine(string.Create(inv, $"GPU: {GpuDevice}; copy {CopyGigabytesPerSecond:F0} GB/s (driver), {KernelCopyGigabytesPerSecond:F0} GB/s (ILGPU copy kernel); clip {ClipSamples} samples"));
        if (CpuDevice is not null)
        {
            writer.WriteLine(string.Create(inv, $"CPU: {CpuDevice}"));
        }

        writer.WriteLine("| case | B | GPU us/call | GPU kernel us | executor host us | async, events us/call | pipelined us/call | us/clip | GB/s (wall) | % of copy (kernel) | CPU us/call | CPU/GPU |");
        writer.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (BenchmarkRow gpu in Rows)
        {
            if (gpu.Device != GpuDevice)
            {
                continue;
            }

            BenchmarkRow? cpu = null;
            foreach (BenchmarkRow row in Rows)
            {
                if (row.Device != GpuDevice && row.Case == gpu.Case && row.BatchSize == gpu.BatchSize)
                {
                    cpu = row;
                }
            }

            if (gpu.Error is not null)
            {
                writer.WriteLine(string.Create(inv, $"| {gpu.Case} | {gpu.BatchSize} | {gpu.Error} | | | | | | | | {Cell(cpu?.MedianMicroseconds)} | |"));
                continue;
            }

            string ratio = cpu is null || cpu.Error is not null ? "" : (cpu.MedianMicroseconds / gpu.MedianMicroseconds).ToString("F1", inv);
            writer.WriteLine(string.Create(inv, $"| {gpu.Case}{(gpu.Note is null ? "" : $" ({gpu.Note})")} | {gpu.BatchSize} | {gpu.MedianMicroseconds:F1} | {Cell(gpu.MedianKernelMicroseconds)} | {Cell(gpu.MedianHostMicroseconds)} | {Cell(gpu.MedianEventMicroseconds)} | {Cell(gpu.PipelinedMicroseconds)} | {gpu.MicrosecondsPerClip:F2} | {gpu.GigabytesPerSecond:F0} | {Percent(gpu.CopyShare)} | {Cell(cpu?.Error is null ? cpu?.MedianMicroseconds : null)} | {ratio} |"));
        }
    }

    private static string Cell(double? value) => value is double v ? v.ToString("F1", CultureInfo.InvariantCulture) : "";

    private static string Percent(double? value) => value is double v ? (100 * v).ToString("F0", CultureInfo.InvariantCulture) + "%" : "";
}
