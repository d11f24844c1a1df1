using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Memory;

/// <summary>
/// Device buffers and page-locked host staging owned by one <see cref="GpuDevice"/>: each slot grows to the
/// largest request seen (by at least half again, so a slowly growing batch does not reallocate every call)
/// and is then reused, so steady-state calls allocate nothing on the host or the GPU.
/// </summary>
/// <remarks>
/// See docs/architecture/gpu-memory.md. Not thread-safe, like the device. A device buffer that grows is retired, not
/// freed: a call still in flight (<see cref="GpuDevice.Asynchronous"/>), or a launch of the same call enqueued before the
/// growth, may still read it; <see cref="FreeRetired"/> frees it once the device's stream is synchronised. The per-call
/// tables have one page-locked slot per <see cref="Execution.CallRing"/> slot, rewritten only after the call that last
/// used it has finished.
/// </remarks>
internal sealed class DeviceMemoryPool : IDisposable
{
    private const int SlotCount = 8;

    private readonly Accelerator _accelerator;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>?[] _floats = new MemoryBuffer1D<float, Stride1D.Dense>?[SlotCount];
    private MemoryBuffer1D<int, Stride1D.Dense>? _ints;
    private MemoryBuffer1D<int, Stride1D.Dense>? _sync;
    private MemoryBuffer1D<int, Stride1D.Dense>? _counters;
    private readonly PageLockedArray1D<int>?[] _hostInts = new PageLockedArray1D<int>?[Execution.CallRing.Slots];
    private readonly List<MemoryBuffer> _retired = [];
    private PageLockedArray1D<float>? _hostSamples;

    public DeviceMemoryPool(Accelerator accelerator) => _accelerator = accelerator;

    /// <summary>Buffers the pool has allocated so far (device and page-locked host); constant in steady state.</summary>
    public int Allocations { get; private set; }

    /// <summary>Bytes held on the device by the pool.</summary>
    public long DeviceBytes
    {
        get
        {
            long bytes = (_ints?.LengthInBytes ?? 0) + (_sync?.LengthInBytes ?? 0) + (_counters?.LengthInBytes ?? 0);
            foreach (MemoryBuffer1D<float, Stride1D.Dense>? buffer in _floats)
            {
                bytes += buffer?.LengthInBytes ?? 0;
            }

            return bytes;
        }
    }

    /// <summary>A device float buffer of at least <paramref name="length"/> elements (contents undefined).</summary>
    public ArrayView<float> DeviceFloats(PoolSlot slot, long length)
    {
        ref MemoryBuffer1D<float, Stride1D.Dense>? buffer = ref _floats[(int)slot];
        if (buffer is null || buffer.Length < length)
        {
            Retire(buffer);
            buffer = _accelerator.Allocate1D<float>(Grow(buffer?.Length ?? 0, length));
            Allocations++;
        }

        return buffer.View.SubView(0, Math.Max(length, 1));
    }

    /// <summary>The device per-call table, at least <paramref name="length"/> ints.</summary>
    public ArrayView<int> DeviceInts(long length)
    {
        if (_ints is null || _ints.Length < length)
        {
            Retire(_ints);
            _ints = _accelerator.Allocate1D<int>(Grow(_ints?.Length ?? 0, length));
            Allocations++;
        }

        return _ints.View.SubView(0, Math.Max(length, 1));
    }

    /// <summary>
    /// Device ints for kernels that pass results between groups of one launch (the filters' look-back
    /// flags): at least <paramref name="length"/>, zero when first allocated or grown, and otherwise kept as
    /// the last launch left them (users tag entries with a per-launch epoch instead of clearing them).
    /// </summary>
    public ArrayView<int> SyncInts(AcceleratorStream stream, long length)
    {
        if (_sync is null || _sync.Length < length)
        {
            Retire(_sync);
            _sync = _accelerator.Allocate1D<int>(Grow(_sync?.Length ?? 0, length));
            _sync.View.MemSetToZero(stream);
            Allocations++;
        }

        return _sync.View.SubView(0, Math.Max(length, 1));
    }

    /// <summary>
    /// Device ints for the counters groups of one launch coordinate through (<see cref="Execution.CallCounters"/>): at
    /// least <paramref name="length"/>, zero when first allocated or grown (<paramref name="grown"/> then true), and
    /// otherwise as the last launch left them.
    /// </summary>
    public ArrayView<int> Counters(AcceleratorStream stream, long length, out bool grown)
    {
        grown = _counters is null || _counters.Length < length;
        if (grown)
        {
            Retire(_counters);
            _counters = _accelerator.Allocate1D<int>(length);
            _counters.View.MemSetToZero(stream);
            Allocations++;
        }

        return _counters!.View;
    }

    /// <summary>
    /// Page-locked host ints for the per-call table (integers, then floats stored as their bits) of table slot
    /// <paramref name="slot"/>, which no call in flight reads (<see cref="Execution.CallRing.Take"/>).
    /// </summary>
    public PageLockedArray1D<int> HostInts(int slot, long length) => GrowHost(ref _hostInts[slot], length);

    /// <summary>Whether buffers replaced by growth wait to be freed (<see cref="FreeRetired"/>).</summary>
    public bool HasRetired => _retired.Count > 0;

    /// <summary>Frees the device buffers retired by growth: call only once the device's stream (and the side stream's work: Execution.SideStreamWork) is synchronised.</summary>
    public void FreeRetired()
    {
        foreach (MemoryBuffer buffer in _retired)
        {
            buffer.Dispose();
        }

        _retired.Clear();
    }

    /// <summary>Page-locked host floats for batch uploads and read-backs.</summary>
    public PageLockedArray1D<float> HostSamples(long length) => GrowHost(ref _hostSamples, length);

    public void Dispose()
    {
        foreach (MemoryBuffer1D<float, Stride1D.Dense>? buffer in _floats)
        {
            buffer?.Dispose();
        }

        _ints?.Dispose();
        _sync?.Dispose();
        _counters?.Dispose();
        foreach (PageLockedArray1D<int>? table in _hostInts)
        {
            table?.Dispose();
        }

        _hostSamples?.Dispose();
        FreeRetired();
    }

    private void Retire(MemoryBuffer? buffer)
    {
        if (buffer is not null)
        {
            _retired.Add(buffer);
        }
    }

    private PageLockedArray1D<T> GrowHost<T>(ref PageLockedArray1D<T>? array, long length)
        where T : unmanaged
    {
        if (array is null || array.Length < length)
        {
            array?.Dispose();
            array = _accelerator.AllocatePageLocked1D<T>(Grow(array?.Length ?? 0, length));
            Allocations++;
        }

        return array;
    }

    private static long Grow(long current, long wanted) => Math.Max(Math.Max(wanted, 1), current + (current / 2));
}
