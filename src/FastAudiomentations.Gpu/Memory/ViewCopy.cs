using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Memory;

/// <summary>Asynchronous copies between views (host page-locked or device), enqueued on a stream.</summary>
internal static class ViewCopy
{
    /// <summary>Enqueues a copy of <paramref name="source"/> into <paramref name="target"/> (same length).</summary>
    public static void Copy<T>(AcceleratorStream stream, ArrayView<T> source, ArrayView<T> target)
        where T : unmanaged
    {
        ArrayView1D<T, Stride1D.Dense> from = source;
        ArrayView1D<T, Stride1D.Dense> to = target;
        from.CopyTo(stream, to);
    }
}
