namespace FastAudiomentations.Tests.Helpers;

/// <summary>
/// Every leaf transform, built so that it always applies (p = 1), with a name for test output: the one
/// table the invariant tests run over. A new transform adds a row here.
/// </summary>
public static class TransformTable
{
    /// <summary>Sample rate the table's transforms are built for.</summary>
    public const int SampleRate = 16_000;

    private static readonly (string Name, Func<Transform> Create)[] Rows =
    [
        ("Gain", () => new Gain(-12, 12, p: 1)),
        ("PolarityInversion", () => new PolarityInversion(p: 1)),
        ("Clip", () => new Clip(-0.3, 0.3, p: 1)),
        ("Reverse", () => new Reverse(p: 1)),
        ("Normalize", () => new Normalize(p: 1)),
        ("AddGaussianNoise", () => new AddGaussianNoise(p: 1)),
        ("AddGaussianSNR", () => new AddGaussianSnr(p: 1)),
        ("AddColorNoise", () => new AddColorNoise(p: 1)),
        ("AddBackgroundNoise", () => new AddBackgroundNoise(NoiseFiles.Corpus, p: 1)),
        ("LowPassFilter", () => new LowPassFilter(p: 1)),
        ("LowPassFilter zero-phase", () => new LowPassFilter(minRolloffDbPerOctave: 12, maxRolloffDbPerOctave: 48, zeroPhase: true, p: 1)),
        ("LowPassFilter FIR", () => new LowPassFilter(design: FilterDesign.WindowedSinc, p: 1)),
        ("LowPassFilter FIR zero-phase", () => new LowPassFilter(design: FilterDesign.WindowedSinc, zeroPhase: true, firTaps: 31, p: 1)),
        ("HighPassFilter", () => new HighPassFilter(p: 1)),
        ("HighPassFilter zero-phase", () => new HighPassFilter(zeroPhase: true, p: 1)),
        ("HighPassFilter FIR", () => new HighPassFilter(design: FilterDesign.WindowedSinc, p: 1)),
        ("BandPassFilter", () => new BandPassFilter(p: 1)),
        ("BandPassFilter zero-phase", () => new BandPassFilter(zeroPhase: true, p: 1)),
        ("BandPassFilter FIR", () => new BandPassFilter(design: FilterDesign.WindowedSinc, p: 1)),
        ("BandStopFilter", () => new BandStopFilter(p: 1)),
        ("BandStopFilter zero-phase", () => new BandStopFilter(zeroPhase: true, p: 1)),
        ("BandStopFilter FIR zero-phase", () => new BandStopFilter(design: FilterDesign.WindowedSinc, zeroPhase: true, p: 1)),
    ];

    /// <summary>Row names, for [MemberData].</summary>
    public static TheoryData<string> Names => [.. Rows.Select(r => r.Name)];

    /// <summary>A fresh instance of the named row.</summary>
    public static Transform Create(string name) => Rows.Single(r => r.Name == name).Create();
}
