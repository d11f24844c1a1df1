using System.Runtime.InteropServices;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// A few CUDA driver entry points called directly (unmanaged function pointers, no marshalling), for the executor's
/// table copy, the side stream's waits (<see cref="SideStreamCopy"/>), the events of asynchronous calls (<see cref="CallRing"/>) and the benchmark's probes: ILGPU wraps each driver call in a context binding and its own checks
/// (0.6 us on a copy, nothing measurable on a launch: bench/gpu-notes.md, host-b1 runs 1-2).
/// </summary>
/// <remarks>Null pointers when the driver library is absent (<see cref="Available"/> false): callers keep ILGPU's path.</remarks>
internal static unsafe class CudaDriver
{
    /// <summary>CUDA_SUCCESS.</summary>
    public const int Success = 0;

    /// <summary>CUDA_ERROR_NOT_READY (cuStreamQuery on a stream with work pending).</summary>
    public const int NotReady = 600;

    static CudaDriver()
    {
        if (!NativeLibrary.TryLoad(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1", out nint library))
        {
            return;
        }

        Library = library;

        StreamSynchronize = (delegate* unmanaged<nint, int>)Export(library, "cuStreamSynchronize");
        StreamQuery = (delegate* unmanaged<nint, int>)Export(library, "cuStreamQuery");
        MemcpyHtoDAsync = (delegate* unmanaged<ulong, void*, nuint, nint, int>)Export(library, "cuMemcpyHtoDAsync_v2");
        LaunchKernel = (delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int>)Export(library, "cuLaunchKernel");
        StreamWaitEvent = (delegate* unmanaged<nint, nint, uint, int>)Export(library, "cuStreamWaitEvent");
        StreamBeginCapture = (delegate* unmanaged<nint, int, int>)Export(library, "cuStreamBeginCapture_v2");
        StreamEndCapture = (delegate* unmanaged<nint, nint*, int>)Export(library, "cuStreamEndCapture");
        GraphInstantiate = (delegate* unmanaged<nint*, nint, ulong, int>)Export(library, "cuGraphInstantiateWithFlags");
        GraphLaunch = (delegate* unmanaged<nint, nint, int>)Export(library, "cuGraphLaunch");
        GraphDestroy = (delegate* unmanaged<nint, int>)Export(library, "cuGraphDestroy");
        GraphExecDestroy = (delegate* unmanaged<nint, int>)Export(library, "cuGraphExecDestroy");
        EventCreate = (delegate* unmanaged<nint*, uint, int>)Export(library, "cuEventCreate");
        EventRecord = (delegate* unmanaged<nint, nint, int>)Export(library, "cuEventRecord");
        EventSynchronize = (delegate* unmanaged<nint, int>)Export(library, "cuEventSynchronize");
        EventQuery = (delegate* unmanaged<nint, int>)Export(library, "cuEventQuery");
        EventElapsedTime = (delegate* unmanaged<float*, nint, nint, int>)Export(library, "cuEventElapsedTime");
        EventDestroy = (delegate* unmanaged<nint, int>)Export(library, "cuEventDestroy_v2");
        FuncSetAttribute = (delegate* unmanaged<nint, int, int, int>)Export(library, "cuFuncSetAttribute");
        EventsAvailable = EventCreate != null && EventRecord != null && EventSynchronize != null && EventElapsedTime != null && EventDestroy != null;
        GraphsAvailable = StreamBeginCapture != null && StreamEndCapture != null && GraphInstantiate != null && GraphLaunch != null && GraphDestroy != null && GraphExecDestroy != null;
        Available = StreamSynchronize != null && StreamQuery != null && MemcpyHtoDAsync != null && LaunchKernel != null;
    }

    /// <summary>cuFuncSetAttribute(function, attribute, value) (null where the driver lacks it).</summary>
    public static delegate* unmanaged<nint, int, int, int> FuncSetAttribute { get; }

    /// <summary>The driver library's handle (0 when absent).</summary>
    private static nint Library { get; }

    /// <summary>True when every entry point below was found.</summary>
    public static bool Available { get; }

    /// <summary>cuStreamSynchronize(stream).</summary>
    public static delegate* unmanaged<nint, int> StreamSynchronize { get; }

    /// <summary>cuStreamQuery(stream).</summary>
    public static delegate* unmanaged<nint, int> StreamQuery { get; }

    /// <summary>cuMemcpyHtoDAsync_v2(device pointer, host pointer, bytes, stream).</summary>
    public static delegate* unmanaged<ulong, void*, nuint, nint, int> MemcpyHtoDAsync { get; }

    /// <summary>cuLaunchKernel(function, grid x/y/z, block x/y/z, shared bytes, stream, kernel params, extra).</summary>
    public static delegate* unmanaged<nint, uint, uint, uint, uint, uint, uint, uint, nint, void**, void**, int> LaunchKernel { get; }

    /// <summary>cuStreamWaitEvent(stream, event, flags): ILGPU has events but no way to make a stream wait for one (null when absent).</summary>
    public static delegate* unmanaged<nint, nint, uint, int> StreamWaitEvent { get; }

    /// <summary>True when the event entry points below were found.</summary>
    public static bool EventsAvailable { get; }

    /// <summary>cuEventCreate(event out, flags).</summary>
    public static delegate* unmanaged<nint*, uint, int> EventCreate { get; }

    /// <summary>cuEventRecord(event, stream).</summary>
    public static delegate* unmanaged<nint, nint, int> EventRecord { get; }

    /// <summary>cuEventSynchronize(event).</summary>
    public static delegate* unmanaged<nint, int> EventSynchronize { get; }

    /// <summary>cuEventQuery(event): <see cref="Success"/> once the work before the event has finished (null when absent).</summary>
    public static delegate* unmanaged<nint, int> EventQuery { get; }

    /// <summary>cuEventElapsedTime(milliseconds out, start, end).</summary>
    public static delegate* unmanaged<float*, nint, nint, int> EventElapsedTime { get; }

    /// <summary>cuEventDestroy_v2(event).</summary>
    public static delegate* unmanaged<nint, int> EventDestroy { get; }

    /// <summary>True when the graph entry points below were found.</summary>
    public static bool GraphsAvailable { get; }

    /// <summary>cuStreamBeginCapture_v2(stream, mode).</summary>
    public static delegate* unmanaged<nint, int, int> StreamBeginCapture { get; }

    /// <summary>cuStreamEndCapture(stream, graph out).</summary>
    public static delegate* unmanaged<nint, nint*, int> StreamEndCapture { get; }

    /// <summary>cuGraphInstantiateWithFlags(exec out, graph, flags).</summary>
    public static delegate* unmanaged<nint*, nint, ulong, int> GraphInstantiate { get; }

    /// <summary>cuGraphLaunch(exec, stream).</summary>
    public static delegate* unmanaged<nint, nint, int> GraphLaunch { get; }

    /// <summary>cuGraphDestroy(graph).</summary>
    public static delegate* unmanaged<nint, int> GraphDestroy { get; }

    /// <summary>cuGraphExecDestroy(exec).</summary>
    public static delegate* unmanaged<nint, int> GraphExecDestroy { get; }

    /// <summary>Throws when a driver call failed.</summary>
    public static void Check(int result, string call)
    {
        if (result != Success)
        {
            throw new InvalidOperationException($"{call} failed with CUDA error {result}.");
        }
    }

    /// <summary>Another entry point of the driver by its exported name (probes); null when absent.</summary>
    public static void* Export(string name) => Library == 0 ? null : Export(Library, name);

    private static void* Export(nint library, string name) =>
        NativeLibrary.TryGetExport(library, name, out nint address) ? (void*)address : null;
}
