using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Where a call planned ahead does the work that reads none of the batch's samples (<see cref="IAheadStep"/>:
/// AddColorNoise's coloured noise) while the call before it runs: a second CUDA stream, two output buffers used in turn,
/// and the counts by which the call's kernels wait for the work.
/// </summary>
/// <remarks>
/// <para>Ordering, on CUDA: the work's groups each count themselves done in their buffer's counter (<see cref="Done"/>)
/// once their writes are visible, and the call's kernel waits in its groups, before it reads the work, until the counter
/// has reached the count the host expects after that work (<see cref="Issue"/>, in the call's table). No stream waits
/// for the other: the call's kernel starts, loads its signal and measures it while the work's last groups finish. Why
/// not a stream event: the colouring at batch 1 takes about as long as the gap between two calls, and an event wait in
/// front of the call's launch made the call wait for all of it (runs 200-202: events 12.4-14.6 us in one process, 10.5 in
/// another). Safe only where the work's groups and the call's fit on the device together (the steps' rule), so that a
/// waiting group never keeps the work's groups from running.</para>
/// <para>The buffers alternate, so the work is written into the buffer the running call does not read; it is launched
/// only where the call before the running one has ended (GpuExecutor.PrepareAhead), so the buffer's last reader has
/// ended too. A planned call that is dropped leaves its buffer unread and its counts counted.</para>
/// <para>Elsewhere (ILGPU's CPU accelerator, whose launches return when their groups are done) the work runs on the
/// device's stream, in order.</para>
/// </remarks>
internal sealed class SideStreamWork : IDisposable
{
    /// <summary>Ints between the two buffers' counters: one 128-byte line each.</summary>
    public const int CounterStride = 32;

    private readonly AcceleratorStream? _side;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _done;
    private readonly int[] _issued = new int[2];
    private int _lastRead = 1;

    /// <summary>Work on <paramref name="main"/>'s accelerator: a side stream on CUDA, else <paramref name="main"/> itself.</summary>
    public SideStreamWork(Accelerator accelerator, AcceleratorStream main)
    {
        Main = main;
        if (main is CudaStream)
        {
            _side = accelerator.CreateStream();
        }

        _done = accelerator.Allocate1D<int>(2 * CounterStride);
        _done.View.MemSetToZero(main);
        main.Synchronize();
    }

    /// <summary>The device's stream.</summary>
    public AcceleratorStream Main { get; }

    /// <summary>The stream the work is launched on: the side stream on CUDA, else the device's.</summary>
    public AcceleratorStream Stream => _side ?? Main;

    /// <summary>The side stream's driver handle (0 off CUDA).</summary>
    public nint StreamPtr => _side is CudaStream cuda ? cuda.StreamPtr : 0;

    /// <summary>Whether the work runs beside the device's stream (CUDA) rather than on it.</summary>
    public bool Beside => _side is not null;

    /// <summary>Whether work was launched on the side stream since it was last synchronised.</summary>
    public bool Pending { get; private set; }

    /// <summary>Both buffers' done counters (buffer b's at b x <see cref="CounterStride"/>): the call's kernel waits on its buffer's.</summary>
    public ArrayView<int> Done => _done.View;

    /// <summary>Buffer <paramref name="buffer"/>'s done counter, which the work's groups advance.</summary>
    public ArrayView<int> DoneOf(int buffer) => _done.View.SubView(buffer * CounterStride, 1);

    /// <summary>The buffer (0 or 1) the next work goes into: the one the last launched call does not read.</summary>
    public int Next => 1 - _lastRead;

    /// <summary>
    /// Records that work of <paramref name="groups"/> groups was launched into <paramref name="buffer"/> and returns the
    /// count its counter reaches once they are done (it wraps, as the device's does).
    /// </summary>
    public int Issue(int buffer, int groups)
    {
        _issued[buffer] = unchecked(_issued[buffer] + groups);
        Pending |= _side is not null;
        return _issued[buffer];
    }

    /// <summary>
    /// After an error while work was being launched (it may or may not have been): waits for both streams and takes the
    /// counts from the device's counters, so that no later call waits for a count its work never reaches, or reads work
    /// whose count an uncounted launch reached first.
    /// </summary>
    public void Resynchronize()
    {
        Main.Synchronize();
        _side?.Synchronize();
        Pending = false;
        int[] counts = _done.GetAsArray1D();
        _issued[0] = counts[0];
        _issued[1] = counts[CounterStride];
    }

    /// <summary>Notes, once a call's launches are enqueued, that it reads <paramref name="buffer"/>: the next work goes into the other.</summary>
    public void NoteRead(int buffer) => _lastRead = buffer;

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
        _side?.Synchronize();
        _side?.Dispose();
        _done.Dispose();
    }
}
