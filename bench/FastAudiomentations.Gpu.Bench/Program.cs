using System.Globalization;
using FastAudiomentations.Gpu;
using FastAudiomentations.Gpu.Bench;
using FastAudiomentations.Gpu.Benchmarking;

// The GPU benchmark and self-test as a small console program, until `fastaug bench` / `fastaug selftest` exist:
//   bench [--clip clip-44k.wav] [--noise noise-44k.wav] [--out dir] [--batches 1,16,64,128] [--reps 60] [--cpu-reps 5] [--no-cpu] [--filter Gain,Clip] [--backend cuda|cpu] [--single-pass-statistics]
//         [--iir-group 256] [--fir-group 256]   (filter kernels' group sizes, to compare)
//   selftest [--backend cuda|cpu|all] [--noise noise-44k.wav]
string command = args.Length > 0 ? args[0] : "bench";
string Option(string name, string fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

GpuBackend backend = Option("--backend", "cuda") == "cpu" ? GpuBackend.CpuSimulator : GpuBackend.Cuda;
if (command == "selftest")
{
    var devices = new List<GpuDevice>();
    foreach (GpuBackend kind in Option("--backend", "all") == "all" ? [GpuBackend.Cuda, GpuBackend.OpenCL, GpuBackend.CpuSimulator] : new[] { backend })
    {
        try
        {
            if (GpuDevice.IsAvailable(kind))
            {
                devices.Add(GpuDevice.Create(kind));
            }
            else
            {
                Console.WriteLine($"SKIP  no {kind} device");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException)
        {
            Console.WriteLine($"SKIP  {kind}: {e.Message}");
        }
    }

    IReadOnlyList<SelfTestResult> results = GpuSelfTest.Run(devices, Console.Out, Option("--noise", "") is { Length: > 0 } noise ? noise : null);
    int failed = results.Count(r => !r.Passed);
    Console.WriteLine($"selftest: {results.Count - failed} passed, {failed} failed");
    foreach (GpuDevice device in devices)
    {
        device.Dispose();
    }

    return failed == 0 ? 0 : 1;
}

(float[] clip, int rate) = WaveReader.ReadFirstChannel(Option("--clip", "clip-44k.wav"));
int[] batches = [.. Option("--batches", "1,16,64,128").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
using GpuDevice gpu = GpuDevice.Create(backend);
if (Option("--iir-group", "") is { Length: > 0 } iirGroup)
{
    gpu.Kernels.Filters.IirGroupSize = int.Parse(iirGroup, CultureInfo.InvariantCulture);
}

if (Option("--fir-group", "") is { Length: > 0 } firGroup)
{
    gpu.Kernels.Filters.FirGroupSize = int.Parse(firGroup, CultureInfo.InvariantCulture);
}

Console.WriteLine($"filter kernels: IIR {gpu.Kernels.Filters.IirGroupSize} threads per tile, FIR {gpu.Kernels.Filters.FirGroupSize} threads per tile");
gpu.SinglePassStatistics = args.Contains("--single-pass-statistics");
var options = new BenchmarkOptions
{
    Clip = clip,
    SampleRate = rate,
    BatchSizes = batches,
    GpuRepetitions = int.Parse(Option("--reps", "60"), CultureInfo.InvariantCulture),
    CpuRepetitions = int.Parse(Option("--cpu-reps", "5"), CultureInfo.InvariantCulture),
    IncludeCpu = !args.Contains("--no-cpu"),
    Filter = Option("--filter", "") is { Length: > 0 } f ? f : null,
    SoundsPath = Option("--noise", "") is { Length: > 0 } sounds ? sounds : null,
};
BenchmarkReport report = new GpuBenchmark(gpu, options).Run(Console.Out);
Console.WriteLine();
report.WriteTable(Console.Out);
string output = Option("--out", "");
if (output.Length > 0)
{
    Directory.CreateDirectory(output);
    File.WriteAllText(Path.Combine(output, "gpu-bench.json"), report.ToJson());
}

return 0;
