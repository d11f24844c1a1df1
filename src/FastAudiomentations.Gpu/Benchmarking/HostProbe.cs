using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// The host's floor under a small call on CUDA (FASTAUG_HOST_PROBE=1, before the benchmark's cells): the median host time
/// of each driver operation a call makes (a synchronise on an idle stream, an empty kernel's launch, a small pinned copy),
/// through ILGPU and straight through the driver, and the round trips of the call's skeleton (copy, launch, synchronise).
/// </summary>
/// <remarks>Each figure is the median of <see cref="Repetitions"/> timings after as many warm-up ones; one line each.</remarks>
internal static unsafe partial class HostProbe
{
    private const int Repetitions = 2000;

    private static readonly delegate* unmanaged<nint, nint, void*, int> GraphExecUpdate = (delegate* unmanaged<nint, nint, void*, int>)CudaDriver.Export("cuGraphExecUpdate_v2");

    /// <summary>Runs every probe on <paramref name="device"/>'s stream; lines go to <paramref name="log"/>.</summary>
    public static void Run(GpuDevice device, TextWriter log)
    {
        if (device.Backend != GpuBackend.Cuda || !CudaDriver.Available || device.Stream is not CudaStream cudaStream)
        {
            log.WriteLine("host probe: CUDA driver not available");
            return;
        }

        Accelerator accelerator = device.Accelerator;
        AcceleratorStream stream = device.Stream;
        nint streamPtr = cudaStream.StreamPtr;
        Action<AcceleratorStream, KernelConfig, ArrayView<int>> empty = accelerator.LoadKernel<ArrayView<int>>(Empty);
        nint function = ((CudaKernel)KernelUtil.GetKernel(empty)).FunctionPtr;
        using PageLockedArray1D<int> host = accelerator.AllocatePageLocked1D<int>(1024);
        using MemoryBuffer1D<int, Stride1D.Dense> deviceInts = accelerator.Allocate1D<int>(1024);
        ArrayView<int> view = deviceInts.View;
        ArrayView<int> small = view.SubView(0, 64);
        void* hostPtr = Unsafe.AsPointer(ref MemoryMarshal.GetReference(host.Span));
        ulong devicePtr = (ulong)view.LoadEffectiveAddressAsPtr();
        // Kernel parameters for the raw launch: pointers to zeros, as many as any kernel here takes (the empty kernel
        // reads a zero-length view and writes nothing).
        byte* zeros = stackalloc byte[256];
        new Span<byte>(zeros, 256).Clear();
        void** parameters = stackalloc void*[8];
        for (int i = 0; i < 8; i++)
        {
            parameters[i] = zeros;
        }

        var one = new KernelConfig(1, 32);
        var wide = new KernelConfig(246, 256);
        stream.Synchronize();
        log.WriteLine("host probe (median us over " + Repetitions + " calls; enqueue = host time of the call, total = enqueue to synchronised):");
        Report(log, "ILGPU Synchronize, idle stream", Time(() => stream.Synchronize()));
        Report(log, "cuStreamSynchronize, idle stream", Time(() => CudaDriver.StreamSynchronize(streamPtr)));
        Report(log, "cuStreamQuery, idle stream", Time(() => CudaDriver.StreamQuery(streamPtr)));
        Report(log, "Stopwatch.GetTimestamp", Time(() => Stopwatch.GetTimestamp()));
        Report(log, "ILGPU launch, empty 1x32 (enqueue)", Time(() => empty(stream, one, small), () => stream.Synchronize()));
        Report(log, "cuLaunchKernel, empty 1x32 (enqueue)", Time(() => CudaDriver.LaunchKernel(function, 1, 1, 1, 32, 1, 1, 0, streamPtr, parameters, null), () => stream.Synchronize()));
        Report(log, "ILGPU launch, empty 246x256 (enqueue)", Time(() => empty(stream, wide, small), () => stream.Synchronize()));
        Report(log, "ILGPU copy 256 B pinned H2D (enqueue)", Time(() => ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small), () => stream.Synchronize()));
        Report(log, "cuMemcpyHtoDAsync 256 B (enqueue)", Time(() => CudaDriver.MemcpyHtoDAsync(devicePtr, hostPtr, 256, streamPtr), () => stream.Synchronize()));
        Report(log, "ILGPU copy 16 KB pinned H2D (enqueue)", Time(() => ViewCopy.Copy(stream, host.ArrayView.SubView(0, 1024), view), () => stream.Synchronize()));
        Report(log, "ILGPU profiling marker pair", Time(() =>
        {
            using ProfilingMarker a = stream.AddProfilingMarker();
            using ProfilingMarker b = stream.AddProfilingMarker();
            stream.Synchronize();
            _ = b.MeasureFrom(a);
        }));
        Report(log, "round trip: launch + ILGPU sync", Time(() =>
        {
            empty(stream, one, small);
            stream.Synchronize();
        }));
        Report(log, "round trip: launch + cuStreamSynchronize", Time(() =>
        {
            empty(stream, one, small);
            CudaDriver.StreamSynchronize(streamPtr);
        }));
        Report(log, "round trip: launch + spin cuStreamQuery", Time(() =>
        {
            empty(stream, one, small);
            Spin(streamPtr);
        }));
        Report(log, "round trip: copy + launch + ILGPU sync", Time(() =>
        {
            ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small);
            empty(stream, one, small);
            stream.Synchronize();
        }));
        Report(log, "round trip: copy + launch + spin", Time(() =>
        {
            ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small);
            empty(stream, one, small);
            Spin(streamPtr);
        }));
        Report(log, "round trip: copy + 2 launches + ILGPU sync", Time(() =>
        {
            ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small);
            empty(stream, one, small);
            empty(stream, one, small);
            stream.Synchronize();
        }));
        Report(log, "round trip: copy + 3 launches + ILGPU sync", Time(() =>
        {
            ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small);
            empty(stream, one, small);
            empty(stream, one, small);
            empty(stream, one, small);
            stream.Synchronize();
        }));
        Report(log, "round trip: 246x256 launch + ILGPU sync", Time(() =>
        {
            empty(stream, wide, small);
            stream.Synchronize();
        }));

        // The stream's kind: ILGPU's (flags printed), then explicitly non-blocking and blocking (CU_STREAM_NON_BLOCKING
        // = 1 skips the implicit ordering behind the legacy default stream).
        var getFlags = (delegate* unmanaged<nint, uint*, int>)CudaDriver.Export("cuStreamGetFlags");
        uint flags = uint.MaxValue;
        if (getFlags != null)
        {
            _ = getFlags(streamPtr, &flags);
        }

        log.WriteLine($"  device stream flags: {flags}");
        var cudaAccelerator = (CudaAccelerator)accelerator;
        foreach (StreamFlags kind in new[] { StreamFlags.CU_STREAM_NON_BLOCKING, StreamFlags.CU_STREAM_DEFAULT })
        {
            using CudaStream other = cudaAccelerator.CreateStream(kind);
            Report(log, $"{kind}: launch (enqueue)", Time(() => empty(other, one, small), () => other.Synchronize()));
            Report(log, $"{kind}: copy + launch + sync", Time(() =>
            {
                ViewCopy.Copy(other, host.ArrayView.SubView(0, 64), small);
                empty(other, one, small);
                other.Synchronize();
            }));
            Report(log, $"{kind}: copy + 2 launches + sync", Time(() =>
            {
                ViewCopy.Copy(other, host.ArrayView.SubView(0, 64), small);
                empty(other, one, small);
                empty(other, one, small);
                other.Synchronize();
            }));
        }

        // The fused kernel's signature (seven views and the pass struct) on an empty body: what its arguments add to a launch.
        var fused = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, FusedPass>(EmptyFused);
        ArrayView<float> floats = view.Cast<float>();
        var pass = default(FusedPass);
        Report(log, "ILGPU launch, empty, fused signature (enqueue)", Time(() => fused(stream, one, floats, small, floats, floats, floats, floats, small, pass), () => stream.Synchronize()));

        // One CUDA graph for the skeleton (captured once, replayed): copy + 1, 2 or 3 launches in one driver call.
        bool graphs = CudaDriver.GraphsAvailable && GraphExecUpdate != null;
        for (int launches = 1; launches <= 3 && graphs; launches++)
        {
            nint graph = Capture(streamPtr, () =>
            {
                ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small);
                for (int i = 0; i < launches; i++)
                {
                    empty(stream, one, small);
                }
            });
            if (graph == 0)
            {
                log.WriteLine("  graph capture not available");
                break;
            }

            Report(log, $"graph: copy + {launches} launch(es), cuGraphLaunch + sync", Time(() => GraphLaunch(graph, streamPtr), () => stream.Synchronize()));

            // Per call: capture the same work again (new arguments would go in here), update the instantiated graph to
            // it, launch it: what a call would pay to replay a graph whose kernel arguments change from call to call.
            int count = launches;
            Report(log, $"graph: capture + update + launch, copy + {count} launch(es)", Time(
                () =>
                {
                    nint captured = CaptureGraph(streamPtr, () =>
                    {
                        ViewCopy.Copy(stream, host.ArrayView.SubView(0, 64), small);
                        for (int i = 0; i < count; i++)
                        {
                            empty(stream, one, small);
                        }
                    });
                    Update(graph, captured);
                    GraphLaunch(graph, streamPtr);
                },
                () => stream.Synchronize()));
        }

        MappedTable(device, log);
    }

    /// <summary>cuGraphExecUpdate_v2 of <paramref name="exec"/> to <paramref name="graph"/> (same topology), then destroys the graph.</summary>
    private static void Update(nint exec, nint graph)
    {
        byte* info = stackalloc byte[64];
        CudaDriver.Check(GraphExecUpdate(exec, graph, info), "cuGraphExecUpdate");
        CudaDriver.Check(CudaDriver.GraphDestroy(graph), "cuGraphDestroy");
    }

    /// <summary>Captures what <paramref name="enqueue"/> puts on the stream into a graph, not instantiated (0 if capture cannot start).</summary>
    private static nint CaptureGraph(nint stream, Action enqueue)
    {
        const int Relaxed = 2; // CU_STREAM_CAPTURE_MODE_RELAXED
        if (CudaDriver.StreamBeginCapture(stream, Relaxed) != CudaDriver.Success)
        {
            return 0;
        }

        nint graph;
        try
        {
            enqueue();
        }
        finally
        {
            // Always leave capture mode, or the stream stays unusable.
            CudaDriver.Check(CudaDriver.StreamEndCapture(stream, &graph), "cuStreamEndCapture");
        }

        return graph;
    }

    /// <summary>Captures what <paramref name="enqueue"/> puts on the stream into an instantiated graph (0 if capture cannot start).</summary>
    private static nint Capture(nint stream, Action enqueue)
    {
        nint graph = CaptureGraph(stream, enqueue);
        if (graph == 0)
        {
            return 0;
        }

        nint exec;
        CudaDriver.Check(CudaDriver.GraphInstantiate(&exec, graph, 0), "cuGraphInstantiateWithFlags");
        CudaDriver.Check(CudaDriver.GraphDestroy(graph), "cuGraphDestroy");
        return exec;
    }

    private static void GraphLaunch(nint exec, nint stream) => CudaDriver.Check(CudaDriver.GraphLaunch(exec, stream), "cuGraphLaunch");

    /// <summary>Does nothing, with the fused kernel's parameters.</summary>
    private static void EmptyFused(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partialsIn, ArrayView<float> partialsOut, ArrayView<float> resident, ArrayView<int> published, FusedPass pass)
    {
        if (ints.Length > (1L << 40))
        {
            samples[0] = pass.OpCount + floats[0] + partialsIn[0] + partialsOut[0] + resident[0] + published[0];
        }
    }

    /// <summary>Does nothing (a zero-length view is never written): the launch's cost alone.</summary>
    private static void Empty(ArrayView<int> data)
    {
        if (data.Length > (1L << 40))
        {
            data[0] = 1;
        }
    }

    private static void Spin(nint stream)
    {
        while (CudaDriver.StreamQuery(stream) == CudaDriver.NotReady)
        {
        }
    }

    /// <summary>Median host time of <paramref name="action"/>, and of it with <paramref name="after"/> (untimed apart) when given.</summary>
    private static (double Enqueue, double Total) Time(Action action, Action? after = null)
    {
        var enqueue = new double[Repetitions];
        var total = new double[Repetitions];
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < Repetitions; i++)
            {
                long start = Stopwatch.GetTimestamp();
                action();
                long queued = Stopwatch.GetTimestamp();
                after?.Invoke();
                long end = Stopwatch.GetTimestamp();
                enqueue[i] = (queued - start) * 1e6 / Stopwatch.Frequency;
                total[i] = (end - start) * 1e6 / Stopwatch.Frequency;
            }
        }

        return (CopyProbe.Median(enqueue), CopyProbe.Median(total));
    }

    private static void Report(TextWriter log, string name, (double Enqueue, double Total) time) =>
        log.WriteLine($"  {name,-44} enqueue {time.Enqueue,7:F2}  total {time.Total,7:F2}");
}
