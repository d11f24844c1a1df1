using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Memory;

/// <summary>
/// A batch in device memory: rows of <see cref="Pitch"/> floats, the first <see cref="Capacity"/> of which are
/// the batch's samples and the rest stay zero.
/// </summary>
/// <remarks>
/// The pitch rounds the capacity up to 64 floats (256 bytes) so that every row starts aligned: coalesced,
/// vector-friendly loads for the kernels. Uploads and read-backs go through the pool's page-locked staging
/// with asynchronous copies on the device's stream; the host repacks rows between the dense layout of
/// <see cref="BatchStorage"/> and the pitched one. Read-backs wait for the device's calls in flight
/// (<see cref="GpuDevice.Asynchronous"/>): their copy is enqueued behind them on the same stream.
/// </remarks>
internal sealed class GpuStorage : BatchStorage
{
    /// <summary>Rows are padded to a multiple of this many floats.</summary>
    public const int PitchAlignment = 64;

    private readonly GpuDevice _device;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _buffer;

    public GpuStorage(GpuDevice device, int rows, int capacity)
    {
        _device = device;
        Rows = rows;
        Capacity = capacity;
        Pitch = (capacity + PitchAlignment - 1) / PitchAlignment * PitchAlignment;
        _buffer = device.Accelerator.Allocate1D<float>(Math.Max(1, (long)rows * Pitch));
        _buffer.View.MemSetToZero(device.Stream);
        device.Stream.Synchronize();
    }

    public int Rows { get; }

    public int Capacity { get; }

    /// <summary>Floats between the starts of two rows on the device.</summary>
    public int Pitch { get; }

    /// <summary>The whole pitched buffer.</summary>
    public ArrayView<float> View => _buffer.View;

    public override long Length => (long)Rows * Capacity;

    public override void CopyFrom(ReadOnlySpan<float> source)
    {
        long total = (long)Rows * Pitch;
        if (total == 0)
        {
            return;
        }

        PageLockedArray1D<float> staging = _device.Pool.HostSamples(total);
        Span<float> host = staging.Span;
        for (int r = 0; r < Rows; r++)
        {
            Span<float> row = host.Slice(r * Pitch, Pitch);
            source.Slice(r * Capacity, Capacity).CopyTo(row);
            row[Capacity..].Clear();
        }

        // Enqueued behind any asynchronous call in flight, so the wait covers them too.
        ViewCopy.Copy(_device.Stream, staging.ArrayView.SubView(0, total), _buffer.View.SubView(0, total));
        _device.Stream.Synchronize();
        _device.Settled();
    }

    public override void CopyTo(Span<float> destination)
    {
        long total = (long)Rows * Pitch;
        if (total == 0)
        {
            return;
        }

        PageLockedArray1D<float> staging = _device.Pool.HostSamples(total);
        ViewCopy.Copy(_device.Stream, _buffer.View.SubView(0, total), staging.ArrayView.SubView(0, total));
        _device.Stream.Synchronize();
        _device.Settled();
        ReadOnlySpan<float> host = staging.Span;
        for (int r = 0; r < Rows; r++)
        {
            host.Slice(r * Pitch, Capacity).CopyTo(destination.Slice(r * Capacity, Capacity));
        }
    }

    public override void Dispose()
    {
        // Not while an asynchronous call may still read or write it.
        _device.Settle();
        _buffer.Dispose();
        base.Dispose();
    }
}
