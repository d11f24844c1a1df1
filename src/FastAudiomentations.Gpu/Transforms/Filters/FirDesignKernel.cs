using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// Designs every applied row's windowed-sinc taps on the device, into the buffer <see cref="FirKernel"/> then
/// reads (row x taps): one group per row, the first groups of the FIR's preparation launch (<see cref="FirKernel.Prepare"/>,
/// beside the halo copy). The arithmetic is the core's (<see cref="WindowedSincDesign"/>: the
/// same rotations, <see cref="WindowedSincDesign.HalfValue"/>, the same sum order, <see cref="WindowedSincDesign.Combine"/>),
/// from the rotation steps the host computed (<see cref="FirDesignInput"/>).
/// </summary>
/// <remarks>
/// Why on the device: a 101-tap design takes ~0.6-1 us per row on the host, and at B = 128 the host's designs
/// (~70-130 us even on its worker threads, bench/gpu-notes.md run 50) came before the FIR kernel's launch. Here a
/// row takes a few microseconds, all rows at once. The host walks each half sequentially; here only the rotations
/// are sequential (three of them, one thread each in separate warps: the window's cos and the two edges' sin),
/// then the group computes the values k = 0..M in parallel, one thread per edge sums them in the host's order
/// (h_0 + 2 h_1 + 2 h_2 ...), and the group normalises and stores both halves. Each step is the host's own
/// operation on the same operands, so the taps are the host's; a GPU may fuse a multiply-add of the rotation
/// where the host rounds twice, moving a tap by an ulp at most in rare cases.
/// </remarks>
internal static class FirDesignKernel
{
    /// <summary>Threads per group where the accelerator allows (four warps on CUDA: the three rotations walk in warps of their own).</summary>
    public const int GroupSize = 128;

    /// <summary>The most taps the kernel designs (M + 1 = 512 values per half in shared memory); longer designs stay on the host.</summary>
    public const int MaxTaps = 1023;

    private const int MaxHalf = (MaxTaps / 2) + 1;

    /// <summary>
    /// Designs row <paramref name="row"/>'s taps with the calling group (<see cref="GroupSize"/> threads, or what the
    /// accelerator allows): the first groups of <see cref="FirKernel.Prepare"/>, one per row.
    /// </summary>
    /// <param name="floats">The per-call float table (the rows' <see cref="FirDesignInput"/>).</param>
    /// <param name="taps">Receives each designed row's taps at row x <see cref="FirDesignPass.Taps"/>.</param>
    /// <param name="pass">The launch's design arguments.</param>
    /// <param name="row">The row this group designs.</param>
    public static void Design(ArrayView<float> floats, ArrayView<float> taps, FirDesignPass pass, int row)
    {
        ArrayView<double> window = SharedMemory.Allocate<double>(MaxHalf);
        ArrayView<double> upper = SharedMemory.Allocate<double>(MaxHalf);
        ArrayView<double> lower = SharedMemory.Allocate<double>(MaxHalf);
        ArrayView<double> sums = SharedMemory.Allocate<double>(2);
        int thread = Group.IdxX;
        long input = pass.InputOffset + ((long)row * FirDesignInput.Stride);
        if (floats[input] == 0)
        {
            return; // the whole group: the row is not applied
        }

        var band = (ButterworthBand)pass.Band;
        bool twoSided = band is ButterworthBand.BandPass or ButterworthBand.BandStop;
        int middle = pass.Taps / 2;
        double upperCutoff = DoubleBits.Read(floats, input + FirDesignInput.UpperOffset);
        double lowerCutoff = DoubleBits.Read(floats, input + FirDesignInput.LowerOffset);

        // The rotations, k = 0..M: the window's cos, the edges' sin (stored where their values will go), each on a
        // thread of its own warp where the group has them.
        int spacing = Math.Max(1, Group.DimX / 4);
        if (thread == 0)
        {
            Walk(floats, input + FirDesignInput.WindowOffset, window, middle, cos: true);
        }

        if (thread == spacing % Group.DimX)
        {
            Walk(floats, input + FirDesignInput.UpperOffset + 2, upper, middle, cos: false);
        }

        if (thread == (2 * spacing) % Group.DimX && twoSided)
        {
            Walk(floats, input + FirDesignInput.LowerOffset + 2, lower, middle, cos: false);
        }

        Group.Barrier();
        for (int k = thread; k <= middle; k += Group.DimX)
        {
            upper[k] = WindowedSincDesign.HalfValue(upperCutoff, k, upper[k], window[k]);
            if (twoSided)
            {
                lower[k] = WindowedSincDesign.HalfValue(lowerCutoff, k, lower[k], window[k]);
            }
        }

        Group.Barrier();
        if (thread == 0)
        {
            sums[0] = Sum(upper, middle);
        }

        if (thread == spacing % Group.DimX)
        {
            sums[1] = twoSided ? Sum(lower, middle) : 1;
        }

        Group.Barrier();
        long start = (long)row * pass.Taps;
        for (int k = thread; k <= middle; k += Group.DimX)
        {
            float tap = WindowedSincDesign.Combine(band, k, upper[k] / sums[0], twoSided ? lower[k] / sums[1] : 0);
            taps[start + middle + k] = tap;
            taps[start + middle - k] = tap;
        }
    }

    /// <summary>Walks the rotation whose step's cos and sin start at <paramref name="at"/>, storing its cos or sin for k = 0..M.</summary>
    private static void Walk(ArrayView<float> floats, long at, ArrayView<double> values, int middle, bool cos)
    {
        var rotation = new SincRotation(DoubleBits.Read(floats, at), DoubleBits.Read(floats, at + 2));
        for (int k = 0; k <= middle; k++)
        {
            values[k] = cos ? rotation.Cos : rotation.Sin;
            rotation.Advance();
        }
    }

    /// <summary>h_0 + 2 (h_1 + ... + h_M), added in the host's order.</summary>
    private static double Sum(ArrayView<double> values, int middle)
    {
        double sum = values[0];
        for (int k = 1; k <= middle; k++)
        {
            sum += 2 * values[k];
        }

        return sum;
    }
}
