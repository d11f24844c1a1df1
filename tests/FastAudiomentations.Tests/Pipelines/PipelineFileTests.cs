using FastAudiomentations.Pipelines;
using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Pipelines;

public sealed class PipelineFileTests : IDisposable
{
    private const string NestedYaml = """
        transform: Compose
        p: 1.0
        shuffle: false
        transforms:
          - transform: Gain
            min_gain_db: -6
            max_gain_db: 3.5
            p: 0.5
          - transform: OneOf
            weights: [1, 2]
            transforms:
              - transform: PolarityInversion
                p: 1
              - transform: SomeOf
                min_count: 1
                max_count: 2
                transforms: [ {transform: Gain, min_gain_db: 1, max_gain_db: 2}, {transform: PolarityInversion, mode: per_channel} ]
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("fastaug-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Parse_Yaml_BuildsTheTreeWithItsValuesAndDefaults()
    {
        Transform root = PipelineFile.Parse(NestedYaml, PipelineFormat.Yaml);

        var compose = Assert.IsType<Compose>(root);
        Assert.False(compose.Shuffle);
        var gain = Assert.IsType<Gain>(compose.Children[0]);
        Assert.Equal((-6.0, 3.5, 0.5, TransformMode.PerExample), (gain.MinGainDb, gain.MaxGainDb, gain.P, gain.Mode));
        var oneOf = Assert.IsType<OneOf>(compose.Children[1]);
        Assert.Equal([1.0, 2.0], oneOf.Weights);
        Assert.Equal(1.0, Assert.IsType<PolarityInversion>(oneOf.Children[0]).P);
        var someOf = Assert.IsType<SomeOf>(oneOf.Children[1]);
        Assert.Equal((1, 2), (someOf.MinCount, someOf.MaxCount));
        var innerGain = Assert.IsType<Gain>(someOf.Children[0]);
        Assert.Equal((1.0, 2.0, Gain.DefaultP), (innerGain.MinGainDb, innerGain.MaxGainDb, innerGain.P));
        Assert.Equal(TransformMode.PerChannel, Assert.IsType<PolarityInversion>(someOf.Children[1]).Mode);
    }

    [Fact]
    public void SaveLoadSave_GivesIdenticalText_InBothFormats()
    {
        Transform original = PipelineFile.Parse(NestedYaml, PipelineFormat.Yaml);
        foreach (string name in new[] { "p.yaml", "p.json" })
        {
            string path = Path.Combine(_folder, name);
            PipelineFile.Save(original, path);
            string first = File.ReadAllText(path);
            PipelineFile.Save(PipelineFile.Load(path), path);
            Assert.Equal(first, File.ReadAllText(path));
        }

        // JSON and YAML describe the same tree: YAML -> JSON -> YAML is the identity on text too.
        string yaml = PipelineFile.ToYaml(original);
        string json = PipelineFile.ToJson(PipelineFile.Parse(yaml, PipelineFormat.Yaml));
        Assert.Equal(yaml, PipelineFile.ToYaml(PipelineFile.Parse(json, PipelineFormat.Json)));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void Save_WritesEveryParameter_DefaultsIncluded()
    {
        string yaml = PipelineFile.ToYaml(new Compose(new Gain(), new OneOf(new PolarityInversion())));
        Assert.Equal(
            """
            transform: Compose
            p: 1
            shuffle: false
            transforms:
              - transform: Gain
                min_gain_db: -12
                max_gain_db: 12
                p: 0.5
                mode: per_example
              - transform: OneOf
                p: 1
                weights: [1]
                transforms:
                  - transform: PolarityInversion
                    p: 0.5
                    mode: per_example

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            yaml);
    }

    [Fact]
    public void LoadedPipeline_AugmentsExactlyLikeTheSamePipelineBuiltInCode()
    {
        Transform loaded = PipelineFile.Parse(NestedYaml, PipelineFormat.Yaml);
        var built = new Compose(
            new Gain(-6, 3.5, p: 0.5),
            new OneOf(
                [new PolarityInversion(p: 1), new SomeOf([new Gain(1, 2), new PolarityInversion(mode: TransformMode.PerChannel)], 1, 2)],
                weights: [1, 2]));
        float[][] clips = Signals.NoiseClips(4, 500, 300, 800, 100, 640, 1);
        using var device = new CpuDevice(2);
        using AudioBatch a = device.Upload(clips, 16_000);
        using AudioBatch b = device.Upload(clips, 16_000);
        loaded.Apply(a, seed: 42);
        built.Apply(b, seed: 42);
        float[][] x = a.ToArrays(), y = b.ToArrays();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i], y[i]);
        }
    }

    [Fact]
    public void EveryCatalogueTransform_ReportsExactlyItsDescribedParameters_AndRoundTrips()
    {
        // Required paths (background sounds, impulse responses) get a folder holding one short WAV.
        string sounds = Path.Combine(_folder, "sounds");
        Directory.CreateDirectory(sounds);
        AudioFile.WriteWav(Path.Combine(sounds, "tone.wav"), new AudioData([Signals.Sine(2000, 300, 16_000)], 16_000));
        foreach (TransformDescriptor descriptor in TransformCatalog.Transforms)
        {
            var required = new Dictionary<string, object?>();
            foreach (ParameterDescriptor parameter in descriptor.Parameters.Where(p => p.Default is null))
            {
                Assert.True(parameter.Kind == ParameterKind.Path, $"{descriptor.Name}.{parameter.Name} has no default and is not a path: this test cannot make a value for it.");
                required[parameter.Name] = sounds;
            }

            Transform built = descriptor.Create(new TransformArguments(required));
            Assert.Equal(descriptor.Name, built.Name);
            Assert.Equal(
                descriptor.Parameters.Select(p => p.Name).Order(),
                built.GetParameterValues().Select(p => p.Key).Order());
            string yaml = PipelineFile.ToYaml(built);
            Assert.Equal(yaml, PipelineFile.ToYaml(PipelineFile.Parse(yaml, PipelineFormat.Yaml)));
            string json = PipelineFile.ToJson(built);
            Assert.Equal(json, PipelineFile.ToJson(PipelineFile.Parse(json, PipelineFormat.Json)));
        }

        foreach (ContainerDescriptor descriptor in TransformCatalog.Containers)
        {
            Transform built = descriptor.Create(new TransformArguments(new Dictionary<string, object?>()), [new Gain()]);
            Assert.Equal(descriptor.Name, built.Name);
            Assert.Equal(descriptor.Parameters.Select(p => p.Name).Order(), built.GetParameterValues().Select(p => p.Key).Order());
        }
    }

    [Fact]
    public void PathParameters_AreRelativeToTheFile_WhenLoaded_AndWrittenRelative_WhenSaved()
    {
        string noises = Path.Combine(_folder, "noises");
        Directory.CreateDirectory(noises);
        AudioFile.WriteWav(Path.Combine(noises, "hum.wav"), new AudioData([Signals.Sine(1600, 50, 16_000)], 16_000));
        string configs = Path.Combine(_folder, "configs");
        Directory.CreateDirectory(configs);
        string path = Path.Combine(configs, "pipeline.yaml");
        File.WriteAllText(path, "transform: Compose\ntransforms:\n  - transform: AddBackgroundNoise\n    sounds_path: ../noises\n    p: 1\n");

        // Loaded from another working folder: the path still means <file's folder>/../noises.
        Transform loaded = PipelineFile.Load(path);
        var noise = Assert.IsType<AddBackgroundNoise>(loaded.Children[0]);
        Assert.Equal(Path.GetFullPath(noises), Path.GetFullPath(noise.Sounds.Source!));

        // Saved beside it: written relative again, and stable from then on.
        string saved = Path.Combine(configs, "saved.yaml");
        PipelineFile.Save(loaded, saved);
        string text = File.ReadAllText(saved);
        Assert.Contains("    sounds_path: ../noises\n", text, StringComparison.Ordinal);
        PipelineFile.Save(PipelineFile.Load(saved), saved);
        Assert.Equal(text, File.ReadAllText(saved));
    }

    [Fact]
    public void PathParameter_MissingOrWrong_IsReportedAtItsPlace()
    {
        PipelineFileException missing = Assert.Throws<PipelineFileException>(() =>
            PipelineFile.Parse("transform: Compose\ntransforms:\n  - transform: AddBackgroundNoise\n    p: 1\n", PipelineFormat.Yaml, _folder, "p.yaml"));
        Assert.Equal(("transforms[0]", 3, "sounds_path"), (missing.Location, missing.Line, missing.ParameterName));
        Assert.StartsWith("AddBackgroundNoise needs 'sounds_path'", missing.Reason, StringComparison.Ordinal);

        PipelineFileException wrong = Assert.Throws<PipelineFileException>(() =>
            PipelineFile.Parse("transform: AddBackgroundNoise\nsounds_path: nowhere\n", PipelineFormat.Yaml, _folder, "p.yaml"));
        Assert.Equal(("sounds_path", 2, "sounds_path"), (wrong.Location, wrong.Line, wrong.ParameterName));
        Assert.Contains("nowhere", wrong.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_WithCommentsAndTrailingCommas_Parses()
    {
        const string json = """
            {
              // a person wrote this
              "transform": "Compose",
              "transforms": [ { "transform": "Gain", "min_gain_db": -1, "max_gain_db": 1e0, }, ],
            }
            """;
        var gain = Assert.IsType<Gain>(PipelineFile.Parse(json, PipelineFormat.Json).Children[0]);
        Assert.Equal((-1.0, 1.0), (gain.MinGainDb, gain.MaxGainDb));
    }

    [Fact]
    public void UnknownTransform_NamesItsPlaceLineAndASuggestion()
    {
        const string yaml = "transform: Compose\ntransforms:\n  - transform: Gian\n";
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Parse(yaml, PipelineFormat.Yaml, filePath: "aug.yaml"));
        Assert.Equal(3, error.Line);
        Assert.Equal("transforms[0].transform", error.Location);
        Assert.StartsWith("aug.yaml, line 3, at transforms[0].transform (Gian): unknown transform 'Gian'. Did you mean 'Gain'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltParameter_IsRejectedWithItsNestedPathAndLine()
    {
        const string yaml = """
            transform: Compose
            transforms:
              - transform: PolarityInversion
              - transform: OneOf
                transforms:
                  - transform: Gain
                    min_gain_bd: -3
            """;
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Parse(yaml, PipelineFormat.Yaml, filePath: "nested.yml"));
        Assert.Equal((7, "transforms[1].transforms[0].min_gain_bd", "Gain", "min_gain_bd"), (error.Line, error.Location, error.TransformName, error.ParameterName));
        Assert.Contains("nested.yml, line 7, at transforms[1].transforms[0].min_gain_bd (Gain): Gain has no parameter 'min_gain_bd'. Did you mean 'min_gain_db'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeValue_SpeaksInFileNames_AndPointsAtTheParameter()
    {
        // min 20 above the default max 12: the constructor's ArgumentException names minGainDb.
        const string json = """
            {
              "transform": "Compose",
              "transforms": [
                {"transform": "Gain",
                 "min_gain_db": 20}
              ]
            }
            """;
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Parse(json, PipelineFormat.Json, filePath: "g.json"));
        Assert.Equal((5, "transforms[0].min_gain_db", "min_gain_db"), (error.Line, error.Location, error.ParameterName));
        Assert.Equal("min_gain_db (20) must not exceed max_gain_db (12).", error.Reason);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Theory]
    [InlineData("transform: Gain\nmin_gain_db: loud\n", "min_gain_db", 2, "min_gain_db must be a number, not 'loud'.")]
    [InlineData("transform: Gain\np: 1.5\n", "p", 2, "p is a probability and must lie in [0, 1].")]
    [InlineData("transform: Gain\nmode: sideways\n", "mode", 2, "mode must be one of per_example, per_batch, per_channel, not 'sideways'.")]
    [InlineData("transform: Gain\nmin_gain_db: [1, 2]\n", "min_gain_db", 2, "min_gain_db must be a number, not 'System.Collections.Generic.List`1[System.Object]'.")]
    [InlineData("transform: Gain\nmin_gain_db: {a: 1}\n", "min_gain_db", 2, "min_gain_db must be a value, not a mapping.")]
    [InlineData("transform: SomeOf\nmin_count: 3\ntransforms: [{transform: Gain}]\n", "min_count", 2, "min_count must lie in [0, 1] (the number of transforms).")]
    [InlineData("transform: OneOf\nweights: [1, 2]\ntransforms: [{transform: Gain}]\n", "weights", 2, "2 weights were given for 1 transforms.")]
    public void BadValue_NamesTheParameterAndItsLine(string yaml, string parameter, int line, string reason)
    {
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Parse(yaml, PipelineFormat.Yaml));
        Assert.Equal(parameter, error.ParameterName);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transform: Compose\n", "Compose needs a 'transforms' list.", 1)]
    [InlineData("transform: Compose\ntransforms: []\n", "'transforms' must be a non-empty list of transforms, not an empty list.", 2)]
    [InlineData("transform: Gain\ntransforms: [{transform: Gain}]\n", "Gain is not a container; only Compose, OneOf, SomeOf take 'transforms'.", 2)]
    [InlineData("transfrom: Gain\n", "a transform needs a 'transform' key naming it. Is 'transfrom' a misspelling of it?", 1)]
    [InlineData("transform: OneOf\ntransfroms: [{transform: Gain}]\n", "OneOf needs a 'transforms' list. Is 'transfroms' a misspelling of it?", 1)]
    [InlineData("- transform: Gain\n", "expected a transform (a mapping with a 'transform' key), found a list.", 1)]
    [InlineData("transform: 3\n", "'transform' must be a transform's name, not a number.", 1)]
    [InlineData("transform: Gain\np: 0.5\np: 0.7\n", "invalid YAML", 3)]
    [InlineData("transform: Gain\n  p: [0.5\n", "invalid YAML", 2)]
    [InlineData("", "the file is empty.", 1)]
    public void MalformedStructure_IsExplained(string yaml, string reason, int line)
    {
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Parse(yaml, PipelineFormat.Yaml));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Theory]
    [InlineData("{\"transform\": \"Gain\", \"p\": 0.5, \"p\": 0.7}", "the key 'p' appears twice in one object.", 1)]
    [InlineData("{\n\"transform\": \"Gain\",\n\"p\": 0.5 0.7}", "invalid JSON", 3)]
    [InlineData("{\"transform\": \"Gain\"} {}", "invalid JSON: '{' is invalid after a single JSON value.", 1)]
    public void MalformedJson_IsExplained(string json, string reason, int line)
    {
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Parse(json, PipelineFormat.Json));
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        string path = Path.Combine(_folder, "absent.yaml");
        PipelineFileException error = Assert.Throws<PipelineFileException>(() => PipelineFile.Load(path));
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith($"{path}: cannot read the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PicksTheFormatFromTheExtension_OrTheText()
    {
        Assert.Equal(PipelineFormat.Json, PipelineFile.FormatOf("a.JSON"));
        Assert.Equal(PipelineFormat.Yaml, PipelineFile.FormatOf("a.yml"));
        Assert.Equal(PipelineFormat.Json, PipelineFile.FormatOf("pipeline", " {\"transform\": \"Gain\"}"));
        Assert.Equal(PipelineFormat.Yaml, PipelineFile.FormatOf("pipeline", "transform: Gain"));
        string path = Path.Combine(_folder, "pipeline");
        File.WriteAllText(path, "{\"transform\": \"Gain\", \"p\": 0.25}");
        Assert.Equal(0.25, PipelineFile.Load(path).P);
    }

    [Theory]
    [InlineData("per_example")]
    [InlineData("noises/rain.wav")]
    [InlineData("12")]
    [InlineData("1e3")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData(" padded ")]
    [InlineData("a: b")]
    [InlineData("x #y")]
    [InlineData("- item")]
    [InlineData("[1]")]
    [InlineData("quote\"and\\back")]
    [InlineData("line\nbreak")]
    [InlineData("C:\\data\\noise")]
    [InlineData("ünïcode")]
    public void YamlText_ReadsBackAsTheSameString(string value)
    {
        string yaml = $"key: {PipelineWriter.YamlText(value)}\n";
        var map = (FastAudiomentations.Pipelines.Syntax.PipelineMap)PipelineFile.ParseTree(yaml, PipelineFormat.Yaml, null);
        var scalar = Assert.IsType<FastAudiomentations.Pipelines.Syntax.PipelineScalar>(map.Entries[0].Value);
        Assert.Equal(value, scalar.Value);
    }

    [Theory]
    [InlineData("12", 12L)]
    [InlineData("-3", -3L)]
    [InlineData("0.5", 0.5)]
    [InlineData("1e-5", 1e-5)]
    [InlineData("-.inf", double.NegativeInfinity)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("'12'", "12")]
    [InlineData("Infinity", "Infinity")]
    [InlineData("1,000", "1,000")]
    public void YamlScalars_AreTypedByTheCoreSchema(string text, object expected)
    {
        var map = (FastAudiomentations.Pipelines.Syntax.PipelineMap)PipelineFile.ParseTree($"key: {text}\n", PipelineFormat.Yaml, null);
        Assert.Equal(expected, Assert.IsType<FastAudiomentations.Pipelines.Syntax.PipelineScalar>(map.Entries[0].Value).Value);
    }
}
