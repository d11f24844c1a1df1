using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Where the kernels of a call whose table travels as their argument (<see cref="InlineTable"/>) count their groups (a
/// single pass's arrival counters and peak words, AddColorNoise's arrivals): a device buffer of two halves that such
/// calls take in turn. A call's kernels count in its half from zero, at their table offsets past its start, and clear
/// the other half, which the next such call takes.
/// </summary>
/// <remarks>
/// <para>Why: a call that copies its table counts in it (zeros that the copy wrote); a table that travels as a kernel
/// argument is never copied to the device, and a kernel cannot write its arguments.</para>
/// <para>Why two halves: a call's counters are in use until its last group ends, so they cannot clear themselves
/// without a last-group protocol; the next call's half can be cleared at any time by any group, because calls run in
/// stream order and the call before it (the half's last user) has ended. A half is cleared up to the most words any call
/// has counted in since the buffer was made, so a larger call after a smaller one still finds zeros.</para>
/// </remarks>
internal sealed class CallCounters
{
    private int _half;
    private int _parity;
    private int _used;

    /// <summary>Where one call counts.</summary>
    /// <param name="View">The whole buffer.</param>
    /// <param name="Base">Where the call's half starts: its counters are View[Base + slot].</param>
    /// <param name="Other">Where the other half starts.</param>
    /// <param name="Clear">Words of the other half the call's kernels zero.</param>
    public readonly record struct Halves(ArrayView<int> View, int Base, int Other, int Clear);

    /// <summary>
    /// Which half the last call that counts took. A call prepared ahead and then dropped never ran, so neither counted in
    /// its half nor cleared the other: restoring the parity read before it took its half gives the next call the half
    /// that the last call to run cleared.
    /// </summary>
    public int Parity
    {
        get => _parity;
        set => _parity = value;
    }

    /// <summary>The half for a call that counts in <paramref name="needed"/> words (0: the call counts nothing; nothing changes).</summary>
    public Halves Take(DeviceMemoryPool pool, AcceleratorStream stream, int needed)
    {
        if (needed == 0)
        {
            return new Halves(pool.Counters(stream, Math.Max(2L * _half, 2), out _), 0, 0, 0);
        }

        int half = Math.Max(_half, needed);
        ArrayView<int> view = pool.Counters(stream, 2L * half, out bool grown);
        if (grown)
        {
            // A new buffer is all zeros: both halves are free.
            _half = (int)(view.Length / 2);
            _used = 0;
        }

        _parity ^= 1;
        _used = Math.Max(_used, needed);
        return new Halves(view, _parity * _half, (1 - _parity) * _half, _used);
    }

    /// <summary>
    /// Zeroes words [0, <paramref name="clear"/>) of the other half at <paramref name="other"/>, spread over the launch's
    /// groups; every group of the launch must call it (a group that returned before would leave its words). Device code.
    /// </summary>
    public static void ClearOther(ArrayView<int> counters, int other, int clear)
    {
        int stride = Grid.DimX * Group.DimX;
        for (int i = (Grid.IdxX * Group.DimX) + Group.IdxX; i < clear; i += stride)
        {
            counters[other + i] = 0;
        }
    }
}
