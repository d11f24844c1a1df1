using FastAudiomentations.Dsp;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms.Filters;

/// <summary>What the four filter transforms share: wiring to the designs, validation, pipeline files.</summary>
public class FilterTransformTests
{
    private const int Rate = 16_000;

    public static TheoryData<string> Variants =>
    [
        "LowPassFilter", "LowPassFilter zero-phase", "LowPassFilter FIR", "LowPassFilter FIR zero-phase",
        "HighPassFilter", "HighPassFilter zero-phase", "HighPassFilter FIR",
        "BandPassFilter", "BandPassFilter zero-phase", "BandPassFilter FIR",
        "BandStopFilter", "BandStopFilter zero-phase", "BandStopFilter FIR zero-phase",
    ];

    [Theory]
    [MemberData(nameof(Variants))]
    public void Output_IsTheDesignedFilterWithTheSampledParameters(string variant)
    {
        // Each clip and channel against a double-precision reference built from the plan's parameters:
        // checks the wiring (which parameters, which channel, which samples), not the filters themselves.
        Transform transform = TransformTable.Create(variant);
        float[][][] clips = [[Signals.Noise(3000, 1), Signals.Noise(3000, 2)], [Signals.Noise(1, 3), Signals.Noise(1, 4)], [Signals.Noise(40_000, 5), Signals.Noise(40_000, 6)], [Signals.Noise(2047, 7), Signals.Noise(2047, 8)]];
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, Rate);
        AugmentationPlan plan = transform.Apply(batch, seed: 21);
        float[][][] output = batch.ToChannelArrays();
        for (int b = 0; b < clips.Length; b++)
        {
            for (int c = 0; c < 2; c++)
            {
                double[] expected = Reference(transform, plan.Steps[0], (b * 2) + c, clips[b][c]);
                double scale = Math.Max(BiquadCascadeFilterTests.Peak(expected), 0.5);
                Assert.True(BiquadCascadeFilterTests.MaxError(output[b][c], expected) <= 2e-5 * scale, $"{variant}, clip {b}, channel {c}: error {BiquadCascadeFilterTests.MaxError(output[b][c], expected):E2}");
            }
        }
    }

    [Theory]
    [InlineData("LowPassFilter", "maxCutoffHz", 8000)]
    [InlineData("HighPassFilter", "maxCutoffHz", 4000)]
    [InlineData("BandPassFilter", "maxCenterHz", 8000)]
    [InlineData("BandStopFilter", "maxCenterHz", 8000)]
    public void RangeReachingNyquist_ThrowsWhenApplied_NamingParameterAndRate(string name, string parameter, int lowRate)
    {
        // Defaults fit 16 kHz audio (7500 Hz; 2400 Hz; 4000 (1 + 1.99 / 2) = 7980 Hz) but not lowRate. The check
        // is made once per call before any draw, so it throws even when p lets no example through.
        foreach (double p in new[] { 1.0, 0.0 })
        {
            Transform transform = TransformCatalog.Transforms.Single(d => d.Name == name).Create(new TransformArguments(new Dictionary<string, object?> { ["p"] = p }));
            using var device = new CpuDevice(1);
            using AudioBatch low = device.Upload([Signals.Noise(100, 1)], lowRate);
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => transform.Apply(low, seed: 1));
            Assert.Equal(parameter, error.ParamName);
            Assert.Contains($"({lowRate} Hz)", error.Message, StringComparison.Ordinal);
            using AudioBatch high = device.Upload([Signals.Noise(100, 1)], Rate);
            transform.Apply(high, seed: 1);
        }
    }

    public static TheoryData<Func<Transform>, string> BadArguments => new()
    {
        { () => new LowPassFilter(minCutoffHz: 0), "minCutoffHz" },
        { () => new LowPassFilter(minCutoffHz: -5), "minCutoffHz" },
        { () => new LowPassFilter(minCutoffHz: 500, maxCutoffHz: 400), "minCutoffHz" },
        { () => new LowPassFilter(maxCutoffHz: double.NaN), "maxCutoffHz" },
        { () => new HighPassFilter(maxCutoffHz: double.PositiveInfinity), "maxCutoffHz" },
        { () => new LowPassFilter(minRolloffDbPerOctave: 0), "minRolloffDbPerOctave" },
        { () => new LowPassFilter(minRolloffDbPerOctave: 10), "minRolloffDbPerOctave" },
        { () => new HighPassFilter(maxRolloffDbPerOctave: 25), "maxRolloffDbPerOctave" },
        { () => new HighPassFilter(maxRolloffDbPerOctave: 102), "maxRolloffDbPerOctave" },
        { () => new LowPassFilter(minRolloffDbPerOctave: 24, maxRolloffDbPerOctave: 12), "minRolloffDbPerOctave" },
        { () => new LowPassFilter(minRolloffDbPerOctave: 18, maxRolloffDbPerOctave: 24, zeroPhase: true), "minRolloffDbPerOctave" },
        { () => new BandPassFilter(maxRolloffDbPerOctave: 30, zeroPhase: true), "maxRolloffDbPerOctave" },
        { () => new LowPassFilter(design: (FilterDesign)7), "design" },
        { () => new LowPassFilter(design: FilterDesign.WindowedSinc, firTaps: 100), "firTaps" },
        { () => new HighPassFilter(firTaps: 1), "firTaps" },
        { () => new BandStopFilter(firTaps: 5001), "firTaps" },
        { () => new BandPassFilter(minCenterHz: 0), "minCenterHz" },
        { () => new BandPassFilter(minCenterHz: 300, maxCenterHz: 200), "minCenterHz" },
        { () => new BandStopFilter(maxCenterHz: -1), "maxCenterHz" },
        { () => new BandPassFilter(minBandwidthFraction: 0), "minBandwidthFraction" },
        { () => new BandStopFilter(minBandwidthFraction: -0.5), "minBandwidthFraction" },
        { () => new BandPassFilter(maxBandwidthFraction: 2), "maxBandwidthFraction" },
        { () => new BandStopFilter(minBandwidthFraction: 1.5, maxBandwidthFraction: 1), "minBandwidthFraction" },
        { () => new BandStopFilter(p: 1.5), "p" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void BadParameters_ThrowNamingTheParameter(Func<Transform> create, string parameter)
    {
        ArgumentException error = Assert.ThrowsAny<ArgumentException>(create);
        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData("LowPassFilter")]
    [InlineData("HighPassFilter")]
    [InlineData("BandPassFilter")]
    [InlineData("BandStopFilter")]
    public void PipelineFileNames_AreSnakeCaseOfTheConstructorNames_AndRoundTrip(string name)
    {
        TransformDescriptor descriptor = TransformCatalog.Transforms.Single(d => d.Name == name);
        Transform defaults = descriptor.Create(new TransformArguments(new Dictionary<string, object?>()));
        IReadOnlyList<KeyValuePair<string, object>> values = defaults.GetParameterValues();
        Assert.Equal(descriptor.Parameters.Select(p => p.Name), values.Select(v => v.Key));

        // Every file name is the snake_case of a constructor parameter of the type.
        string[] constructorNames = [.. defaults.GetType().GetConstructors().Single().GetParameters().Select(p => Naming.ToSnakeCase(p.Name!))];
        Assert.Equal(constructorNames, values.Select(v => v.Key));

        // Saved values build an equal transform.
        var arguments = new TransformArguments(values.ToDictionary(v => v.Key, v => (object?)v.Value));
        Transform again = descriptor.Create(arguments);
        Assert.Equal(values.Select(v => v.Value), again.GetParameterValues().Select(v => v.Value));
        Assert.Empty(arguments.Unread);
    }

    [Fact]
    public void PipelineFile_ReadsDesignAndTaps()
    {
        TransformDescriptor descriptor = TransformCatalog.Transforms.Single(d => d.Name == "HighPassFilter");
        var filter = (HighPassFilter)descriptor.Create(new TransformArguments(new Dictionary<string, object?>
        {
            ["min_cutoff_hz"] = 100.0,
            ["design"] = "windowed_sinc",
            ["fir_taps"] = 63L,
            ["zero_phase"] = true,
        }));
        Assert.Equal(FilterDesign.WindowedSinc, filter.Design);
        Assert.Equal(63, filter.FirTaps);
        Assert.True(filter.ZeroPhase);
        Assert.Equal(100, filter.MinCutoffHz);
    }

    /// <summary>The expected output of one row, in double, from the plan's parameters for it.</summary>
    private static double[] Reference(Transform transform, PlannedStep step, int row, float[] x)
    {
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        (int count, int filtFiltTaps, bool zeroPhase, FilterDesign design, int taps) = transform switch
        {
            LowPassFilter t => Designed(t.DesignSections(((PlannedStep<LowPassFilterParameters>)step).Parameters[row], Rate, sections), t.FiltFiltTaps(((PlannedStep<LowPassFilterParameters>)step).Parameters[row]), t.ZeroPhase, t.Design, t.FirTaps),
            HighPassFilter t => Designed(t.DesignSections(((PlannedStep<HighPassFilterParameters>)step).Parameters[row], Rate, sections), t.FiltFiltTaps(((PlannedStep<HighPassFilterParameters>)step).Parameters[row]), t.ZeroPhase, t.Design, t.FirTaps),
            BandPassFilter t => Designed(t.DesignSections(((PlannedStep<BandPassFilterParameters>)step).Parameters[row], Rate, sections), t.FiltFiltTaps(((PlannedStep<BandPassFilterParameters>)step).Parameters[row]), t.ZeroPhase, t.Design, t.FirTaps),
            BandStopFilter t => Designed(t.DesignSections(((PlannedStep<BandStopFilterParameters>)step).Parameters[row], Rate, sections), t.FiltFiltTaps(((PlannedStep<BandStopFilterParameters>)step).Parameters[row]), t.ZeroPhase, t.Design, t.FirTaps),
            _ => throw new ArgumentException("not a filter", nameof(transform)),
        };
        if (design == FilterDesign.Butterworth)
        {
            return zeroPhase ? FilterReference.FiltFilt(x, sections.AsSpan(0, count), filtFiltTaps) : FilterReference.Filter(x, sections.AsSpan(0, count));
        }

        var kernel = new float[taps];
        switch (transform)
        {
            case LowPassFilter:
                LowPassFilter.DesignTaps(((PlannedStep<LowPassFilterParameters>)step).Parameters[row], Rate, kernel);
                break;
            case HighPassFilter:
                HighPassFilter.DesignTaps(((PlannedStep<HighPassFilterParameters>)step).Parameters[row], Rate, kernel);
                break;
            case BandPassFilter:
                BandPassFilter.DesignTaps(((PlannedStep<BandPassFilterParameters>)step).Parameters[row], Rate, kernel);
                break;
            default:
                BandStopFilter.DesignTaps(((PlannedStep<BandStopFilterParameters>)step).Parameters[row], Rate, kernel);
                break;
        }

        // Convolution with the signal held at its end samples beyond its ends; centred for zero phase.
        int before = zeroPhase ? taps / 2 : taps - 1;
        var y = new double[x.Length];
        for (int n = 0; n < x.Length; n++)
        {
            for (int j = 0; j < taps; j++)
            {
                int at = Math.Clamp(n + j - before, 0, x.Length - 1);
                y[n] += (double)kernel[taps - 1 - j] * x[at];
            }
        }

        return y;
    }

    private static (int, int, bool, FilterDesign, int) Designed(int count, int filtFiltTaps, bool zeroPhase, FilterDesign design, int taps) =>
        (count, filtFiltTaps, zeroPhase, design, taps);
}
