using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Gpu.Tests.Helpers;
using FastAudiomentations.Tests.Helpers;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>
/// The GPU backend against the CPU device, for every transform of <see cref="TransformTable"/>: written once,
/// run by one thin class per backend (ILGPU's CPU accelerator in CI, CUDA on the GPU machine).
/// </summary>
public abstract partial class GpuBackendTests
{
    private static readonly int[] Lengths = [3000, 1, 0, 2047, 4096, 777];

    private readonly GpuDeviceFixture _fixture;

    /// <summary>Binds the suite to one backend's device.</summary>
    protected GpuBackendTests(GpuDeviceFixture fixture) => _fixture = fixture;

    /// <summary>Clip lengths of the large-batch test: small on the slow CPU accelerator, real-sized on a GPU.</summary>
    protected abstract int[] LargeLengths { get; }

    /// <summary>Calls per window of the allocation test (fewer on the slow CPU accelerator).</summary>
    protected virtual int CallsPerWindow => 10;

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
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void Transform_EqualsCpu_OnVariableLengths(string name)
    {
        Transform transform = TransformTable.Create(name);
        float[][] clips = Signals.NoiseClips(21, Lengths);
        for (long call = 0; call < 2; call++)
        {
            float[][] cpu = RunCpu(transform, clips, seed: 5, call);
            float[][] gpu = RunGpu(transform, clips, seed: 5, call);
            for (int b = 0; b < clips.Length; b++)
            {
                ToleranceFor(name, transform).AssertClose(cpu[b], gpu[b], Tolerance.Scale(clips[b], cpu[b]), $"{name}, call {call}, clip {b}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void Transform_EqualsCpu_OnMultichannelClips(string name)
    {
        Transform transform = TransformTable.Create(name);
        float[][][] clips =
        [
            [Signals.Noise(2000, 1), Signals.Noise(2000, 2), Signals.Noise(2000, 3)],
            [Signals.Noise(513, 4), Signals.Noise(513, 5), Signals.Noise(513, 6)],
            [[], [], []],
        ];
        using var cpuDevice = new CpuDevice(2);
        using AudioBatch cpuBatch = cpuDevice.Upload(clips, TransformTable.SampleRate);
        transform.Apply(cpuBatch, seed: 8);
        using AudioBatch gpuBatch = Device.Upload(clips, TransformTable.SampleRate);
        transform.Apply(gpuBatch, seed: 8);
        float[][][] cpu = cpuBatch.ToChannelArrays();
        float[][][] gpu = gpuBatch.ToChannelArrays();
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < 3; c++)
            {
                ToleranceFor(name, transform).AssertClose(cpu[b][c], gpu[b][c], Tolerance.Scale(clips[b][c], cpu[b][c]), $"{name}, clip {b}, channel {c}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void Padding_StaysZero(string name)
    {
        Transform transform = TransformTable.Create(name);
        using AudioBatch batch = Device.Upload(Signals.NoiseClips(9, Lengths), TransformTable.SampleRate);
        transform.Apply(batch, seed: 1);
        var all = new float[batch.Rows * batch.Capacity];
        batch.CopyTo(all);
        for (int b = 0; b < batch.BatchSize; b++)
        {
            ReadOnlySpan<float> padding = all.AsSpan((b * batch.Capacity) + batch.Lengths[b], batch.Capacity - batch.Lengths[b]);
            Assert.True(padding.IndexOfAnyExcept(0f) < 0, $"{name}: clip {b} has non-zero padding");
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void SteadyStateCalls_AllocateNothing_OnHostOrDevice(string name) =>
        SteadyStateAllocation.AssertNone(Device, TransformTable.Create(name), Lengths, CallsPerWindow);

    [Theory]
    [InlineData("LowPassFilter")]
    [InlineData("BandPassFilter")]
    [InlineData("LowPassFilter zero-phase")]
    [InlineData("BandPassFilter 48 dB/oct")]
    public void SteadyStateFilterCalls_OfOneClip_AllocateNothing_OnHostOrDevice(string name)
    {
        // One clip: the filters' batch-1 paths (warm-up windows, zero phase in one launch, split look-backs), which the
        // six-clip test above never takes (FilterLaunchers.MaxWarmUpRows).
        Transform transform = name switch
        {
            "LowPassFilter zero-phase" => new LowPassFilter(zeroPhase: true, p: 1),
            "BandPassFilter 48 dB/oct" => new BandPassFilter(minRolloffDbPerOctave: 48, maxRolloffDbPerOctave: 48, p: 1),
            _ => TransformTable.Create(name),
        };
        // Ten calls first: a filter call's launches and synchronisation slots vary with the draw (its settling windows), so
        // the first calls grow the pool (a fresh device's LowPass grows it at calls 0, 1 and 5, then 41); the device check
        // replays the windows' draws for the rarer ones.
        SteadyStateAllocation.AssertNone(Device, transform, [4096], CallsPerWindow, warmUpCalls: 10);
    }

    [Theory]
    [InlineData("Reverse")]
    [InlineData("Normalize")]
    [InlineData("AddGaussianNoise")]
    [InlineData("AddGaussianSNR")]
    [InlineData("AddColorNoise")]
    [InlineData("AddBackgroundNoise")]
    public void NoiseAndTimeTransforms_RunNatively(string name) =>
        Assert.True(Device.RunsNatively(TransformTable.Create(name)), $"{name} still runs through the host fallback.");

    [Fact]
    public void PointwiseChain_RunsAsOnePass_AndEqualsCpu()
    {
        var chain = new Compose(
            new Gain(-6, 6, p: 0.7),
            new PolarityInversion(p: 0.5),
            new Gain(-12, 3, p: 0.5),
            new PolarityInversion(p: 0.5),
            new Gain(0, 6, p: 0.8));
        float[][] clips = Signals.NoiseClips(3, Lengths);
        GpuDevice device = Device;
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        long before = device.Launches;
        chain.Apply(batch, seed: 17);
        Assert.Equal(1, device.Launches - before);
        float[][] cpu = RunCpu(chain, clips, seed: 17, call: 0);
        float[][] gpu = batch.ToArrays();
        Tolerance tolerance = GpuTolerances.Loosest("Gain", "PolarityInversion");
        // Three gains in a row: their rounding errors add up.
        tolerance = tolerance with { Relative = 3 * tolerance.Relative };
        for (int b = 0; b < clips.Length; b++)
        {
            tolerance.AssertClose(cpu[b], gpu[b], Tolerance.Scale(clips[b], cpu[b]), $"chain, clip {b}");
        }
    }

    /// <summary>
    /// Clips shorter than this are left out of the whole-pipeline comparison (they still run through it). A clip
    /// of one sample is pure DC: a high-pass or band-pass leaves only rounding residue (1e-17 to 1e-8 of it,
    /// different on two correct backends, e.g. by a FIR's summation order), which Normalize then scales to
    /// full scale, or from a subnormal peak to infinity. Such a clip's pipeline output is not determined by
    /// the input to any tolerance; the single-transform tests cover 1-sample clips transform by transform.
    /// </summary>
    private const int MinPipelineLength = 1000;

    [Fact]
    public void EveryTransform_InOneCompose_WithContainers_EqualsCpu()
    {
        string[] names = [.. TransformTable.Names.Select(row => (string)row.Data)];
        var leaves = names.Select(TransformTable.Create).ToArray();
        var pipeline = new Compose(
            new Compose(leaves, shuffle: true),
            new OneOf(names.Select(TransformTable.Create).ToArray()),
            new SomeOf(names.Select(TransformTable.Create).ToArray(), 1, names.Length, p: 0.8));
        float[][] clips = Signals.NoiseClips(40, LargeLengths);
        // Bounded relative to each clip's scale (the larger of its input and output peaks): a native op's
        // rounding error, relative to the signal where it acts, passes through the filters and up to three
        // gains of +12 dB after it. 100 x the loosest per-op bound leaves room for that and still catches a
        // wrong parameter, order or skipped step, which err by the order of the signal itself.
        Tolerance tolerance = GpuTolerances.Loosest([.. names.Where(n => Device.RunsNatively(TransformTable.Create(n)))]);
        tolerance = tolerance with { Relative = 100 * tolerance.Relative, Absolute = 100 * tolerance.Absolute };
        for (long call = 0; call < 2; call++)
        {
            float[][] cpu = RunCpu(pipeline, clips, seed: 99, call);
            float[][] gpu = RunGpu(pipeline, clips, seed: 99, call);
            for (int b = 0; b < clips.Length; b++)
            {
                if (clips[b].Length < MinPipelineLength)
                {
                    continue;
                }

                double scale = Math.Max(Peak(clips[b]), Peak(cpu[b]));
                tolerance.AssertCloseToScale(cpu[b], gpu[b], scale, $"pipeline, call {call}, clip {b}");
            }
        }
    }

    [Fact]
    public void TransformWithoutKernel_RunsThroughHostFallback_Exactly_BetweenFusedPasses()
    {
        var rectifier = new HalfWaveRectifier();
        Assert.False(Device.RunsNatively(rectifier));
        Assert.True(Device.RunsNatively(new PolarityInversion()));
        var pipeline = new Compose(new PolarityInversion(p: 0.5), rectifier, new PolarityInversion(p: 0.5));
        float[][] clips = Signals.NoiseClips(12, Lengths);
        float[][] cpu = RunCpu(pipeline, clips, seed: 4, call: 0);
        float[][] gpu = RunGpu(pipeline, clips, seed: 4, call: 0);
        for (int b = 0; b < clips.Length; b++)
        {
            Assert.Equal(cpu[b], gpu[b]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void StatisticsPass_WritesPerBlockPeakAndEnergy_ThatSumToTheRowStatistics(int chunksPerBlock)
    {
        // The reduction Normalize and the SNR transforms rely on: a statistics-only pass (FusedPointwiseKernel.Measure,
        // no ops, no store) writes max |x| and sum x^2 per block; the row's statistic is the max / sum over its blocks.
        // Block p of a row measures chunks p, p + blocksPerRow, ... (with 3 per block the two-chunk step and an odd
        // remainder are both exercised).
        GpuDevice device = Device;
        float[][] clips = Signals.NoiseClips(31, LargeLengths);
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        var storage = (GpuStorage)batch.Storage;
        int rows = batch.Rows;
        int group = device.Kernels.GroupSize;
        int chunksPerRow = (batch.Capacity + (group * Lanes.Count) - 1) / (group * Lanes.Count);
        int partialCount = rows * chunksPerRow;
        int[] table = [.. batch.Lengths.ToArray(), .. new int[rows]];
        ArrayView<int> ints = device.Pool.DeviceInts(table.Length);
        ints.SubView(0, table.Length).CopyFromCPU(table);
        ArrayView<float> partials = device.Pool.DeviceFloats(PoolSlot.PartialsB, 3L * partialCount);
        int blocksPerRow = (chunksPerRow + chunksPerBlock - 1) / chunksPerBlock;
        var pass = new FusedPass
        {
            Channels = 1,
            Pitch = storage.Pitch,
            ChunksPerRow = chunksPerRow,
            BlocksPerRow = blocksPerRow,
            PartialCount = partialCount,
            ExampleIdsOffset = rows,
            WriteStatistics = 1,
            WriteNoiseOpEntry = -1,
            NoiseOpEntry = -1,
        };
        device.Kernels.FusedMeasure(device.Stream, new KernelConfig(rows * blocksPerRow, group), storage.View, ints, partials, partials, partials, partials, ints, pass);
        device.Stream.Synchronize();
        var host = new float[3 * partialCount];
        partials.SubView(0, host.Length).CopyToCPU(host);
        for (int r = 0; r < rows; r++)
        {
            float peak = 0;
            double energy = 0;
            for (int c = 0; c < blocksPerRow; c++)
            {
                peak = Math.Max(peak, host[(r * blocksPerRow) + c]);
                energy += host[partialCount + (r * blocksPerRow) + c];
            }

            float[] x = clips[r];
            Assert.Equal(x.Length == 0 ? 0f : x.Max(MathF.Abs), peak);
            double expected = x.Sum(v => (double)v * v);
            // Float partial sums of at most 2048 x chunksPerBlock squares each (a thread adds at most 8 x 3 in sequence),
            // then a float tree: relative error well under 1e-5.
            Assert.InRange(energy, (expected * (1 - 1e-5)) - 1e-12, (expected * (1 + 1e-5)) + 1e-12);
        }

        Assert.Equal(clips, batch.ToArrays());
    }

    [Fact]
    public void UploadAndReadBack_AreExact_WithMultichannelOddLengths()
    {
        float[][][] clips =
        [
            [Signals.Noise(65, 1), Signals.Noise(65, 2)],
            [Signals.Noise(1, 3), Signals.Noise(1, 4)],
            [Signals.Noise(130, 5), Signals.Noise(130, 6)],
        ];
        using AudioBatch batch = Device.Upload(clips, 8000);
        float[][][] back = batch.ToChannelArrays();
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < 2; c++)
            {
                Assert.Equal(clips[b][c], back[b][c]);
            }
        }
    }

    [Fact]
    public void EmptyBatch_IsHandled()
    {
        using AudioBatch batch = Device.Upload(Array.Empty<float[]>(), 16_000);
        new Compose(new Gain(p: 1), new PolarityInversion(p: 1)).Apply(batch, seed: 1);
        Assert.Empty(batch.ToArrays());
    }

    private static double Peak(float[] x) => x.Length == 0 ? 0 : x.Max(MathF.Abs);

    private Tolerance ToleranceFor(string name, Transform transform) =>
        Device.RunsNatively(transform) ? GpuTolerances.For(name) : Tolerance.Exact;

    private float[][] RunGpu(Transform transform, float[][] clips, long seed, long call)
    {
        using AudioBatch batch = Device.Upload(clips, TransformTable.SampleRate);
        transform.Apply(batch, seed, call);
        return batch.ToArrays();
    }

    private static float[][] RunCpu(Transform transform, float[][] clips, long seed, long call)
    {
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        transform.Apply(batch, seed, call);
        return batch.ToArrays();
    }

    /// <summary>
    /// Uploads <paramref name="clips"/> to <paramref name="device"/> and applies <paramref name="transform"/> with call
    /// indices 0 .. <paramref name="calls"/> - 1, each call to the last one's output, adding each call's output to
    /// <paramref name="results"/> (the device's counters can be read around it).
    /// </summary>
    private static void ApplyCalls(GpuDevice device, Transform transform, float[][] clips, long seed, int calls, List<float[][]> results)
    {
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        for (long call = 0; call < calls; call++)
        {
            transform.Apply(batch, seed, call);
            results.Add(batch.ToArrays());
        }
    }
}
