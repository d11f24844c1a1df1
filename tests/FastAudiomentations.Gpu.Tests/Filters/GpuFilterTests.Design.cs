using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Tests.Helpers;
using FastAudiomentations.Tests.Transforms.Filters;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>
/// The rows' designs on the device (<see cref="ButterworthDesignKernel"/>, <see cref="FirDesignKernel"/>) against the
/// host's.
/// </summary>
public abstract partial class GpuFilterTests
{
    /// <summary>Every band.</summary>
    public static TheoryData<ButterworthBand> DesignBands => [ButterworthBand.LowPass, ButterworthBand.HighPass, ButterworthBand.BandPass, ButterworthBand.BandStop];

    [Theory]
    [MemberData(nameof(DesignBands))]
    public void DesignKernel_Records_EqualTheLegacyHostDesign(ButterworthBand band)
    {
        // 96 rows: every order 1..16 six times, edges log-uniform from 1 Hz to 0.45 fs (band designs: a second edge
        // 1.01-9 times the first), designed by the kernel from the host's pre-warped edges and compared with the
        // record the host wrote before the design moved (LegacyButterworthDesign's sections through IirRecord.Write).
        GpuDevice device = DesignDevice;
        const int Rows = 96;
        const double Fs = 44_100;
        int stride = IirRecord.Stride(ButterworthDesign.MaxOrder);
        var random = new System.Random(11);
        float[] inputs = new float[Rows * IirDesignInput.Stride];
        float[] expected = new float[Rows * stride];
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        for (int row = 0; row < Rows; row++)
        {
            int order = 1 + (row % ButterworthDesign.MaxOrder);
            (double low, double high) = RandomEdges(random, Fs);
            int count = band switch
            {
                ButterworthBand.LowPass => LegacyButterworthDesign.LowPass(order, low, Fs, sections),
                ButterworthBand.HighPass => LegacyButterworthDesign.HighPass(order, low, Fs, sections),
                ButterworthBand.BandPass => LegacyButterworthDesign.BandPass(order, low, high, Fs, sections),
                _ => LegacyButterworthDesign.BandStop(order, low, high, Fs, sections),
            };
            IirRecord.Write(expected.AsSpan(row * stride, stride), sections.AsSpan(0, count), padding: row);
            bool twoSided = band >= ButterworthBand.BandPass;
            IirDesignInput.Write(inputs.AsSpan(row * IirDesignInput.Stride, IirDesignInput.Stride), order, row, ButterworthDesign.Prewarp(low, Fs), twoSided ? ButterworthDesign.Prewarp(high, Fs) : 0);
        }

        float[] actual = Design(device, inputs, band, Rows, stride);
        for (int row = 0; row < Rows; row++)
        {
            int at = row * stride;
            Assert.Equal(expected[at], actual[at]);
            Assert.Equal(expected[at + 1], actual[at + 1]);
            double previous = 0;
            for (int m = 0; m < (int)expected[at]; m++)
            {
                int entry = at + IirRecord.HeaderFloats + (m * IirRecord.SectionFloats);
                double radius = Radius(expected, entry);
                AssertEntry(expected, actual, entry, radius, $"{band} row {row} (order {1 + (row % 16)}), section {m}", device.Backend == GpuBackend.CpuSimulator);

                // Band designs place their sections by increasing pole radius (the kernel ranks them, a thread each).
                double placed = Radius(actual, entry);
                Assert.True(placed >= previous - 1e-6, $"{band} row {row}: section {m} (radius {placed}) after one of radius {previous}");
                previous = placed;
            }
        }
    }

    [Fact]
    public void HostAndDeviceDesigns_GiveTheSameOutput()
    {
        // The same call with every row designed on the host (small batches) and on the device: on ILGPU's CPU
        // accelerator the device runs the host's code in the same arithmetic, so the outputs are equal bit for bit;
        // a GPU may fuse multiply-adds in the design's double arithmetic, so there they agree to the filters' tolerance.
        GpuDevice device = DesignDevice;
        Transform[] transforms =
        [
            new BandPassFilter(p: 1),
            new BandStopFilter(minRolloffDbPerOctave: 6, maxRolloffDbPerOctave: 96, mode: TransformMode.PerChannel, p: 1),
            new LowPassFilter(zeroPhase: true, p: 1),
            new HighPassFilter(minRolloffDbPerOctave: 6, maxRolloffDbPerOctave: 96, p: 0.7),
            new LowPassFilter(design: FilterDesign.WindowedSinc, p: 0.7),
            new HighPassFilter(design: FilterDesign.WindowedSinc, firTaps: 1023, zeroPhase: true, p: 1),
            new BandPassFilter(design: FilterDesign.WindowedSinc, firTaps: 31, mode: TransformMode.PerChannel, p: 1),
            new BandStopFilter(design: FilterDesign.WindowedSinc, p: 1),
        ];
        float[][][] clips = [[Signals.Noise(3000, 1), Signals.Noise(3000, 2)], [Signals.Noise(1700, 3), Signals.Noise(1700, 4)], [Signals.Noise(5, 5), Signals.Noise(5, 6)]];
        FilterLaunchers filters = device.Kernels.Filters;
        int saved = filters.HostDesignRows;
        try
        {
            foreach (Transform transform in transforms)
            {
                filters.HostDesignRows = int.MaxValue;
                float[][][] host = Apply(device, transform, clips);
                filters.HostDesignRows = 0;
                float[][][] onDevice = Apply(device, transform, clips);
                for (int b = 0; b < clips.Length; b++)
                {
                    for (int c = 0; c < clips[b].Length; c++)
                    {
                        if (device.Backend == GpuBackend.CpuSimulator)
                        {
                            Assert.Equal(host[b][c], onDevice[b][c]);
                        }
                        else
                        {
                            double scale = Math.Max(1e-30, host[b][c].Max(MathF.Abs));
                            double worst = host[b][c].Zip(onDevice[b][c], (x, y) => Math.Abs(x - y)).DefaultIfEmpty(0).Max();
                            Assert.True(worst <= 2e-5 * scale, $"{transform.Name} clip {b} channel {c}: host vs device design differ by {worst:E3} (scale {scale:E3})");
                        }
                    }
                }
            }
        }
        finally
        {
            filters.HostDesignRows = saved;
        }
    }

    [Theory]
    [MemberData(nameof(DesignBands))]
    public void FirDesignKernel_Taps_EqualTheHostDesign(ButterworthBand band)
    {
        // 64 rows per tap count, edges log-uniform from 1 Hz to 0.49 fs (band designs: an upper edge 1.01-9 times the
        // lower), one row in eight not applied (its taps must stay untouched). The host designs with the core's
        // WindowedSincDesign; the kernel runs the same rotations and sums from the host's rotation steps, so on the
        // CPU accelerator the taps are equal bit for bit. A GPU may fuse a rotation's multiply-add where the host rounds
        // twice: the values move by ~1e-16, which changes a float tap only when it lies that close to a rounding
        // boundary, by one ulp of the tap.
        GpuDevice device = DesignDevice;
        const int Rows = 64;
        const double Fs = 44_100;
        var random = new System.Random(17);
        foreach (int taps in new[] { 1, 3, 101, FirDesignKernel.MaxTaps })
        {
            float[] inputs = new float[Rows * FirDesignInput.Stride];
            float[] expected = new float[Rows * taps];
            Array.Fill(expected, -7f);
            for (int row = 0; row < Rows; row++)
            {
                (double low, double high) = RandomEdges(random, Fs);
                Span<float> input = inputs.AsSpan(row * FirDesignInput.Stride, FirDesignInput.Stride);
                if (row % 8 == 5)
                {
                    FirDesignInput.WriteNone(input);
                    continue;
                }

                Span<float> rowTaps = expected.AsSpan(row * taps, taps);
                switch (band)
                {
                    case ButterworthBand.LowPass: WindowedSincDesign.LowPass(low, Fs, rowTaps); break;
                    case ButterworthBand.HighPass: WindowedSincDesign.HighPass(low, Fs, rowTaps); break;
                    case ButterworthBand.BandPass: WindowedSincDesign.BandPass(low, high, Fs, rowTaps); break;
                    default: WindowedSincDesign.BandStop(low, high, Fs, rowTaps); break;
                }

                WindowedSincDesign.Edges(band, low, high, Fs, out SincEdge upper, out SincEdge lower);
                FirDesignInput.Write(input, upper, lower, SincRotation.Window(taps));
            }

            float[] actual = DesignFir(device, inputs, band, Rows, taps);
            for (int i = 0; i < actual.Length; i++)
            {
                float e = expected[i], a = actual[i];
                float ulp = MathF.BitIncrement(MathF.Abs(e)) - MathF.Abs(e);
                bool close = device.Backend == GpuBackend.CpuSimulator ? a.Equals(e) : Math.Abs(a - e) <= ulp;
                Assert.True(close, $"{band}, {taps} taps, row {i / taps}, tap {i % taps}: {a:R} (device) vs {e:R} (host)");
            }
        }
    }

    /// <summary>The device, where it can design rows (64-bit float arithmetic in its kernels: see FilterLaunchers).</summary>
    private GpuDevice DesignDevice
    {
        get
        {
            GpuDevice device = Device;
            if (!device.Kernels.Filters.DeviceDesign)
            {
                Assert.Skip($"{_fixture.Backend}: the context lowers 64-bit float math to 32 bits (MathMode.Fast32BitOnly); rows are designed on the host.");
            }

            return device;
        }
    }

    private static float[][][] Apply(GpuDevice device, Transform transform, float[][][] clips)
    {
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        transform.Apply(batch, seed: 21);
        return batch.ToChannelArrays();
    }

    private static float[] Design(GpuDevice device, float[] inputs, ButterworthBand band, int rows, int stride)
    {
        using MemoryBuffer1D<float, Stride1D.Dense> input = device.Accelerator.Allocate1D(inputs);
        using MemoryBuffer1D<float, Stride1D.Dense> records = device.Accelerator.Allocate1D<float>(rows * stride);
        records.MemSetToZero();
        FilterLaunchers filters = device.Kernels.Filters;
        filters.Design!(device.Stream, new KernelConfig(rows, ButterworthDesignKernel.GroupSize), input.View, filters.Prototypes, records.View, new ButterworthDesignPass { InputOffset = 0, Band = (int)band, RecordStride = stride });
        device.Stream.Synchronize();
        return records.GetAsArray1D();
    }

    /// <summary>A lower edge log-uniform from 1 Hz to 0.45 fs, and an upper one 1.01-9 times it, below 0.49 fs.</summary>
    private static (double Low, double High) RandomEdges(System.Random random, double fs)
    {
        double low = Math.Exp(random.NextDouble() * Math.Log(0.45 * fs));
        return (low, Math.Min(low * (1.01 + (random.NextDouble() * 8)), 0.49 * fs));
    }

    private static float[] DesignFir(GpuDevice device, float[] inputs, ButterworthBand band, int rows, int taps)
    {
        using MemoryBuffer1D<float, Stride1D.Dense> input = device.Accelerator.Allocate1D(inputs);
        using MemoryBuffer1D<float, Stride1D.Dense> output = device.Accelerator.Allocate1D(Enumerable.Repeat(-7f, rows * taps).ToArray());
        FilterLaunchers filters = device.Kernels.Filters;
        // The preparation launch with design groups only (no tiles to copy halos for).
        var design = new FirDesignPass { Rows = rows, InputOffset = 0, Band = (int)band, Taps = taps };
        filters.FirPrepare!(device.Stream, new KernelConfig(rows, filters.PrepareGroupSize), output.View, output.View, input.View.AsContiguous().Cast<int>(), input.View, output.View, default, design);
        device.Stream.Synchronize();
        return output.GetAsArray1D();
    }

    /// <summary>
    /// One section's record entry. The section itself (9 floats): within 2.5e-7 of its largest coefficient (the
    /// designs agree to a float ulp or two: see ButterworthLegacyTests), 1e-6 on a GPU (fused multiply-adds, see the loop); the DC gain relative to the larger of itself
    /// and that scale (see the loop). What is derived from it in double is as
    /// sensitive as the float recursion itself to a one-ulp change of the section (on a GPU, whose fused
    /// multiply-adds may move a coefficient by one ulp): the steady state and DC gain by 2 ulp / (1 - r) relative
    /// (their denominators (1 - p1)(1 - p2)), the levels A^n by n |dA| r^(n-1) &lt;= |dA| / (e (1 - r)) absolute,
    /// r the pole radius; where the sections are equal, everything is.
    /// </summary>
    private static void AssertEntry(float[] expected, float[] actual, int entry, double radius, string what, bool cpuAccelerator)
    {
        double scale = 0;
        for (int j = 0; j < 9; j++)
        {
            scale = Math.Max(scale, Math.Abs(expected[entry + j]));
        }

        double sensitivity = 1 / Math.Max(1 - radius, 1e-6);
        for (int j = 0; j < IirRecord.SectionFloats; j++)
        {
            double e = expected[entry + j], a = actual[entry + j];
            // The DC gain D + C (I - A)^-1 B of a high-pass or band-pass section is a cancellation (a zero at z = 1 makes
            // it ~0): its error scales with its terms, the section's scale, not with the near-zero result, and a GPU's
            // fused multiply-adds change the residue (H100: 4.72e-8 against 4.75e-8 for a high-pass section of scale ~1).
            // On a GPU the design's double arithmetic fuses multiply-adds where the host rounds twice; a coefficient
            // formed by cancellation (C2 = (beta0 + sigma beta1) / kappa) then moves by a few float ulps (H100: 4e-7 of
            // the scale for a band-pass section of order 4), so there the section's own bound is 1e-6 of its scale.
            double sectionBound = cpuAccelerator ? 2.5e-7 : 1e-6;
            double tolerance = j < IirRecord.PerUnitOffset ? sectionBound * scale
                : j < IirRecord.DcGainOffset ? sectionBound * Math.Abs(e) * sensitivity
                : j == IirRecord.DcGainOffset ? sectionBound * Math.Max(Math.Abs(e), scale) * sensitivity
                : (1e-7 * sensitivity) + 1e-9;
            Assert.True(Math.Abs(a - e) <= tolerance, $"{what}, float {j}: {a:R} (device) vs {e:R} (host), tolerance {tolerance:E2}");
        }
    }

    /// <summary>The largest eigenvalue magnitude of the entry's state matrix A.</summary>
    private static double Radius(float[] record, int entry)
    {
        double a11 = record[entry], a12 = record[entry + 1], a21 = record[entry + 2], a22 = record[entry + 3];
        double half = (a11 + a22) / 2, det = (a11 * a22) - (a12 * a21);
        double disc = (half * half) - det;
        return disc < 0 ? Math.Sqrt(det) : Math.Abs(half) + Math.Sqrt(disc);
    }
}
