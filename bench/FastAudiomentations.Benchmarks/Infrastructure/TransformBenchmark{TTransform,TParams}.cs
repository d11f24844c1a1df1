using BenchmarkDotNet.Attributes;
using FastAudiomentations.Random;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>
/// The three measurements every transform gets, at both <see cref="Workload"/>s: <see cref="Copy"/> (the
/// refresh of the batch, also the memory-speed reference), <see cref="Scalar"/> (the refresh, then the
/// obvious per-sample loop written in the derived class: the baseline) and <see cref="Apply"/> (the refresh,
/// then the transform through the public API with p = 1 and a fixed seed).
/// </summary>
/// <remarks>
/// <para>
/// Why every measured method starts with a copy: transforms work in place, and most outputs are not a fair
/// next input (a gain compounds towards overflow or denormals, Normalize's second call is a no-op, noise at an
/// SNR grows the clip each call). So the batch is refreshed from a pristine copy before each operation, in
/// all three methods alike; <see cref="Copy"/> measures that refresh alone so it can be subtracted (the
/// <c>Net</c> column does it). The refresh also leaves the clip in cache, as a clip that was just decoded or
/// uploaded would be.
/// </para>
/// <para>
/// The refresh writes the batch's host array directly (the library has no public in-place upload yet; the
/// project sees internals through InternalsVisibleTo). Nothing is uploaded or allocated in the measured loop.
/// </para>
/// <para>
/// The baseline loops over the batch's clips on one thread with the parameters the transform drew (sampled
/// once in setup from the same seed), so at <see cref="Workload.Batch16AllCores"/> its ratio includes the
/// gain from using every core. <see cref="Validate"/> runs both once in [GlobalSetup] and throws if they
/// disagree beyond the transform's tolerance, or if the transform left any clip unchanged (STYLE.md rule 9).
/// </para>
/// </remarks>
/// <typeparam name="TTransform">The transform measured.</typeparam>
/// <typeparam name="TParams">What it samples per example.</typeparam>
public abstract class TransformBenchmark<TTransform, TParams> : IDisposable
    where TTransform : AudioTransform<TParams>
    where TParams : unmanaged
{
    /// <summary>The seed of every call; with <see cref="Call"/> fixed, every iteration applies the same parameters.</summary>
    public const long Seed = 20_261_126;

    /// <summary>The call index of every call.</summary>
    public const long Call = 0;

    /// <summary>Clips per batch in <see cref="Workload.Batch16AllCores"/>.</summary>
    public const int LargeBatch = 16;

    /// <summary>The pipeline node of a transform applied alone (the root).</summary>
    protected const int Node = 0;

    private CpuDevice? _device;
    private AudioBatch? _batch;
    private TTransform? _transform;
    private float[] _samples = [];
    private float[] _pristine = [];
    private TParams[] _parameters = [];

    /// <summary>The shape measured; BenchmarkDotNet runs every value.</summary>
    [ParamsAllValues]
    public Workload Workload { get; set; }

    /// <summary>
    /// After setup: the largest share of its tolerance any sample's error used, max |actual - expected| /
    /// (Absolute + Relative |expected|) (0 where the outputs are identical): how close validation came to failing.
    /// </summary>
    public double ToleranceUsed { get; private set; }

    /// <summary>Clips in the batch.</summary>
    protected int BatchSize { get; private set; }

    /// <summary>Valid samples per clip (every clip is the fixture).</summary>
    protected int ClipLength { get; private set; }

    /// <summary>The clips' sample rate, Hz.</summary>
    protected int SampleRate { get; private set; }

    /// <summary>The largest |sample| of the input clip, a scale for tolerances.</summary>
    protected float InputPeak { get; private set; }

    /// <summary>The transform measured (for host-side designs the baseline shares, such as filter coefficients).</summary>
    protected TTransform Measured => _transform ?? throw new InvalidOperationException("Setup has not run.");

    /// <summary>The Philox key of the measured call, for baselines that regenerate the transform's noise.</summary>
    protected RandomKey Key { get; private set; }

    /// <summary>Loads the fixture, builds the device and batch, samples the parameters, validates.</summary>
    [GlobalSetup]
    public void Setup()
    {
        AudioData clip = Fixtures.Clip;
        BatchSize = Workload == Workload.OneClipOneThread ? 1 : LargeBatch;
        ClipLength = clip.Length;
        InputPeak = 0;
        foreach (float x in clip.Channels[0])
        {
            InputPeak = Math.Max(InputPeak, Math.Abs(x));
        }

        SampleRate = clip.SampleRate;
        _device = Workload == Workload.OneClipOneThread ? new CpuDevice(1) : new CpuDevice();
        var clips = new float[BatchSize][];
        for (int b = 0; b < BatchSize; b++)
        {
            clips[b] = clip.Channels[0];
        }

        _batch = _device.Upload(clips, SampleRate);
        _samples = ((HostStorage)_batch.Storage).Samples;
        _pristine = (float[])_samples.Clone();
        _transform = CreateTransform();
        if (_transform.P != 1)
        {
            throw new InvalidOperationException($"{GetType().Name}: the transform must be built with p = 1 so that every call does the work measured.");
        }

        AugmentationPlan plan = _transform.Sample(_batch, Seed, Call);
        var step = (PlannedStep<TParams>)plan.Steps[0];
        Key = plan.Key;
        _parameters = (TParams[])step.Parameters.Clone();
        PrepareBaseline();
        Validate();
    }

    /// <summary>Releases the device and the batch.</summary>
    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <summary>The memory-speed reference, and the refresh every other method pays: one copy of the batch.</summary>
    [Benchmark]
    public void Copy() => Refresh();

    /// <summary>The refresh, then the scalar per-sample loop over every clip on this thread.</summary>
    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        Refresh();
        RunBaseline();
    }

    /// <summary>The refresh, then the transform through the public API.</summary>
    [Benchmark]
    public AugmentationPlan Apply()
    {
        Refresh();
        return _transform!.Apply(_batch!, Seed, Call);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the batch and the device.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _batch?.Dispose();
            _device?.Dispose();
            _batch = null;
            _device = null;
        }
    }

    /// <summary>The transform, built with p = 1.</summary>
    protected abstract TTransform CreateTransform();

    /// <summary>The obvious scalar implementation, in place on one clip, with the parameters of <paramref name="example"/>.</summary>
    protected abstract void ScalarBaseline(Span<float> clip, int example);

    /// <summary>How far the transform's output may lie from the baseline's for <paramref name="example"/>, with the reason in the override's remarks.</summary>
    protected abstract Tolerance ToleranceFor(int example);

    /// <summary>Allocates what the baseline needs (scratch, loaded noise); runs once before validation.</summary>
    protected virtual void PrepareBaseline()
    {
    }

    /// <summary>The parameters the transform draws for <paramref name="example"/> (mono: its row).</summary>
    protected TParams Parameters(int example) => _parameters[example];

    private void Refresh() => _pristine.AsSpan().CopyTo(_samples);

    private void RunBaseline()
    {
        int capacity = _batch!.Capacity;
        for (int b = 0; b < BatchSize; b++)
        {
            ScalarBaseline(_samples.AsSpan(b * capacity, ClipLength), b);
        }
    }

    /// <summary>Runs both paths once and throws if their outputs disagree, or if the transform did nothing.</summary>
    private void Validate()
    {
        Refresh();
        _transform!.Apply(_batch!, Seed, Call);
        float[] actual = (float[])_samples.Clone();
        Refresh();
        RunBaseline();
        float[] expected = (float[])_samples.Clone();
        Refresh();
        int capacity = _batch!.Capacity;
        for (int b = 0; b < BatchSize; b++)
        {
            Tolerance tolerance = ToleranceFor(b);
            int failures = 0, first = -1, changed = 0;
            double worst = 0;
            for (int t = 0; t < ClipLength; t++)
            {
                int i = (b * capacity) + t;
                changed += actual[i] != _pristine[i] ? 1 : 0;
                double error = Math.Abs((double)actual[i] - expected[i]);
                if (error > 0)
                {
                    double allowed = tolerance.Absolute + (tolerance.Relative * Math.Abs((double)expected[i]));
                    ToleranceUsed = Math.Max(ToleranceUsed, allowed > 0 ? error / allowed : double.PositiveInfinity);
                }

                if (!tolerance.Accepts(expected[i], actual[i]))
                {
                    first = failures++ == 0 ? t : first;
                    worst = Math.Max(worst, error);
                }
            }

            if (failures > 0)
            {
                int i = (b * capacity) + first;
                throw new InvalidOperationException(
                    $"{_transform.Name} ({Workload}): the optimised output differs from the scalar baseline in clip {b}: " +
                    $"{failures} of {ClipLength} samples out of tolerance (absolute {tolerance.Absolute:G3} + relative {tolerance.Relative:G3}), " +
                    $"first at sample {first} (expected {expected[i]:R}, got {actual[i]:R}), largest error {worst:G3}.");
            }

            if (changed == 0)
            {
                throw new InvalidOperationException(
                    $"{_transform.Name} ({Workload}): clip {b} came out unchanged, so the benchmark would measure nothing. " +
                    "Pick parameters under which the transform changes the fixture.");
            }
        }
    }
}
