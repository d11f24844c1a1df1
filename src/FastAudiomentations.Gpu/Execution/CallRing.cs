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
/// On CUDA each slot has a driver event recorded at the end of its call's work; elsewhere (ILGPU's CPU accelerator, whose
/// launches return when their groups are done) a wait synchronises the stream.
/// </remarks>
internal sealed unsafe class CallRing : IDisposable
{
    /// <summary>Table slots: one call being written while one is in flight.</summary>
    public const int Slots = 2;

    /// <summary>CU_EVENT_DISABLE_TIMING: the events order work, they time nothing.</summary>
    private const uint DisableTiming = 2;

    private readonly AcceleratorStream _stream;
    private readonly nint _streamPtr;
    private readonly nint[] _done = new nint[Slots];
    private readonly bool[] _pending = new bool[Slots];
    private readonly bool[] _copied = new bool[Slots];
    private int _next;

    public CallRing(AcceleratorStream stream)
    {
        _stream = stream;
        if (stream is CudaStream cuda && CudaDriver.EventsAvailable)
        {
            _streamPtr = cuda.StreamPtr;
            for (int i = 0; i < Slots; i++)
            {
                nint handle;
                CudaDriver.Check(CudaDriver.EventCreate(&handle, DisableTiming), "cuEventCreate");
                _done[i] = handle;
            }
        }
    }

    /// <summary>
    /// The slot the next asynchronous call takes: a call prepared ahead and then dropped (GpuExecutor.PrepareAhead) gives
    /// its slot back by restoring the value read before it took one.
    /// </summary>
    public int Next
    {
        get => _next;
        set => _next = value;
    }

    /// <summary>Pending slots resolved so far, waited for or found finished (<see cref="Poll"/>) (tests: only the call two back is waited for).</summary>
    public long Waits { get; private set; }

    /// <summary>
    /// The slot the next call writes its table into, once the call that last wrote it has finished with it: the slots in
    /// turn when <paramref name="alternate"/> (asynchronous calls), else always the first (a synchronous call leaves nothing
    /// in flight, and one slot keeps one graph per call shape).
    /// </summary>
    public int Take(bool alternate) => Wait(Choose(alternate));

    /// <summary>
    /// The slot the next call writes its table into (as <see cref="Take"/>), without waiting for the call that last used
    /// it: a call planned while the call before runs (GpuExecutor.PrepareAhead) waits here only where that call's copy may
    /// still read the slot (<see cref="StagingInUse"/>), and for the rest (its graph's launch) when it is launched.
    /// </summary>
    public int Choose(bool alternate)
    {
        int slot = alternate ? _next : 0;
        _next = (slot + 1) % Slots;
        return slot;
    }

    /// <summary>
    /// Forgets <paramref name="slot"/>'s last call if it has finished, without waiting (a driver query; nothing off CUDA):
    /// a call planned while the call before runs then launches without a wait, where the wait would cost a driver call.
    /// </summary>
    public void Poll(int slot)
    {
        if (_pending[slot] && _done[slot] != 0 && CudaDriver.EventQuery != null && CudaDriver.EventQuery(_done[slot]) == CudaDriver.Success)
        {
            _pending[slot] = false;
            Waits++;
        }
    }

    /// <summary>Whether the call that last used <paramref name="slot"/> may still run (not yet waited for or found finished).</summary>
    public bool Pending(int slot) => _pending[slot];

    /// <summary>Whether a call that may still run copies its table from <paramref name="slot"/>'s staging.</summary>
    public bool StagingInUse(int slot) => _pending[slot] && _copied[slot];

    /// <summary>Waits until the call that last used <paramref name="slot"/> has finished, if it may still run; returns the slot.</summary>
    public int Wait(int slot)
    {
        if (_pending[slot])
        {
            if (_done[slot] != 0)
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

    /// <summary>
    /// Marks the end of the work of the call that took <paramref name="slot"/>: its table is free once the stream passes
    /// here. <paramref name="copied"/>: its table is copied from the slot's staging (not passed with the launch).
    /// </summary>
    public void Release(int slot, bool copied)
    {
        if (_done[slot] != 0)
        {
            CudaDriver.Check(CudaDriver.EventRecord(_done[slot], _streamPtr), "cuEventRecord");
        }

        _pending[slot] = true;
        _copied[slot] = copied;
    }

    /// <summary>Forgets every pending call: the stream has just been synchronised.</summary>
    public void Settled() => Array.Clear(_pending);

    /// <inheritdoc/>
    public void Dispose()
    {
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
