using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Where a call planned ahead does the work that reads none of the batch's samples (<see cref="IAheadStep"/>:
/// AddColorNoise's coloured noise) while the call before it runs: a second CUDA stream, two output buffers used in turn,
/// and the events that order them against the device's stream.
/// </summary>
/// <remarks>
/// <para>Ordering, on CUDA: work into buffer X first waits (on the side stream) for the last call that read X to end
/// (<see cref="Begin"/>), then records X's ready event (<see cref="End"/>); the call it was done for makes the device's
/// stream wait for that event before its launches (<see cref="WaitReady"/>) and records X's read event after them
/// (<see cref="MarkRead"/>). The buffers alternate, so a call's work is written into the buffer the running call does
/// not read. A planned call that is dropped leaves its buffer unread: nothing waits for it, and the next work into it
/// queues behind it on the side stream.</para>
/// <para>Elsewhere (ILGPU's CPU accelerator, whose launches return when their groups are done) the work runs on the
/// device's stream, in order, and the events are not needed.</para>
/// </remarks>
internal sealed unsafe class SideStreamWork : IDisposable
{
    /// <summary>CU_EVENT_DISABLE_TIMING: the events order work, they time nothing.</summary>
    private const uint DisableTiming = 2;

    private readonly AcceleratorStream? _side;
    private readonly nint _sidePtr;
    private readonly nint _mainPtr;
    private readonly nint[] _ready = new nint[2];
    private readonly nint[] _read = new nint[2];
    private int _lastRead = 1;

    /// <summary>Work on <paramref name="main"/>'s accelerator: a side stream and events on CUDA (where the driver's events load), else <paramref name="main"/> itself.</summary>
    public SideStreamWork(Accelerator accelerator, AcceleratorStream main)
    {
        Main = main;
        if (main is CudaStream cuda && CudaDriver.EventsAvailable && CudaDriver.StreamWaitEvent != null)
        {
            _side = accelerator.CreateStream();
            _sidePtr = ((CudaStream)_side).StreamPtr;
            _mainPtr = cuda.StreamPtr;
            for (int i = 0; i < 2; i++)
            {
                nint ready, read;
                CudaDriver.Check(CudaDriver.EventCreate(&ready, DisableTiming), "cuEventCreate");
                CudaDriver.Check(CudaDriver.EventCreate(&read, DisableTiming), "cuEventCreate");
                _ready[i] = ready;
                _read[i] = read;
            }
        }
    }

    /// <summary>The device's stream.</summary>
    public AcceleratorStream Main { get; }

    /// <summary>The stream the work is launched on: the side stream on CUDA, else the device's.</summary>
    public AcceleratorStream Stream => _side ?? Main;

    /// <summary>The side stream's driver handle (0 off CUDA).</summary>
    public nint StreamPtr => _sidePtr;

    /// <summary>Whether the work runs beside the device's stream (CUDA) rather than on it.</summary>
    public bool Beside => _side is not null;

    /// <summary>Whether work was launched on the side stream since it was last synchronised.</summary>
    public bool Pending { get; private set; }

    /// <summary>
    /// Starts work for the next call: returns the buffer (0 or 1) the last launched call does not read, after making the
    /// side stream wait until the call that read it before has ended, unless the caller knows it has
    /// (<paramref name="lastReaderEnded"/>: the call before the running one ended), which saves the driver call before the
    /// work's launch.
    /// </summary>
    public int Begin(bool lastReaderEnded)
    {
        int buffer = 1 - _lastRead;
        if (_side is not null && !lastReaderEnded)
        {
            CudaDriver.Check(CudaDriver.StreamWaitEvent(_sidePtr, _read[buffer], 0), "cuStreamWaitEvent");
        }

        return buffer;
    }

    /// <summary>Marks the end of the work into <paramref name="buffer"/>: the call that reads it waits for this point (<see cref="WaitReady"/>).</summary>
    public void End(int buffer)
    {
        if (_side is not null)
        {
            CudaDriver.Check(CudaDriver.EventRecord(_ready[buffer], _sidePtr), "cuEventRecord");
            Pending = true;
        }
    }

    /// <summary>Makes the device's stream wait, before the call's launches, for the work into <paramref name="buffer"/>.</summary>
    public void WaitReady(int buffer)
    {
        if (_side is not null)
        {
            CudaDriver.Check(CudaDriver.StreamWaitEvent(_mainPtr, _ready[buffer], 0), "cuStreamWaitEvent");
        }
    }

    /// <summary>
    /// Notes, once the call's launches are enqueued, that it reads <paramref name="buffer"/>: the next work goes into the
    /// other. <see cref="MarkRead"/> then records where its reads end.
    /// </summary>
    public void NoteRead(int buffer) => _lastRead = buffer;

    /// <summary>
    /// Marks, after the call's launches (any time before the next work into <paramref name="buffer"/> is launched: after
    /// the next call's work, which goes into the other buffer, so that this driver call is not in front of it), the end of
    /// its reads of <paramref name="buffer"/>: the next work into it waits for this point.
    /// </summary>
    public void MarkRead(int buffer)
    {
        if (_side is not null)
        {
            CudaDriver.Check(CudaDriver.EventRecord(_read[buffer], _mainPtr), "cuEventRecord");
        }
    }

    /// <summary>Waits for the side stream's work (before the pool frees buffers it may still write).</summary>
    public void Synchronize()
    {
        if (Pending)
        {
            _side!.Synchronize();
            Pending = false;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_side is null)
        {
            return;
        }

        _side.Synchronize();
        for (int i = 0; i < 2; i++)
        {
            _ = CudaDriver.EventDestroy(_ready[i]);
            _ = CudaDriver.EventDestroy(_read[i]);
        }

        _side.Dispose();
    }
}
