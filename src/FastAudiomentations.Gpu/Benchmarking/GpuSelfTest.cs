using System.Globalization;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// Runs every transform (and the benchmark's chain) on each given GPU device and on the CPU device with the
/// same seed, and compares: what `fastaug selftest` prints.
/// </summary>
/// <remarks>
/// Pass: max |gpu - cpu| &lt;= <see cref="Bound"/> (or the case's <see cref="BenchmarkCase.SelfTestBound"/>) x max |cpu| over a batch of clips of different lengths, and
/// every padding sample zero. The unit tests state tighter bounds per transform; this is a quick health check
/// of a machine's driver and device.
/// </remarks>
public static class GpuSelfTest
{
    /// <summary>The pass bound on the normalised error.</summary>
    public const double Bound = 1e-4;

    /// <summary>Checks every case on every device; lines go to <paramref name="log"/>; <paramref name="soundsPath"/> feeds transforms that read files.</summary>
    public static IReadOnlyList<SelfTestResult> Run(IEnumerable<GpuDevice> devices, TextWriter? log = null, string? soundsPath = null) =>
        Run(devices, log, soundsPath, filter: null);

    /// <summary>
    /// Checks the cases whose name contains <paramref name="filter"/> (or one of its comma-separated parts,
    /// case-insensitive; null for all) on every device.
    /// </summary>
    public static IReadOnlyList<SelfTestResult> Run(IEnumerable<GpuDevice> devices, TextWriter? log, string? soundsPath, string? filter)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var results = new List<SelfTestResult>();
        var cases = new List<BenchmarkCase>();
        foreach (BenchmarkCase candidate in GpuBenchmark.DefaultCases(soundsPath))
        {
            if (GpuBenchmark.Matches(candidate.Name, filter))
            {
                cases.Add(candidate);
            }
        }

        using var cpu = new CpuDevice();
        foreach (GpuDevice device in devices)
        {
            int[] lengths = device.Backend == GpuBackend.CpuSimulator ? [3000, 1, 0, 2047] : [252_046, 100_003, 1, 0, 44_100, 65_536, 7, 131_071];
            float[][] clips = Clips(lengths);
            foreach (BenchmarkCase check in cases)
            {
                SelfTestResult result = Check(check, device, cpu, clips);
                results.Add(result);
                log?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(result.Passed ? "PASS" : "FAIL")}  {check.Name,-28} {device.Name,-32} error {result.NormalisedError:E2} {result.Detail}"));
            }
        }

        return results;
    }

    private static SelfTestResult Check(BenchmarkCase check, GpuDevice device, CpuDevice cpu, float[][] clips)
    {
        const int SampleRate = 44_100;
        try
        {
            using AudioBatch expected = cpu.Upload(clips, SampleRate);
            check.Pipeline.Apply(expected, seed: 2024, call: 3);
            using AudioBatch actual = device.Upload(clips, SampleRate);
            check.Pipeline.Apply(actual, seed: 2024, call: 3);
            var want = new float[expected.Rows * expected.Capacity];
            var got = new float[actual.Rows * actual.Capacity];
            expected.CopyTo(want);
            actual.CopyTo(got);
            double peak = 0, error = 0;
            bool paddingZero = true;
            for (int b = 0; b < clips.Length; b++)
            {
                for (int t = 0; t < expected.Capacity; t++)
                {
                    int i = (b * expected.Capacity) + t;
                    if (t >= clips[b].Length)
                    {
                        paddingZero &= got[i] == 0f;
                        continue;
                    }

                    peak = Math.Max(peak, Math.Abs(want[i]));
                    error = Math.Max(error, Math.Abs((double)got[i] - want[i]));
                }
            }

            double normalised = peak > 0 ? error / peak : error;
            bool passed = paddingZero && normalised <= check.SelfTestBound;
            string? detail = paddingZero ? (passed ? null : $"error above {check.SelfTestBound:E0}") : "non-zero padding";
            if (passed && !AllNative(device, check.Pipeline))
            {
                detail = "host fallback (no GPU kernel yet)";
            }

            return new SelfTestResult(check.Name, device.Name, passed, normalised, detail);
        }
        catch (NotSupportedException e)
        {
            return new SelfTestResult(check.Name, device.Name, false, double.NaN, e.Message);
        }
    }

    private static bool AllNative(GpuDevice device, Transform pipeline)
    {
        if (pipeline.Children.Count == 0)
        {
            return device.RunsNatively(pipeline);
        }

        foreach (Transform child in pipeline.Children)
        {
            if (!AllNative(device, child))
            {
                return false;
            }
        }

        return true;
    }

    private static float[][] Clips(int[] lengths)
    {
        var random = new System.Random(7);
        var clips = new float[lengths.Length][];
        for (int b = 0; b < lengths.Length; b++)
        {
            clips[b] = new float[lengths[b]];
            for (int t = 0; t < lengths[b]; t++)
            {
                clips[b][t] = (float)((random.NextDouble() * 2) - 1) * 0.5f;
            }
        }

        return clips;
    }
}
