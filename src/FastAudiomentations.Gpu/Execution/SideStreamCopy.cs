using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Host-to-device copies on a second CUDA stream that the device's stream waits for at one point only: a copy made
/// while a kernel runs lands beside it instead of queueing behind it.
/// </summary>
/// <remarks>
/// <para>Why: late-prepared parameters (<see cref="ILatePreparation"/>) are ready only after the statistics pass is
/// launched. Copied on the device's stream, the copy waits for that pass to end and the reading pass then waits for the
/// copy: run 15 measured ~11 us of device time added, as much as the host work it hid (bench/gpu-notes.md). On the
/// side stream the copy runs on a copy engine during the statistics pass, and the device's stream waits on an event
/// the copy has long since reached.</para>
/// <para>Ordering: <see cref="MarkTableCopied"/> records an event after the call's first table copy on the device's
/// stream; the side copy waits for it (the first copy carried stale values in the late span and must not land after
/// the late copy), and the device's stream waits for the side copy before the pass that reads it. ILGPU has events but
/// no stream-waits-for-event, so that one driver entry (cuStreamWaitEvent, <see cref="CudaDriver"/>) is called directly; where it cannot be
/// loaded, <see cref="TryCreate"/> gives null and the executor copies on its own stream.</para>
/// </remarks>
internal sealed unsafe class SideStreamCopy : IDisposable
{
    private readonly AcceleratorStream _side;
    private readonly IntPtr _tableCopied;
    private readonly IntPtr _sideCopied;
    private SideStreamCopy(AcceleratorStream side, IntPtr tableCopied, IntPtr sideCopied)
    {
        _side = side;
        _tableCopied = tableCopied;
        _sideCopied = sideCopied;
    }

    /// <summary>A side stream for a CUDA accelerator whose driver exports cuStreamWaitEvent; null elsewhere.</summary>
    public static SideStreamCopy? TryCreate(Accelerator accelerator)
    {
        if (accelerator is not CudaAccelerator || CudaDriver.StreamWaitEvent == null)
        {
            return null;
        }

        CudaAPI api = CudaAPI.CurrentAPI;
        CudaException.ThrowIfFailed(api.CreateEvent(out IntPtr tableCopied, CudaEventFlags.CU_EVENT_DISABLE_TIMING));
        CudaException.ThrowIfFailed(api.CreateEvent(out IntPtr sideCopied, CudaEventFlags.CU_EVENT_DISABLE_TIMING));
        return new SideStreamCopy(accelerator.CreateStream(), tableCopied, sideCopied);
    }

    /// <summary>Marks the point of <paramref name="main"/> (right after the call's table copy) that side copies wait for.</summary>
    public void MarkTableCopied(AcceleratorStream main) =>
        CudaException.ThrowIfFailed(CudaAPI.CurrentAPI.RecordEvent(_tableCopied, Handle(main)));

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> on the side stream once the table copy is done, and
    /// makes <paramref name="main"/>'s later work wait for it.
    /// </summary>
    public void Copy(ArrayView<int> source, ArrayView<int> target, AcceleratorStream main)
    {
        CudaDriver.Check(CudaDriver.StreamWaitEvent(Handle(_side), _tableCopied, 0), "cuStreamWaitEvent");
        ViewCopy.Copy(_side, source, target);
        CudaException.ThrowIfFailed(CudaAPI.CurrentAPI.RecordEvent(_sideCopied, Handle(_side)));
        CudaDriver.Check(CudaDriver.StreamWaitEvent(Handle(main), _sideCopied, 0), "cuStreamWaitEvent");
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _side.Synchronize();
        CudaAPI.CurrentAPI.DestroyEvent(_tableCopied);
        CudaAPI.CurrentAPI.DestroyEvent(_sideCopied);
        _side.Dispose();
    }

    private static IntPtr Handle(AcceleratorStream stream) => ((CudaStream)stream).StreamPtr;
}
