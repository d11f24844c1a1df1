using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastAudiomentations.Gpu.Execution;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// What the copy of a small call's parameter table costs inside its graph, and the ways around it measured in session 12
/// (bench/gpu-notes.md, runs 142-144): kernels reading the table straight from page-locked host memory mapped into the
/// device's address space; one group fetching it for the kernel after it; a one-group kernel that takes the table as its
/// by-value parameter, set in the instantiated graph each call; group 0 of the kernel fetching it for the others behind a
/// flag; the copy on a branch of the graph beside the kernel. Each is a graph timed by events, as the benchmark times calls.
/// Run 150 also timed a fetch kernel with the reader as its programmatic dependent (Hopper's PDL; commit ebda9c9 holds
/// that probe, which raised ILGPU's PTX target to sm_90 for griddepcontrol): no better than the flag.
/// </summary>
internal static unsafe partial class HostProbe
{
    private const int ClipSamples = 252_046;

    private static readonly delegate* unmanaged<void**, nuint, uint, int> MemHostAlloc = (delegate* unmanaged<void**, nuint, uint, int>)CudaDriver.Export("cuMemHostAlloc");
    private static readonly delegate* unmanaged<ulong*, void*, uint, int> MemHostGetDevicePointer = (delegate* unmanaged<ulong*, void*, uint, int>)CudaDriver.Export("cuMemHostGetDevicePointer_v2");
    private static readonly delegate* unmanaged<void*, int> MemFreeHost = (delegate* unmanaged<void*, int>)CudaDriver.Export("cuMemFreeHost");

    private static void MappedTable(GpuDevice device, TextWriter log)
    {
        if (MemHostAlloc == null || MemHostGetDevicePointer == null || MemFreeHost == null || !CudaDriver.EventsAvailable || !CudaDriver.GraphsAvailable)
        {
            log.WriteLine("mapped table probe: driver entry points missing");
            return;
        }

        Accelerator accelerator = device.Accelerator;
        AcceleratorStream stream = device.Stream;
        nint streamPtr = ((CudaStream)stream).StreamPtr;
        const int TableWords = 1024;
        void* mappedOut;
        CudaDriver.Check(MemHostAlloc(&mappedOut, TableWords * sizeof(int), 0x01 | 0x02), "cuMemHostAlloc"); // PORTABLE | DEVICEMAP
        void* mapped = mappedOut;
        ulong mappedOutDevice;
        CudaDriver.Check(MemHostGetDevicePointer(&mappedOutDevice, mapped, 0), "cuMemHostGetDevicePointer");
        ulong mappedDevice = mappedOutDevice;
        using PageLockedArray1D<int> ilgpuPinned = accelerator.AllocatePageLocked1D<int>(TableWords);
        void* ilgpuHost = Unsafe.AsPointer(ref MemoryMarshal.GetReference(ilgpuPinned.Span));
        ulong ilgpuOutDevice;
        int ilgpuMapped = MemHostGetDevicePointer(&ilgpuOutDevice, ilgpuHost, 0);
        ulong ilgpuDevice = ilgpuOutDevice;
        log.WriteLine($"mapped table probe: cuMemHostAlloc host {(ulong)mapped:X} device {mappedDevice:X}; ILGPU's page-locked array: result {ilgpuMapped}, host {(ulong)ilgpuHost:X} device {ilgpuDevice:X}");

        var table = new Span<int>(mapped, TableWords);
        table.Clear();
        table[0] = BitConverter.SingleToInt32Bits(1f);
                table.CopyTo(ilgpuPinned.Span);

        using MemoryBuffer1D<int, Stride1D.Dense> deviceTable = accelerator.Allocate1D<int>(TableWords);
        using MemoryBuffer1D<float, Stride1D.Dense> clip = accelerator.Allocate1D<float>(ClipSamples);
        using MemoryBuffer1D<int, Stride1D.Dense> sink = accelerator.Allocate1D<int>(1024);
        clip.MemSetToZero(stream);
        deviceTable.MemSetToZero(stream);
        stream.Synchronize();
        ulong deviceTablePtr = (ulong)((ArrayView<int>)deviceTable.View).LoadEffectiveAddressAsPtr();

        nint readTable = Function(accelerator.LoadKernel<ArrayView<int>, ArrayView<int>, int>(ReadTable));
        nint scaleByTable = Function(accelerator.LoadKernel<ArrayView<int>, ArrayView<float>, int>(ScaleByTable));
        var sinkView = new ViewParameter((ulong)((ArrayView<int>)sink.View).LoadEffectiveAddressAsPtr(), 1024);
        var clipView = new ViewParameter((ulong)((ArrayView<float>)clip.View).LoadEffectiveAddressAsPtr(), ClipSamples);
        uint clipBlocks = (uint)((ClipSamples + 1023) / 1024);

        nint start, end;
        CudaDriver.Check(CudaDriver.EventCreate(&start, 0), "cuEventCreate");
        CudaDriver.Check(CudaDriver.EventCreate(&end, 0), "cuEventCreate");
        log.WriteLine("  (events around one cuGraphLaunch on an idle stream, median us; as the benchmark's events column)");
        foreach (int words in new[] { 32, 256 })
        {
            foreach (uint blocks in new uint[] { 1, 247 })
            {
                string shape = $"{blocks}x256, {words} words";
                Report2(log, $"graph: copy + read table ({shape})", Events(start, end, streamPtr, Capture(streamPtr, () =>
                {
                    CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(deviceTablePtr, mapped, (nuint)(words * sizeof(int)), streamPtr), "cuMemcpyHtoDAsync");
                    Launch(readTable, blocks, streamPtr, new ViewParameter(deviceTablePtr, TableWords), sinkView, words);
                })));
                Report2(log, $"graph: read device table, no copy ({shape})", Events(start, end, streamPtr, Capture(streamPtr, () =>
                    Launch(readTable, blocks, streamPtr, new ViewParameter(deviceTablePtr, TableWords), sinkView, words))));
                Report2(log, $"graph: read mapped table ({shape})", Events(start, end, streamPtr, Capture(streamPtr, () =>
                    Launch(readTable, blocks, streamPtr, new ViewParameter(mappedDevice, TableWords), sinkView, words))));
            }

            Report2(log, $"graph: copy + gain-like clip pass ({words} words)", Events(start, end, streamPtr, Capture(streamPtr, () =>
            {
                CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(deviceTablePtr, mapped, (nuint)(words * sizeof(int)), streamPtr), "cuMemcpyHtoDAsync");
                Launch(scaleByTable, clipBlocks, streamPtr, new ViewParameter(deviceTablePtr, TableWords), clipView, words);
            })));
            Report2(log, $"graph: gain-like clip pass, mapped table ({words} words)", Events(start, end, streamPtr, Capture(streamPtr, () =>
                Launch(scaleByTable, clipBlocks, streamPtr, new ViewParameter(mappedDevice, TableWords), clipView, words))));
            if (ilgpuMapped == CudaDriver.Success)
            {
                Report2(log, $"graph: gain-like clip pass, ILGPU pinned table ({words} words)", Events(start, end, streamPtr, Capture(streamPtr, () =>
                    Launch(scaleByTable, clipBlocks, streamPtr, new ViewParameter(ilgpuDevice, TableWords), clipView, words))));
            }
        }

        Staging(log, start, end, streamPtr, accelerator, readTable, mapped, mappedDevice, deviceTablePtr, sinkView);
        Overlap(log, start, end, streamPtr, accelerator, mapped, mappedDevice, deviceTablePtr, clipView, clipBlocks);
        float[] check = clip.GetAsArray1D();
        log.WriteLine($"  clip after the passes: max |x| = {check.Max(Math.Abs)} (0 expected: zeros times the table's 1.0)");
        CudaDriver.Check(CudaDriver.EventDestroy(start), "cuEventDestroy");
        CudaDriver.Check(CudaDriver.EventDestroy(end), "cuEventDestroy");
        CudaDriver.Check(MemFreeHost(mapped), "cuMemFreeHost");
    }

    private static nint Function(Delegate kernel) => ((CudaKernel)KernelUtil.GetKernel(kernel)).FunctionPtr;

    /// <summary>A raw launch of a kernel taking (view, view, int): ILGPU passes a view as its address and its length.</summary>
    private static void Launch(nint function, uint blocks, nint stream, ViewParameter first, ViewParameter second, int words)
    {
        void** parameters = stackalloc void*[3];
        parameters[0] = &first;
        parameters[1] = &second;
        parameters[2] = &words;
        CudaDriver.Check(CudaDriver.LaunchKernel(function, blocks, 1, 1, 256, 1, 1, 0, stream, parameters, null), "cuLaunchKernel");
    }

    /// <summary>
    /// Median device microseconds between events recorded around one launch of <paramref name="exec"/>, after
    /// <paramref name="beforeLaunch"/>(repetition) inside the events where given (host work a call does before its launch);
    /// destroys the graph unless told not to.
    /// </summary>
    private static double Events(nint start, nint end, nint stream, nint exec, Action<int>? beforeLaunch = null, bool destroy = true)
    {
        var times = new double[Repetitions];
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < Repetitions; i++)
            {
                CudaDriver.Check(CudaDriver.EventRecord(start, stream), "cuEventRecord");
                beforeLaunch?.Invoke(i);
                GraphLaunch(exec, stream);
                CudaDriver.Check(CudaDriver.EventRecord(end, stream), "cuEventRecord");
                CudaDriver.Check(CudaDriver.EventSynchronize(end), "cuEventSynchronize");
                float milliseconds;
                CudaDriver.Check(CudaDriver.EventElapsedTime(&milliseconds, start, end), "cuEventElapsedTime");
                times[i] = milliseconds * 1000.0;
            }
        }

        if (destroy)
        {
            CudaDriver.Check(CudaDriver.GraphExecDestroy(exec), "cuGraphExecDestroy");
        }

        return CopyProbe.Median(times);
    }

    private static void Report2(TextWriter log, string name, double events) => log.WriteLine($"  {name,-58} events {events,7:F2}");

    /// <summary>Each block's threads read the table's first <paramref name="words"/> words (a kernel's parameter loads).</summary>
    private static void ReadTable(ArrayView<int> table, ArrayView<int> sink, int words)
    {
        int sum = 0;
        for (int i = Group.IdxX; i < words; i += Group.DimX)
        {
            sum += table[i];
        }

        if (sum == int.MaxValue)
        {
            sink[Grid.IdxX] = sum;
        }
    }

    /// <summary>Gain's shape: each thread loads 4 samples, then the table's words, and writes the samples times table[0].</summary>
    private static void ScaleByTable(ArrayView<int> table, ArrayView<float> clip, int words) =>
        WriteScaled(table, clip, words, FourSamples.Load(clip));

    /// <summary>Sums the table's words past the first (the loads a kernel's parameters cost) and writes the samples times table[0] (1.0, so the clip keeps its zeros).</summary>
    private static void WriteScaled(ArrayView<int> table, ArrayView<float> clip, int words, FourSamples samples)
    {
        int sum = 0;
        for (int i = Group.IdxX + 1; i < words; i += Group.DimX)
        {
            sum += table[i];
        }

        samples.Store(clip, Interop.IntAsFloat((uint)(table[0] + sum)));
    }

    /// <summary>A thread's four samples of the gain-like pass: group g's 1,024 samples, thread t's at t, t + 256, t + 512, t + 768.</summary>
    private struct FourSamples
    {
        public int First;
        public float A, B, C, D;

        /// <summary>Loads the calling thread's samples (zeros past the clip).</summary>
        public static FourSamples Load(ArrayView<float> clip)
        {
            int first = (Grid.IdxX * 1024) + Group.IdxX;
            return new FourSamples
            {
                First = first,
                A = first < clip.Length ? clip[first] : 0f,
                B = first + 256 < clip.Length ? clip[first + 256] : 0f,
                C = first + 512 < clip.Length ? clip[first + 512] : 0f,
                D = first + 768 < clip.Length ? clip[first + 768] : 0f,
            };
        }

        /// <summary>Writes the samples times <paramref name="scale"/> where they lie in the clip.</summary>
        public readonly void Store(ArrayView<float> clip, float scale)
        {
            if (First < clip.Length)
            {
                clip[First] = A * scale;
            }

            if (First + 256 < clip.Length)
            {
                clip[First + 256] = B * scale;
            }

            if (First + 512 < clip.Length)
            {
                clip[First + 512] = C * scale;
            }

            if (First + 768 < clip.Length)
            {
                clip[First + 768] = D * scale;
            }
        }
    }

    /// <summary>A view as ILGPU passes it to a kernel: its address, then its length.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct ViewParameter(ulong address, long length)
    {
        public readonly ulong Address = address;
        public readonly long Length = length;
    }
}
