using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The page-locked table slots of calls that may still be in flight. An asynchronous call
/// (<see cref="GpuDevice.Asynchronous"/>) returns once its work is enqueued, while its table copy may not have read its
/// staging yet, so the next call writes its table into the other slot. Calls take the slots in turn; taking a slot waits
/// only for the call that last wrote it, two calls back, which has normally long finished.
/// </summary>
/// <remarks>
/// <para>On CUDA the stream writes a sequence number into a page-locked host word at the end of each call's work
/// (cuStreamWriteValue32), and taking a slot reads that word: when the call two back is done, as it nearly always is, no
/// driver call at all. A driver call costs ~1 us on the H100's host even when it has nothing to wait for, and this one
/// sat between a call's start and its launch. Where the driver lacks stream writes (or FASTAUG_RING_FLAG=0) each slot
/// has a driver event instead; elsewhere (ILGPU's CPU accelerator, whose launches return when their groups are done) a
/// wait synchronises the stream.</para>
/// </remarks>
internal sealed unsafe class CallRing : IDisposable
{
    /// <summary>Table slots: one call being written while one is in flight.</summary>
    public const int Slots = 2;

    /// <summary>CU_EVENT_DISABLE_TIMING: the events order work, they time nothing.</summary>
    private const uint DisableTiming = 2;

    /// <summary>CU_MEMHOSTALLOC_DEVICEMAP: host memory the device can address.</summary>
    private const uint DeviceMap = 2;

    /// <summary>Polls of the host word between two queries of the stream while a wait lasts (which surface a failed call).</summary>
    private const int PollsPerQuery = 256;

    private readonly AcceleratorStream _stream;
    private readonly nint _streamPtr;
    private readonly nint[] _done = new nint[Slots];
    private readonly bool[] _pending = new bool[Slots];
    private readonly uint[] _sequence = new uint[Slots];
    private uint* _flag;
    private ulong _flagDevice;
    private uint _written;
    private int _next;

    public CallRing(AcceleratorStream stream)
    {
        _stream = stream;
        if (stream is CudaStream cuda && CudaDriver.EventsAvailable)
        {
            _streamPtr = cuda.StreamPtr;
            if (CudaDriver.HostFlagsAvailable && ExperimentSwitches.Int("FASTAUG_RING_FLAG", 1) != 0)
            {
                void* flag;
                ulong device;
                CudaDriver.Check(CudaDriver.MemHostAlloc(&flag, sizeof(uint), DeviceMap), "cuMemHostAlloc");
                _flag = (uint*)flag;
                *_flag = 0;
                CudaDriver.Check(CudaDriver.MemHostGetDevicePointer(&device, flag, 0), "cuMemHostGetDevicePointer");
                _flagDevice = device;
                return;
            }

            for (int i = 0; i < Slots; i++)
            {
                nint handle;
                CudaDriver.Check(CudaDriver.EventCreate(&handle, DisableTiming), "cuEventCreate");
                _done[i] = handle;
            }
        }
    }

    /// <summary>Waits for a pending slot so far (tests: only the call two back is waited for).</summary>
    public long Waits { get; private set; }

    /// <summary>
    /// The slot the next call writes its table into, once the call that last wrote it has finished with it: the slots in
    /// turn when <paramref name="alternate"/> (asynchronous calls), else always the first (a synchronous call leaves nothing
    /// in flight, and one slot keeps one graph per call shape).
    /// </summary>
    public int Take(bool alternate)
    {
        int slot = alternate ? _next : 0;
        _next = (slot + 1) % Slots;
        if (_pending[slot])
        {
            if (_flag != null)
            {
                WaitForFlag(_sequence[slot]);
            }
            else if (_done[slot] != 0)
            {
                CudaDriver.Check(CudaDriver.EventSynchronize(_done[slot]), "cuEventSynchronize");
            }
            else
            {
                _stream.Synchronize();
            }

            _pending[slot] = false;
            Waits++;
        }

        return slot;
    }

    /// <summary>Marks the end of the work of the call that took <paramref name="slot"/>: its table is free once the stream passes here.</summary>
    public void Release(int slot)
    {
        if (_flag != null)
        {
            _written++;
            _sequence[slot] = _written;
            CudaDriver.Check(CudaDriver.StreamWriteValue32(_streamPtr, _flagDevice, _written, 0), "cuStreamWriteValue32");
        }
        else if (_done[slot] != 0)
        {
            CudaDriver.Check(CudaDriver.EventRecord(_done[slot], _streamPtr), "cuEventRecord");
        }

        _pending[slot] = true;
    }

    /// <summary>
    /// Waits until the stream has written <paramref name="sequence"/> (or a later number) into the host word: spins, yielding
    /// the thread, and now and then queries the stream, which returns a failed call's error and, once the stream is idle,
    /// ends the wait (everything enqueued, the write included, is then done).
    /// </summary>
    private void WaitForFlag(uint sequence)
    {
        var spin = default(SpinWait);
        for (int polls = 1; (int)(Volatile.Read(ref *_flag) - sequence) < 0; polls++)
        {
            spin.SpinOnce(sleep1Threshold: -1);
            if (polls % PollsPerQuery == 0)
            {
                int result = CudaDriver.StreamQuery(_streamPtr);
                if (result == CudaDriver.Success)
                {
                    return;
                }

                if (result != CudaDriver.NotReady)
                {
                    CudaDriver.Check(result, "cuStreamQuery");
                }
            }
        }
    }

    /// <summary>Forgets every pending call: the stream has just been synchronised.</summary>
    public void Settled() => Array.Clear(_pending);

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_flag != null)
        {
            _ = CudaDriver.MemFreeHost(_flag);
            _flag = null;
        }

        for (int i = 0; i < Slots; i++)
        {
            if (_done[i] != 0)
            {
                _ = CudaDriver.EventDestroy(_done[i]);
                _done[i] = 0;
            }
        }
    }
}
