namespace FastAudiomentations;

/// <summary>
/// Per-worker scratch memory that grows to the largest request and is then reused, so steady-state calls
/// allocate nothing. Not thread-safe: each worker thread has its own.
/// </summary>
internal sealed class ScratchArena
{
    private float[] _a = [];
    private float[] _b = [];
    private double[] _d = [];

    /// <summary>A first scratch buffer of at least <paramref name="length"/> floats (contents undefined).</summary>
    public Span<float> Floats(int length) => Grow(ref _a, length).AsSpan(0, length);

    /// <summary>A second scratch buffer, distinct from <see cref="Floats"/>.</summary>
    public Span<float> MoreFloats(int length) => Grow(ref _b, length).AsSpan(0, length);

    /// <summary>A double scratch buffer.</summary>
    public Span<double> Doubles(int length) => Grow(ref _d, length).AsSpan(0, length);

    private static T[] Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new T[Math.Max(length, buffer.Length * 2)];
        }

        return buffer;
    }
}
