using FastAudiomentations.Gpu.Execution;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// Two timing events on a CUDA device's stream, recorded around calls: the way the Python libraries' benchmark harness
/// times a call (an event before, the call, an event after, wait for it, the device's time between them), so that a
/// figure of ours measured with it stands beside theirs.
/// </summary>
/// <remarks>
/// The device stamps the first event as soon as its stream reaches it; with the stream idle, that is when the call starts
/// on the host. So the span covers the host's work until the first launch (the device idles meanwhile) and the device's
/// work, but not the host's wake-up after the device finishes, which a wall clock around a synchronous call includes.
/// </remarks>
internal sealed unsafe class CallClock : IDisposable
{
    private readonly nint _stream;
    private nint _start;
    private nint _end;

    private CallClock(nint stream, nint start, nint end)
    {
        _stream = stream;
        _start = start;
        _end = end;
    }

    /// <summary>A clock on <paramref name="device"/>'s stream, or null where the device is not CUDA or the driver lacks events.</summary>
    public static CallClock? TryCreate(GpuDevice device)
    {
        if (device.Stream is not CudaStream cuda || !CudaDriver.EventsAvailable)
        {
            return null;
        }

        nint start, end;
        CudaDriver.Check(CudaDriver.EventCreate(&start, 0), "cuEventCreate");
        CudaDriver.Check(CudaDriver.EventCreate(&end, 0), "cuEventCreate");
        return new CallClock(cuda.StreamPtr, start, end);
    }

    /// <summary>Records the start event.</summary>
    public void Start() => CudaDriver.Check(CudaDriver.EventRecord(_start, _stream), "cuEventRecord");

    /// <summary>Records the end event, waits for it and returns the device's microseconds since the start event.</summary>
    public double Stop()
    {
        CudaDriver.Check(CudaDriver.EventRecord(_end, _stream), "cuEventRecord");
        CudaDriver.Check(CudaDriver.EventSynchronize(_end), "cuEventSynchronize");
        float milliseconds;
        CudaDriver.Check(CudaDriver.EventElapsedTime(&milliseconds, _start, _end), "cuEventElapsedTime");
        return milliseconds * 1000.0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_start != 0)
        {
            _ = CudaDriver.EventDestroy(_start);
            _ = CudaDriver.EventDestroy(_end);
            _start = _end = 0;
        }
    }
}
