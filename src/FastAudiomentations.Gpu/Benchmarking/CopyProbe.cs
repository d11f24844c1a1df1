using System.Diagnostics;
using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// Measures the device's memory-bandwidth ceiling in the benchmark's own process: a driver device-to-device
/// copy (cuMemcpy) and an ILGPU copy kernel laid out like the fused pass (256 threads x 8 coalesced lanes).
/// Bandwidth counts bytes read plus bytes written.
/// </summary>
public static class CopyProbe
{
    /// <summary>Driver copy and kernel copy bandwidth in GB/s (1e9 bytes/s), medians of <paramref name="repetitions"/>.</summary>
    public static (double DriverCopy, double KernelCopy) Measure(GpuDevice device, long floats = 128L << 20, int repetitions = 30)
    {
        ArgumentNullException.ThrowIfNull(device);
        Accelerator accelerator = device.Accelerator;
        AcceleratorStream stream = device.Stream;
        using MemoryBuffer1D<float, Stride1D.Dense> a = accelerator.Allocate1D<float>(floats);
        using MemoryBuffer1D<float, Stride1D.Dense> b = accelerator.Allocate1D<float>(floats);
        a.View.MemSetToZero(stream);
        b.View.MemSetToZero(stream);
        stream.Synchronize();
        Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int> kernel =
            accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, int>(LanesCopy);
        int group = device.Kernels.GroupSize;
        int chunk = group * Lanes.Count;
        var config = new KernelConfig((int)((floats + chunk - 1) / chunk), group);
        double bytes = 2.0 * floats * sizeof(float);

        var driver = new double[repetitions];
        var own = new double[repetitions];
        for (int i = -3; i < repetitions; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            ViewCopy.Copy<float>(stream, a.View, b.View);
            stream.Synchronize();
            long t1 = Stopwatch.GetTimestamp();
            kernel(stream, config, a.View, b.View, (int)floats);
            stream.Synchronize();
            long t2 = Stopwatch.GetTimestamp();
            if (i >= 0)
            {
                driver[i] = bytes / Stopwatch.GetElapsedTime(t0, t1).TotalSeconds / 1e9;
                own[i] = bytes / Stopwatch.GetElapsedTime(t1, t2).TotalSeconds / 1e9;
            }
        }

        return (Median(driver), Median(own));
    }

    internal static double Median(double[] values)
    {
        double[] sorted = [.. values];
        Array.Sort(sorted);
        return sorted.Length == 0 ? double.NaN : sorted[sorted.Length / 2];
    }

    private static void LanesCopy(ArrayView<float> source, ArrayView<float> target, int length)
    {
        int first = (Grid.IdxX * Group.DimX * Lanes.Count) + Group.IdxX;
        var lanes = default(Lanes);
        lanes.Load(source, first, Group.DimX, length);
        lanes.Store(target, first, Group.DimX, length);
    }
}
