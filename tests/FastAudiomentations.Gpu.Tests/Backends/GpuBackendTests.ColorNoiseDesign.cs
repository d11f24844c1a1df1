using FastAudiomentations.Gpu.Transforms.Noise;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>AddColorNoise's shaping filters designed on the device against the host's design (the CPU path's).</summary>
public abstract partial class GpuBackendTests
{
    [Theory]
    [InlineData(2, 44_100, false)]
    [InlineData(128, 44_100, false)]
    [InlineData(128, 16_000, false)]
    [InlineData(512, 48_000, false)]
    [InlineData(4096, 44_100, false)]
    [InlineData(2, 44_100, true)]
    [InlineData(6, 22_050, true)]
    [InlineData(128, 44_100, true)]
    [InlineData(128, 16_000, true)]
    [InlineData(254, 48_000, true)]
    public void ColorNoiseDesign_OnTheDevice_MatchesTheHostDesign(int nFft, int sampleRate, bool inGroups)
    {
        // One row per slope (brown to violet, white, pink) with and without A-weighting, and a row that does not apply
        // (its slot must stay as written). The device designs in float what the host designs in double: each tap may
        // differ by float rounding of the envelope (exp, ~1e-7 relative), of the inverse DFT's N/2 terms (each within
        // half an ulp of its product, so at most ~N/4 ulp of the largest term in the worst case, ~sqrt(N) typically)
        // and of the normalisation. ILGPU's CPU accelerator measured at most 1.9e-7, 8.2e-7 and 1.7e-6 of the largest tap at
        // nFft 128, 512 and 4096; CUDA's approximate exp adds ~2 ulp to the envelope. Bounds ~10x those.
        float[] slopes = [-6.02f, -3.01f, 0f, 3.01f, 6.02f, -6f, 4.5f];
        int rows = (2 * slopes.Length) + 1;
        int taps = ColorNoiseShaping.TapCount(nFft);
        int stride = 1 + taps;
        int[] applied = [.. Enumerable.Range(0, rows).Select(r => r == rows - 1 ? 0 : 1)];
        float[] table = new float[rows * stride];
        for (int r = 0; r < rows - 1; r++)
        {
            float decay = slopes[r % slopes.Length];
            table[r * stride] = 10f;
            table[(r * stride) + 1] = (float)(decay / (20.0 * Math.Log10(2.0)));
            table[(r * stride) + 2] = r >= slopes.Length ? 1f : 0f;
            table[(r * stride) + 3] = (float)((double)sampleRate / nFft);
        }

        Array.Fill(table, 7f, (rows - 1) * stride, stride);
        Accelerator accelerator = Device.Accelerator;
        using MemoryBuffer1D<int, Stride1D.Dense> ints = accelerator.Allocate1D(applied);
        using MemoryBuffer1D<float, Stride1D.Dense> floats = accelerator.Allocate1D(table);
        using MemoryBuffer1D<float, Stride1D.Dense> tables = accelerator.Allocate1D(ColorNoiseDesignKernel.Tables(nFft));
        var pass = new ColorNoiseDesignPass { AppliedOffset = 0, ParameterOffset = 0, ParameterStride = stride, NFft = nFft };
        if (inGroups)
        {
            // The colour kernel's own design (each group designs its row's taps into shared memory), stored where the
            // design kernel would have stored them.
            var kernel = accelerator.LoadKernel<ArrayView<int>, ArrayView<float>, ArrayView<float>, ColorNoiseDesignPass>(DesignInGroup);
            kernel(accelerator.DefaultStream, new KernelConfig(rows, Device.Kernels.GroupSize), ints.View, floats.View, tables.View, pass);
        }
        else
        {
            var kernel = accelerator.LoadKernel<ArrayView<int>, ArrayView<float>, ArrayView<float>, ColorNoiseDesignPass>(ColorNoiseDesignKernel.Run);
            kernel(accelerator.DefaultStream, new KernelConfig(rows, Device.Kernels.GroupSize), ints.View, floats.View, tables.View, pass);
        }

        accelerator.Synchronize();
        float[] designed = floats.GetAsArray1D();

        double bound = nFft >= 4096 ? 2e-5 : 4e-6;
        double[] work = new double[ColorNoiseShaping.WorkLength(nFft)];
        float[] host = new float[taps];
        (double Error, int Row, int Tap) worst = (0, -1, -1);
        for (int r = 0; r < rows - 1; r++)
        {
            ColorNoiseShaping.Design(host, work, slopes[r % slopes.Length], r >= slopes.Length, sampleRate, nFft);
            float largest = host.Max(MathF.Abs);
            float[] device = designed.AsSpan((r * stride) + 1, taps).ToArray();
            if (inGroups)
            {
                // The groups leave the unit-energy scaling out (AddColorNoise's SNR scale cancels it): compare the shape.
                double energy = device.Sum(g => (double)g * g);
                device = [.. device.Select(g => (float)(g / Math.Sqrt(energy)))];
            }

            Assert.Equal(10f, designed[r * stride]);
            for (int m = 0; m < taps; m++)
            {
                double error = Math.Abs(device[m] - host[m]) / largest;
                worst = error > worst.Error ? (error, r, m) : worst;
            }

            Assert.Equal(device, device.Reverse());
        }

        Assert.True(worst.Error <= bound, $"nFft {nFft}, {sampleRate} Hz: row {worst.Row}, tap {worst.Tap} differs by {worst.Error:E2} of the largest tap");

        Assert.All(designed.AsSpan((rows - 1) * stride, stride).ToArray(), value => Assert.Equal(7f, value));
    }

    /// <summary><see cref="ColorNoiseGroupDesign.Design"/> for row <c>Grid.IdxX</c>, its taps then stored over the row's slot as the design kernel stores them.</summary>
    private static void DesignInGroup(ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> tables, ColorNoiseDesignPass pass)
    {
        int row = Grid.IdxX;
        if (ints[pass.AppliedOffset + row] == 0)
        {
            return;
        }

        ArrayView<float> taps = SharedMemory.Allocate<float>(AddColorNoiseKernel.TapChunk);
        int slot = pass.ParameterOffset + (row * pass.ParameterStride);
        ColorNoiseGroupDesign.Inputs inputs = ColorNoiseGroupDesign.Inputs.Load(floats, tables, slot, pass.NFft);
        Group.Barrier();
        ColorNoiseGroupDesign.Design(inputs, tables, pass.NFft, taps);
        Group.Barrier();
        for (int m = Group.IdxX; m <= pass.NFft; m += Group.DimX)
        {
            floats[slot + 1 + m] = taps[m];
        }
    }
}
