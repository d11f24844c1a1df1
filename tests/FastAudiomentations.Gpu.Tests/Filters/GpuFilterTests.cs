using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Tests.Backends;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;
using FastAudiomentations.Tests.Transforms.Filters;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>
/// The filter kernels beyond the table's equivalence tests: they run natively without steady-state
/// allocation, carry their states across long rows with band edges of 1-5 Hz (checked against scipy-style
/// double-precision loops over the very sections the row was designed with), reach every order and long FIR
/// kernels. Written once, run by one thin class per backend.
/// </summary>
public abstract partial class GpuFilterTests
{
    private readonly GpuDeviceFixture _fixture;

    /// <summary>Binds the suite to one backend's device.</summary>
    protected GpuFilterTests(GpuDeviceFixture fixture) => _fixture = fixture;

    /// <summary>Filter rows of <see cref="TransformTable"/>.</summary>
    public static TheoryData<string> FilterRows => [.. TransformTable.Names.Select(row => (string)row.Data).Where(name => name.Contains("Filter", StringComparison.Ordinal))];

    /// <summary>Long rows with the lowest cutoffs and band edges the defaults allow, causal and zero phase.</summary>
    public static TheoryData<string> LowCutoffCases =>
    [
        "BandPass 1-5 Hz 24 dB/oct", "BandPass 1-5 Hz zero-phase 24 dB/oct", "BandStop 1-5 Hz 12-36 dB/oct",
        "HighPass 1-5 Hz 48 dB/oct", "LowPass 1-5 Hz 24 dB/oct", "HighPass 1-5 Hz zero-phase 48 dB/oct",
    ];

    /// <summary>Samples per row of the long-row test (100,000 on a GPU; fewer on the slow CPU accelerator, still hundreds of tiles).</summary>
    protected abstract int LongLength { get; }

    private GpuDevice Device
    {
        get
        {
            GpuDevice? device = _fixture.Device;
            if (device is null)
            {
                Assert.Skip($"No {_fixture.Backend} device on this machine.");
            }

            return device;
        }
    }

    [Theory]
    [MemberData(nameof(FilterRows))]
    public void FilterRow_RunsNatively_AndAllocatesNothingInSteadyState(string name)
    {
        Transform transform = TransformTable.Create(name);
        Assert.True(Device.RunsNatively(transform), $"{name} runs through the host fallback");
        // Short clips: the table's allocation test covers long ones; here the point is the filter's own path.
        SteadyStateAllocation.AssertNone(Device, transform, [700, 1, 0, 333], calls: 5);
    }

    [Theory]
    [MemberData(nameof(LowCutoffCases))]
    public void LongRows_WithEdgesOf1To5Hz_MatchDoublePrecision(string name)
    {
        // Poles within 1e-3 of z = 1 at 44.1 kHz: states thousands of times the signal and responses that
        // decay over ~10^5 samples, so every tile's start state comes through the carry. Three rows, each
        // with its own drawn parameters.
        float[][][] clips = [[Signals.Noise(LongLength, 1)], [Signals.Noise(LongLength - 777, 2)], [Signals.Noise(LongLength / 3, 3)]];
        AssertMatchesDoublePrecision(LowCutoff(name), clips, 44_100, name);
    }

    [Theory]
    [InlineData("BandPass 1-5 Hz 24 dB/oct")]
    [InlineData("HighPass 1-5 Hz zero-phase 48 dB/oct")]
    public void LookBack_ThroughAggregatesOnly_ComposesEveryTileBefore(string name)
    {
        // Normally a tile finds the inclusive end state of a tile just before it; here no tile after the first
        // publishes one, so every look-back composes the aggregates of all tiles before it, a round of one
        // warp's worth of tiles at a time: the path a GPU takes when its tiles run side by side.
        GpuDevice device = Device;
        float[][][] clips = [[Signals.Noise(LongLength, 4)], [Signals.Noise(LongLength / 2, 5)]];
        device.Kernels.Filters.AggregatesOnly = true;
        try
        {
            AssertMatchesDoublePrecision(LowCutoff(name), clips, 44_100, name);
        }
        finally
        {
            device.Kernels.Filters.AggregatesOnly = false;
        }
    }

    [Theory]
    [InlineData(255, false)]
    [InlineData(255, true)]
    [InlineData(4095, false)]
    [InlineData(4095, true)]
    public void Fir_WithLongKernels_EqualsCpu(int taps, bool zeroPhase)
    {
        // The taps' reach spans several tiles (a tile is 2048 outputs on a GPU, 128 on the CPU accelerator), and
        // the short clips are shorter than the kernel: every output reads held edge samples and halo copies.
        var transform = new BandStopFilter(design: FilterDesign.WindowedSinc, firTaps: taps, zeroPhase: zeroPhase, p: 1);
        float[][] clips = Signals.NoiseClips(5, [3000, 100, 1, 2500, 0, 3]);
        float[][] cpu = Run(new CpuDevice(2), transform, clips, TransformTable.SampleRate);
        float[][] gpu = Run(Device, transform, clips, TransformTable.SampleRate);
        for (int b = 0; b < clips.Length; b++)
        {
            GpuTolerances.Fir(taps).AssertClose(cpu[b], gpu[b], Tolerance.Scale(clips[b], cpu[b]), $"{taps} taps, zero phase {zeroPhase}, clip {b}");
        }
    }

    [Theory]
    [InlineData(101, false, 1)]
    [InlineData(101, true, 2)]
    [InlineData(4095, false, 2)]
    [InlineData(4095, true, 1)]
    public void Fir_SmallGridsWithoutHaloCopy_EqualTheHaloPath(int taps, bool zeroPhase, int clipCount)
    {
        // A grid that fits on the device at once skips the halo copy: tiles read their neighbours' samples from the batch
        // and hand over with flags in the table (FirPass.Handshake). 9,000 and 4,500 samples are five and three tiles of
        // 2,048 on a GPU; 4,095 taps reach two tiles each way. The same loads and sums as the halo path: equal bit for
        // bit, and to the CPU within the FIR tolerance. Only on CUDA: the CPU accelerator runs groups one at a time.
        FilterLaunchers filters = Device.Kernels.Filters;
        if (!filters.FirHandshake(1))
        {
            Assert.Skip($"{_fixture.Backend}: groups do not run side by side; every FIR launch copies its halo.");
        }

        var transform = new BandPassFilter(design: FilterDesign.WindowedSinc, firTaps: taps, zeroPhase: zeroPhase, p: 1);
        int[] lengths = [9000, 4500];
        float[][] clips = Signals.NoiseClips(8, lengths[..clipCount]);
        bool saved = filters.FirHandshakes;
        float[][] halo, handshake;
        try
        {
            filters.FirHandshakes = false;
            halo = Run(Device, transform, clips, TransformTable.SampleRate);
            filters.FirHandshakes = true;
            handshake = Run(Device, transform, clips, TransformTable.SampleRate);
        }
        finally
        {
            filters.FirHandshakes = saved;
        }

        float[][] cpu = Run(new CpuDevice(2), transform, clips, TransformTable.SampleRate);
        for (int b = 0; b < clips.Length; b++)
        {
            Assert.Equal(halo[b], handshake[b]);
            GpuTolerances.Fir(taps).AssertClose(cpu[b], handshake[b], Tolerance.Scale(clips[b], cpu[b]), $"{taps} taps, zero phase {zeroPhase}, clip {b}");
        }
    }

    [Fact]
    public void HighestOrders_AndPerChannelParameters_MatchDoublePrecision()
    {
        // 16 sections (band filters at 96 dB/octave), 8 per pass (zero-phase low-pass at 96), and per-channel
        // draws, so that neighbouring rows of one clip have different records.
        Transform[] transforms =
        [
            new BandPassFilter(minRolloffDbPerOctave: 96, maxRolloffDbPerOctave: 96, p: 1),
            new BandStopFilter(minRolloffDbPerOctave: 90, maxRolloffDbPerOctave: 96, mode: TransformMode.PerChannel, p: 1),
            new LowPassFilter(minRolloffDbPerOctave: 96, maxRolloffDbPerOctave: 96, zeroPhase: true, p: 1),
            new HighPassFilter(minRolloffDbPerOctave: 6, maxRolloffDbPerOctave: 96, mode: TransformMode.PerChannel, p: 1),
        ];
        float[][][] clips =
        [
            [Signals.Noise(6000, 1), Signals.Noise(6000, 2)],
            [Signals.Noise(1500, 3), Signals.Noise(1500, 4)],
            [Signals.Noise(1, 5), Signals.Noise(1, 6)],
        ];
        foreach (Transform transform in transforms)
        {
            AssertMatchesDoublePrecision(transform, clips, TransformTable.SampleRate, transform.Name);
        }
    }

    /// <summary>
    /// Applies <paramref name="transform"/> on the device, replays its plan on the CPU device, and compares both
    /// with sosfilt / sosfiltfilt in double over the sections the core designs from each row's parameters.
    /// </summary>
    private void AssertMatchesDoublePrecision(Transform transform, float[][][] clips, int sampleRate, string what)
    {
        using AudioBatch batch = Device.Upload(clips, sampleRate);
        AugmentationPlan plan = transform.Apply(batch, seed: 12);
        float[][][] gpu = batch.ToChannelArrays();
        float[][][] cpu = CpuReplay.Channels(transform, clips, plan, sampleRate);
        int channels = clips[0].Length;
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                float[] x = clips[b][c];
                double[] expected = Reference(transform, plan.Steps[0], (b * channels) + c, x, sampleRate);
                double scale = Math.Max(Peak(x), Peak(expected));
                double gpuError = MaxError(gpu[b][c], expected);
                double cpuError = MaxError(cpu[b][c], expected);

                // Both run the same float recursion; for poles near z = 1 and long cascades its own rounding
                // dominates whatever the chunking (the core measured -67 dB relative RMS for a 1-399 Hz band
                // of order 4 against double). So the GPU must be as close to double as the CPU path (twice
                // its error, for a different rounding pattern) plus 2e-5 of the scale, the core's bound for
                // ordinary designs. A wrong carry, level or start state errs by the size of the states.
                Assert.True(
                    gpuError <= (2 * cpuError) + (2e-5 * scale),
                    $"{what}, clip {b}, channel {c}: GPU error {gpuError:E3}, CPU error {cpuError:E3}, scale {scale:E3}");
            }
        }
    }

    private static Transform LowCutoff(string name) => name switch
    {
        // Centre 3-3.5 Hz, bandwidth 1.2-1.3 times it: edges from 1.05-1.4 Hz up to 4.8-5.8 Hz.
        "BandPass 1-5 Hz 24 dB/oct" => new BandPassFilter(3, 3.5, 1.2, 1.3, 24, 24, p: 1),
        "BandPass 1-5 Hz zero-phase 24 dB/oct" => new BandPassFilter(3, 3.5, 1.2, 1.3, 24, 24, zeroPhase: true, p: 1),
        "BandStop 1-5 Hz 12-36 dB/oct" => new BandStopFilter(3, 3.5, 1.2, 1.3, 12, 36, mode: TransformMode.PerChannel, p: 1),
        "HighPass 1-5 Hz 48 dB/oct" => new HighPassFilter(1, 5, 48, 48, p: 1),
        "LowPass 1-5 Hz 24 dB/oct" => new LowPassFilter(1, 5, 24, 24, p: 1),
        "HighPass 1-5 Hz zero-phase 48 dB/oct" => new HighPassFilter(1, 5, 48, 48, zeroPhase: true, p: 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown case."),
    };

    /// <summary>sosfilt or sosfiltfilt in double over the sections the core designs from row <paramref name="row"/>'s parameters.</summary>
    private static double[] Reference(Transform transform, PlannedStep step, int row, float[] x, int sampleRate)
    {
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        (int count, int taps, bool zeroPhase) = transform switch
        {
            BandPassFilter f => Design(f.DesignSections(Row<BandPassFilterParameters>(step, row), sampleRate, sections), f.FiltFiltTaps(Row<BandPassFilterParameters>(step, row)), f.ZeroPhase),
            BandStopFilter f => Design(f.DesignSections(Row<BandStopFilterParameters>(step, row), sampleRate, sections), f.FiltFiltTaps(Row<BandStopFilterParameters>(step, row)), f.ZeroPhase),
            HighPassFilter f => Design(f.DesignSections(Row<HighPassFilterParameters>(step, row), sampleRate, sections), f.FiltFiltTaps(Row<HighPassFilterParameters>(step, row)), f.ZeroPhase),
            LowPassFilter f => Design(f.DesignSections(Row<LowPassFilterParameters>(step, row), sampleRate, sections), f.FiltFiltTaps(Row<LowPassFilterParameters>(step, row)), f.ZeroPhase),
            _ => throw new ArgumentOutOfRangeException(nameof(transform)),
        };
        return zeroPhase ? FilterReference.FiltFilt(x, sections.AsSpan(0, count), taps) : FilterReference.Filter(x, sections.AsSpan(0, count));
    }

    private static (int Count, int Taps, bool ZeroPhase) Design(int count, int taps, bool zeroPhase) => (count, taps, zeroPhase);

    private static TParams Row<TParams>(PlannedStep step, int row)
        where TParams : unmanaged
    {
        Assert.True(step.Applied[row]);
        return ((PlannedStep<TParams>)step).Parameters[row];
    }

    private static float[][] Run(AudioDevice device, Transform transform, float[][] clips, int sampleRate)
    {
        try
        {
            using AudioBatch batch = device.Upload(clips, sampleRate);
            transform.Apply(batch, seed: 6);
            return batch.ToArrays();
        }
        finally
        {
            if (device is CpuDevice)
            {
                device.Dispose();
            }
        }
    }

    private static double MaxError(float[] actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int t = 0; t < actual.Length; t++)
        {
            worst = Math.Max(worst, Math.Abs(actual[t] - expected[t]));
        }

        return worst;
    }

    private static double Peak(float[] x) => x.Length == 0 ? 0 : x.Max(MathF.Abs);

    private static double Peak(double[] x) => x.Length == 0 ? 0 : x.Max(Math.Abs);
}
