using System.Runtime.CompilerServices;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// What one pass of <see cref="IirCascadeKernel"/> filters and where it writes: a row in place (causal), a row
/// read with scipy's odd extension into a padded scratch row (zero phase, forward), or the scratch row read
/// backwards into the row's valid samples (zero phase, backward).
/// </summary>
internal struct IirSignal
{
    /// <summary>The row, filtered in place.</summary>
    public const int Causal = 0;

    /// <summary>The odd-extended row into the padded scratch.</summary>
    public const int Forward = 1;

    /// <summary>The padded scratch, reversed, into the row.</summary>
    public const int Backward = 2;

    /// <summary>The row: read by the causal and forward passes, written by the causal and backward ones.</summary>
    /// <remarks>
    /// Why the two buffers and not an input and an output view chosen by the mode: ILGPU makes a view chosen at run
    /// time between two buffers a generic pointer (no state space), and with it every other use of both buffers, so
    /// the zero-phase kernels loaded and stored every sample through generic pointers (258 such loads and stores in the
    /// causal kernel's zero-phase instance). <see cref="In"/> and <see cref="Out"/> choose per access instead, and the
    /// whole tiles' loads and stores name the buffer their pass knows.
    /// </remarks>
    public ArrayView<float> Row;

    /// <summary>The padded scratch row (zero phase): written by the forward pass, read by the backward pass.</summary>
    public ArrayView<float> Scratch;

    /// <summary>Samples the pass filters: the row's length, or length + 2 padding for zero phase.</summary>
    public int Count;

    /// <summary>The row's valid samples.</summary>
    public int Length;

    /// <summary>Samples of odd extension at each end (zero phase).</summary>
    public int Padding;

    /// <summary><see cref="Causal"/>, <see cref="Forward"/> or <see cref="Backward"/>.</summary>
    public int Mode;

    /// <summary>Sample <paramref name="i"/> (below <see cref="Count"/>) of the signal the pass filters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Read(int i)
    {
        if (Mode == Causal)
        {
            return In(i);
        }

        if (Mode == Backward)
        {
            return In(Count - 1 - i);
        }

        // scipy's odd extension, 2 x[0] - x[P - i] and 2 x[T-1] - x[2T + P - 2 - i], as FilterRunner computes it.
        if (i < Padding)
        {
            return (2 * In(0)) - In(Padding - i);
        }

        if (i < Padding + Length)
        {
            return In(i - Padding);
        }

        return (2 * In(Length - 1)) - In((2 * Length) + Padding - 2 - i);
    }

    /// <summary>
    /// Where sample <paramref name="i"/> of the pass's signal is read from in the pass's input buffer
    /// (<see cref="In"/>; 0 at or past <see cref="Count"/>): with <see cref="Finish"/>, <see cref="Read"/> split in two
    /// so that a thread issues all its loads of a tile before it uses any (the index needs no loaded value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly int SourceIndex(int i)
    {
        if (i >= Count)
        {
            return 0;
        }

        if (Mode == Causal)
        {
            return i;
        }

        if (Mode == Backward)
        {
            return Count - 1 - i;
        }

        if (i < Padding)
        {
            return Padding - i;
        }

        return i < Padding + Length ? i - Padding : (2 * Length) + Padding - 2 - i;
    }

    /// <summary>
    /// Sample <paramref name="i"/> from the value <paramref name="x"/> read at <see cref="SourceIndex"/>: x itself, the
    /// odd extension 2 e - x around the row's <paramref name="first"/> or <paramref name="last"/> sample (forward zero
    /// phase, computed as FilterRunner computes it), or 0 at or past <see cref="Count"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float Finish(int i, float x, float first, float last)
    {
        if (i >= Count)
        {
            return 0f;
        }

        if (Mode != Forward || (i >= Padding && i < Padding + Length))
        {
            return x;
        }

        return (2 * (i < Padding ? first : last)) - x;
    }

    /// <summary>Stores output sample <paramref name="i"/> of the pass.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Write(int i, float value)
    {
        if (Mode != Backward)
        {
            Out(i, value);
            return;
        }

        // The backward pass runs over the reversed padded signal: keep the middle, in order.
        int position = Count - 1 - i - Padding;
        if (position >= 0 && position < Length)
        {
            Out(position, value);
        }
    }

    /// <summary>Input sample <paramref name="i"/> of the pass's buffer (the scratch backwards, else the row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly float In(int i) => Mode == Backward ? Scratch[i] : Row[i];

    /// <summary>Stores output sample <paramref name="i"/> of the pass's buffer (the scratch forwards, else the row); a store in each branch, not a reference chosen by the mode (a generic pointer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Out(int i, float value)
    {
        if (Mode == Forward)
        {
            Scratch[i] = value;
        }
        else
        {
            Row[i] = value;
        }
    }
}
