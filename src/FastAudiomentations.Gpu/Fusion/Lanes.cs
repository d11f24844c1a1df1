using System.Runtime.CompilerServices;
using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// The <see cref="Count"/> samples one GPU thread holds in registers during a fused pass: sample j sits at
/// index <c>First + j * Stride</c> of its row, so that a warp's loads of each lane are contiguous (coalesced)
/// and a thread has <see cref="Count"/> independent loads in flight.
/// </summary>
/// <remarks>
/// Written out lane by lane on purpose: a register array indexed at run time would spill to local memory.
/// Lanes at or past the row's length read as zero and are never stored, so padding stays zero.
/// </remarks>
internal struct Lanes
{
    /// <summary>Samples per thread.</summary>
    public const int Count = 8;

    public float V0, V1, V2, V3, V4, V5, V6, V7;

    /// <summary>Loads lanes below <paramref name="length"/> from <paramref name="row"/>; the rest become 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Load(ArrayView<float> row, int first, int stride, int length)
    {
        V0 = Read(row, first, length);
        V1 = Read(row, first + stride, length);
        V2 = Read(row, first + (2 * stride), length);
        V3 = Read(row, first + (3 * stride), length);
        V4 = Read(row, first + (4 * stride), length);
        V5 = Read(row, first + (5 * stride), length);
        V6 = Read(row, first + (6 * stride), length);
        V7 = Read(row, first + (7 * stride), length);
    }

    /// <summary>Zeroes the lanes at or past <paramref name="length"/> (after a <see cref="Load"/> bounded by the row's pitch).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void KeepBelow(int first, int stride, int length)
    {
        V0 = first < length ? V0 : 0f;
        V1 = first + stride < length ? V1 : 0f;
        V2 = first + (2 * stride) < length ? V2 : 0f;
        V3 = first + (3 * stride) < length ? V3 : 0f;
        V4 = first + (4 * stride) < length ? V4 : 0f;
        V5 = first + (5 * stride) < length ? V5 : 0f;
        V6 = first + (6 * stride) < length ? V6 : 0f;
        V7 = first + (7 * stride) < length ? V7 : 0f;
    }

    /// <summary>Stores lanes below <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(ArrayView<float> row, int first, int stride, int length)
    {
        Write(row, first, length, V0);
        Write(row, first + stride, length, V1);
        Write(row, first + (2 * stride), length, V2);
        Write(row, first + (3 * stride), length, V3);
        Write(row, first + (4 * stride), length, V4);
        Write(row, first + (5 * stride), length, V5);
        Write(row, first + (6 * stride), length, V6);
        Write(row, first + (7 * stride), length, V7);
    }

    /// <summary>Applies <paramref name="function"/> to every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Map<TFunction>(ref TFunction function, int first, int stride)
        where TFunction : struct, IPointwiseFunction
    {
        V0 = function.Apply(V0, first);
        V1 = function.Apply(V1, first + stride);
        V2 = function.Apply(V2, first + (2 * stride));
        V3 = function.Apply(V3, first + (3 * stride));
        V4 = function.Apply(V4, first + (4 * stride));
        V5 = function.Apply(V5, first + (5 * stride));
        V6 = function.Apply(V6, first + (6 * stride));
        V7 = function.Apply(V7, first + (7 * stride));
    }

    /// <summary>
    /// Accumulates the peak magnitude's bits (max of bits &amp; 0x7FFFFFFF, the CPU's integer max, so that a NaN wins)
    /// and the sum of x^2 over the lanes below <paramref name="length"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Accumulate(int first, int stride, int length, ref int peakBits, ref float energy)
    {
        Add(V0, first < length, ref peakBits, ref energy);
        Add(V1, first + stride < length, ref peakBits, ref energy);
        Add(V2, first + (2 * stride) < length, ref peakBits, ref energy);
        Add(V3, first + (3 * stride) < length, ref peakBits, ref energy);
        Add(V4, first + (4 * stride) < length, ref peakBits, ref energy);
        Add(V5, first + (5 * stride) < length, ref peakBits, ref energy);
        Add(V6, first + (6 * stride) < length, ref peakBits, ref energy);
        Add(V7, first + (7 * stride) < length, ref peakBits, ref energy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Read(ArrayView<float> row, int t, int length) => t < length ? row[t] : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write(ArrayView<float> row, int t, int length, float value)
    {
        if (t < length)
        {
            row[t] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(float x, bool valid, ref int peakBits, ref float energy)
    {
        if (valid)
        {
            peakBits = Math.Max(peakBits, (int)(Interop.FloatAsInt(x) & 0x7FFF_FFFFu));
            energy += x * x;
        }
    }
}
