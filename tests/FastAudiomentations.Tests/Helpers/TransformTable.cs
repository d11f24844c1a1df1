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
    ];

    /// <summary>Row names, for [MemberData].</summary>
    public static TheoryData<string> Names => [.. Rows.Select(r => r.Name)];

    /// <summary>A fresh instance of the named row.</summary>
    public static Transform Create(string name) => Rows.Single(r => r.Name == name).Create();
}
