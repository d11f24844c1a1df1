using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Pipelines;

public sealed class AugmentationPlanFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fastaug-plan-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Compose Pipeline() => new(
        [
            new Gain(-12, 12, p: 0.7),
            new OneOf([new PolarityInversion(p: 1), new Gain(-3, 3, p: 1, mode: TransformMode.PerChannel)], weights: [1, 3]),
            new SomeOf([new Gain(1, 6, p: 0.8), new PolarityInversion(p: 0.5)], minCount: 0, maxCount: 2),
        ],
        shuffle: true);

    private static float[][][] StereoClips() =>
        [.. Signals.NoiseClips(11, 700, 300, 1, 0, 512, 999, 64, 200).Select((x, i) => new[] { x, Signals.Noise(x.Length, 100 + i) })];

    [Fact]
    public void SavedPlan_ReplaysToIdenticalOutput()
    {
        Compose pipeline = Pipeline();
        float[][][] clips = StereoClips();
        uint[] ids = [5, 17, 9, 1000, 3, 4, 77, 12];
        using var device = new CpuDevice(2);
        using AudioBatch input = device.Upload(clips, 22_050, exampleIds: ids);
        AugmentationPlan applied = pipeline.Apply(input, seed: 123, call: 4);
        string path = Path.Combine(_folder, "plan.json");
        AugmentationPlanFile.Save(applied, path);

        AugmentationPlan loaded = AugmentationPlanFile.Load(path, pipeline);
        Assert.Equal((123L, 4L, applied.Key), (loaded.Seed, loaded.Call, loaded.Key));
        Assert.Equal(ids, loaded.ExampleIds.ToArray());
        using AudioBatch copy = device.Upload(clips, 22_050, exampleIds: loaded.ExampleIds.ToArray());
        pipeline.Replay(copy, loaded);

        float[][][] expected = input.ToChannelArrays(), actual = copy.ToChannelArrays();
        for (int b = 0; b < expected.Length; b++)
        {
            for (int c = 0; c < expected[b].Length; c++)
            {
                Assert.Equal(expected[b][c], actual[b][c]);
            }
        }

        // The loaded plan is the same plan: same order of leaves, decisions and parameter bits.
        Assert.Equal(AugmentationPlanFile.ToJson(applied), AugmentationPlanFile.ToJson(loaded));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void PlanWithoutAPipeline_BuildsTheStoredOne_AndReplays()
    {
        Compose pipeline = Pipeline();
        float[][] clips = Signals.NoiseClips(3, 400, 250, 90);
        using var device = new CpuDevice(1);
        using AudioBatch input = device.Upload(clips, 16_000);
        string json = AugmentationPlanFile.ToJson(pipeline.Apply(input, seed: 8));

        AugmentationPlan loaded = AugmentationPlanFile.Parse(json, pipeline: null);
        Assert.Equal(PipelineFile.ToJson(pipeline), PipelineFile.ToJson(loaded.Root));
        using AudioBatch copy = device.Upload(clips, 16_000);
        loaded.Root.Replay(copy, loaded);
        float[][] x = input.ToArrays(), y = copy.ToArrays();
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(x[i], y[i]);
        }
    }

    [Fact]
    public void PlanFile_NamesRowsAndParameters()
    {
        var gain = new Gain(6, 6, p: 1);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new[] { 1f }], 16_000, exampleIds: [42]);
        string json = AugmentationPlanFile.ToJson(new Compose(gain, new PolarityInversion(p: 0)).Apply(batch, seed: 1));
        Assert.Contains("\"format\": \"fastaug-plan\"", json, StringComparison.Ordinal);
        Assert.Contains("\"nodes\": [\n    \"Compose\",\n    \"Gain\",\n    \"PolarityInversion\"\n  ]", json, StringComparison.Ordinal);
        Assert.Contains("\"applied\": true,\n          \"gain_db\": 6\n", json, StringComparison.Ordinal);
        Assert.Contains("\"transform\": \"PolarityInversion\",\n      \"rows\": [\n        {\n          \"applied\": false\n        }", json, StringComparison.Ordinal);
        Assert.Contains("\"example_ids\": [\n    42\n  ]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanForAnotherPipeline_IsRejected()
    {
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload(Signals.NoiseClips(1, 10, 10), 16_000);
        string json = AugmentationPlanFile.ToJson(new Compose(new Gain(), new PolarityInversion()).Apply(batch, seed: 1));

        PipelineFileException renamed = Assert.Throws<PipelineFileException>(() => AugmentationPlanFile.Parse(json, new Compose(new PolarityInversion(), new Gain()), "plan.json"));
        Assert.Equal("nodes[1]", renamed.Location);
        Assert.Equal("node 1 of the plan is Gain; in this pipeline it is PolarityInversion.", renamed.Reason);
        Assert.StartsWith("plan.json, line ", renamed.Message, StringComparison.Ordinal);

        PipelineFileException bigger = Assert.Throws<PipelineFileException>(() => AugmentationPlanFile.Parse(json, new Compose(new Gain(), new PolarityInversion(), new Gain())));
        Assert.Equal("the plan was sampled from a pipeline of 3 nodes; this pipeline has 4.", bigger.Reason);
    }

    [Theory]
    [InlineData("\"gain_db\": 6", "\"gian_db\": 6", "steps[0].rows[0].gian_db", "Gain samples no parameter 'gian_db' (it samples: gain_db).")]
    [InlineData("\"gain_db\": 6", "\"gain_db\": \"x\"", "steps[0].rows[0].gain_db", "must be a number.")]
    [InlineData("\"applied\": true,", "", "steps[0].rows[0]", "'applied' is missing.")]
    [InlineData("\"node\": 1", "\"node\": 0", "steps[0].node", "node 0 is Compose, a container; steps belong to leaves.")]
    [InlineData("\"node\": 2,\n      \"transform\": \"PolarityInversion\"", "\"node\": 1,\n      \"transform\": \"Gain\"", "steps[1].node", "Node 1 appears twice in the plan's order.")]
    [InlineData("\"version\": 1", "\"version\": 2", "version", "plan file version 2 is not supported; this library reads version 1.")]
    [InlineData("\"format\": \"fastaug-plan\"", "\"format\": \"other\"", "format", "this is not a plan file (format is 'other', expected 'fastaug-plan').")]
    public void MalformedPlan_IsExplained(string find, string replace, string location, string reason)
    {
        var pipeline = new Compose(new Gain(6, 6, p: 1), new PolarityInversion(p: 1));
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([new[] { 1f }], 16_000);
        string json = AugmentationPlanFile.ToJson(pipeline.Apply(batch, seed: 1));
        Assert.Contains(find, json, StringComparison.Ordinal);
        string broken = json.Replace(find, replace, StringComparison.Ordinal);
        if (replace.Length == 0)
        {
            broken = broken.Replace("{\n          \n", "{\n", StringComparison.Ordinal);
        }

        PipelineFileException error = Assert.Throws<PipelineFileException>(() => AugmentationPlanFile.Parse(broken, pipeline));
        Assert.Equal(location, error.Location);
        Assert.Equal(reason, error.Reason);
        Assert.NotNull(error.Line);
    }
}
