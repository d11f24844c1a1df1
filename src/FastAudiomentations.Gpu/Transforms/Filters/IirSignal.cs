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

    /// <summary>Where the pass reads.</summary>
    public ArrayView<float> Input;

    /// <summary>Where the pass writes.</summary>
    public ArrayView<float> Output;

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
            return Input[i];
        }

        if (Mode == Backward)
        {
            return Input[Count - 1 - i];
        }

        // scipy's odd extension, 2 x[0] - x[P - i] and 2 x[T-1] - x[2T + P - 2 - i], as FilterRunner computes it.
        if (i < Padding)
        {
            return (2 * Input[0]) - Input[Padding - i];
        }

        if (i < Padding + Length)
        {
            return Input[i - Padding];
        }

        return (2 * Input[Length - 1]) - Input[(2 * Length) + Padding - 2 - i];
    }

    /// <summary>
    /// Where sample <paramref name="i"/> of the pass's signal is read from in <see cref="Input"/> (0 at or past
    /// <see cref="Count"/>): with <see cref="Finish"/>, <see cref="Read"/> split in two so that a thread issues all
    /// its loads of a tile before it uses any (the index needs no loaded value).
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
            Output[i] = value;
            return;
        }

        // The backward pass runs over the reversed padded signal: keep the middle, in order.
        int position = Count - 1 - i - Padding;
        if (position >= 0 && position < Length)
        {
            Output[position] = value;
        }
    }
}
