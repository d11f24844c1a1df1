using System.Text.Json;
using FastAudiomentations.Gpu;

namespace FastAudiomentations.Cli.Tests;

/// <summary>`fastaug bench` and `fastaug selftest`, run on ILGPU's CPU accelerator (present everywhere) with tiny inputs.</summary>
public sealed class GpuCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Bench_PrintsATableRowPerCaseAndBatch_AndWritesTheJson()
    {
        string clip = _folder["clip.wav"];
        var random = new System.Random(3);
        float[] samples = [.. Enumerable.Range(0, 3000).Select(_ => (float)((random.NextDouble() * 2) - 1) * 0.5f)];
        AudioFile.WriteWav(clip, new AudioData([samples], 16_000), WavSampleFormat.Float32);
        (int code, string text) = CliRun.Run(
            "bench", "--backend", "cpu", "--clip", clip, "--batches", "1,2", "--reps", "2", "--cpu-reps", "1",
            "--warmup-ms", "0", "--rounds", "3", "--filter", "Gain,Reverse", "--out", _folder["out"]);
        Assert.Equal(0, code);
        Assert.Contains("| Gain | 1 |", text, StringComparison.Ordinal);
        Assert.Contains("| Reverse | 2 |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("| Clip |", text, StringComparison.Ordinal);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(_folder["out/gpu-bench.json"]));
        // Two cases x two batch sizes, on the GPU device and on the CPU device.
        Assert.Equal(8, json.RootElement.GetProperty("Rows").GetArrayLength());
        Assert.Equal(3000, json.RootElement.GetProperty("ClipSamples").GetInt32());
    }

    [Fact]
    public void SelfTest_PassesTheFilteredTransforms_OnTheCpuAccelerator()
    {
        (int code, string text) = CliRun.Run("selftest", "--backend", "cpu", "--filter", "Gain,Normalize");
        Assert.Equal(0, code);
        Assert.Contains("PASS  Gain", text, StringComparison.Ordinal);
        Assert.Contains("PASS  Normalize", text, StringComparison.Ordinal);
        Assert.Contains("selftest: 2 passed, 0 failed", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bench", "--backend", "tpu")]
    [InlineData("selftest", "--backend", "tpu")]
    [InlineData("bench", "--batches", "0,16")]
    [InlineData("bench", "--warmup-ms", "-1")]
    [InlineData("bench", "--rounds", "0")]
    public void BadArguments_AreInvalidUsage(params string[] args) => Assert.Equal(2, CliRun.Run(args).ExitCode);

    [Fact]
    public void NoCudaDevice_IsInvalidUsage_WithAMessage()
    {
        Assert.SkipWhen(GpuDevice.IsAvailable(GpuBackend.Cuda), "This machine has a CUDA device.");
        (int code, string text) = CliRun.Run("selftest", "--backend", "cuda");
        Assert.Equal(2, code);
        Assert.Contains("No GPU device to test", text, StringComparison.Ordinal);
    }
}
