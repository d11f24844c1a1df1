using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>
/// <see cref="ColorNoiseShaping.Design"/> on the device: one group per row designs the row's shaping filter into its
/// parameter slot of the device's float table, where the colour kernel reads it (<see cref="AddColorNoiseKernel"/>).
/// </summary>
/// <remarks>
/// <para>Why: on the host a design costs ~1.5-2.5 us at nFft 128 (65 exponentials and a 63-term product per tap pair),
/// per clip and call; at B = 128 the designs and their 66 KB of taps in the table were most of AddColorNoise's ~110 us
/// of host time beside ~525 us of kernels (bench/gpu-notes.md). Here a row's 129 taps take a group a few microseconds,
/// all rows at once.</para>
/// <para>The same formula as the host's, in float: the envelope A_k = exp(a ln max(k, 1)) (times the A-weighting gain
/// if asked), the inverse DFT h[n] = (A_0 + (-1)^n A_{N/2} + sum_{k=1}^{N/2-1} A_k 2 cos(2 pi k n / N)) / N (the end tap
/// halved), the squared Hann window, unit energy. The tables (ln max(k, 1), 2 cos(2 pi j / N), the window) are the host
/// design's own (<see cref="ColorNoiseDesignTables"/>) rounded to float. Against the host's double arithmetic the taps
/// differ by float rounding (tested: GpuColorNoiseDesignTests); the noise they colour keeps AddColorNoise's tolerance.</para>
/// <para>Inputs per row, written by the host into the row's slot [SNR dB, slope a, A-weighting 0/1, bin width Hz]: the
/// design's parameters come from the row whose draw the row uses (its clip's first applied channel in per-example mode,
/// the batch's first applied row in per-batch mode), so rows that share a draw compute the same taps. A group reads its
/// inputs before the barriers that precede its first tap store, which overwrites them.</para>
/// </remarks>
internal static class ColorNoiseDesignKernel
{
    /// <summary>Floats of shared memory for the envelope and the half response at the largest nFft (2 x (4096 / 2 + 1)).</summary>
    private const int SharedFloats = 2 * ((AddColorNoise.MaxNFft / 2) + 1);

    /// <summary>The design kernel: group r designs row r's taps when the row applies.</summary>
    /// <param name="ints">The per-call integer table (applied flags).</param>
    /// <param name="floats">The per-call float table: the rows' inputs in, their taps out.</param>
    /// <param name="tables">[ln max(k, 1), k = 0..N/2 | 2 cos(2 pi j / N), j = 0..N-1 | window^2 of taps N/2 +- n, n = 0..N/2].</param>
    /// <param name="pass">The launch's arguments.</param>
    public static void Run(ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> tables, ColorNoiseDesignPass pass)
    {
        int row = Grid.IdxX;
        if (ints[pass.AppliedOffset + row] == 0)
        {
            return;
        }

        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int n = pass.NFft;
        int half = n / 2;
        int slot = pass.ParameterOffset + (row * pass.ParameterStride);
        float slope = floats[slot + 1];
        bool aWeighting = floats[slot + 2] != 0f;
        float binHz = floats[slot + 3];
        ArrayView<float> logBins = tables.SubView(0, half + 1);
        ArrayView<float> cosines = tables.SubView(half + 1, n);
        ArrayView<float> window = tables.SubView(half + 1 + n, half + 1);
        ArrayView<float> shared = SharedMemory.Allocate<float>(SharedFloats);
        ArrayView<float> envelope = shared.SubView(0, half + 1);
        ArrayView<float> response = shared.SubView(half + 1, half + 1);

        for (int k = tid; k <= half; k += groupSize)
        {
            float value = MathF.Exp(slope * logBins[k]);
            envelope[k] = aWeighting ? value * AWeighting.GainSingle(k * binHz) : value;
        }

        Group.Barrier();

        // Tap pair n: the inverse DFT at n (the basis row's cosines stepped by n, with one wrap since n <= N/2), windowed.
        float energy = 0f;
        for (int m = tid; m <= half; m += groupSize)
        {
            float sum = envelope[0] + ((m & 1) == 0 ? envelope[half] : -envelope[half]);
            int index = 0;
            for (int k = 1; k < half; k++)
            {
                index += m;
                if (index >= n)
                {
                    index -= n;
                }

                sum += envelope[k] * cosines[index];
            }

            float h = sum / n;
            if (m == half)
            {
                h *= 0.5f;
            }

            float g = h * window[m];
            response[m] = g;
            energy += m == 0 ? g * g : 2f * g * g;
        }

        // Sum of g^2 over the group in a fixed order; its barriers also make the response visible to every thread.
        float unused = 0f;
        GroupReduce.SumSum(ref energy, ref unused);
        float scale = energy > 0f ? 1f / MathF.Sqrt(energy) : 1f;
        for (int m = tid; m <= half; m += groupSize)
        {
            float g = response[m] * scale;
            floats[slot + 1 + half + m] = g;
            floats[slot + 1 + half - m] = g;
        }
    }

    /// <summary>The tables <see cref="Run"/> reads for <paramref name="nFft"/>, from the host design's own.</summary>
    public static float[] Tables(int nFft)
    {
        ColorNoiseDesignTables tables = ColorNoiseDesignTables.For(nFft);
        int half = nFft / 2;
        float[] values = new float[(half + 1) + nFft + (half + 1)];
        for (int k = 0; k <= half; k++)
        {
            values[k] = (float)tables.LogBins[k];
            values[half + 1 + nFft + k] = (float)tables.WindowSquared[k];
        }

        for (int j = 0; j < nFft; j++)
        {
            values[half + 1 + j] = (float)(2.0 * tables.Cosines[j]);
        }

        return values;
    }
}
