using System.Diagnostics;
using FastAudiomentations.Cli.Demo;

namespace FastAudiomentations.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Demo_WithNoArguments_WritesIntoFastaugDemoOfTheWorkingFolder()
    {
        // The built tool, run as a user would, in a fresh working folder.
        string tool = Path.Combine(AppContext.BaseDirectory, "fastaug.dll");
        var start = new ProcessStartInfo("dotnet", [tool, "demo"])
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, output + errors);
        string folder = _temp["fastaug-demo"];
        string[] expected =
        [
            "demo-44k.aug0.wav", "demo-44k.aug1.wav", "demo-44k.aug2.wav", "demo-44k.aug3.wav", "demo-44k.wav",
            "noises/noise-44k.wav", "pipeline.yaml",
            "plans/demo-44k.aug0.plan.json", "plans/demo-44k.aug1.plan.json", "plans/demo-44k.aug2.plan.json", "plans/demo-44k.aug3.plan.json",
        ];
        Assert.Equal(expected, TempFolder.Files(folder).Where(f => f != "waveforms.png"));
        Assert.Contains("Gain", output, StringComparison.Ordinal);
        Assert.Contains("peak dBFS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoOutputs_AreReproducedByAugmentWithTheSavedPipeline()
    {
        string demo = _temp["demo"];
        (int code, string text) = CliRun.Run("demo", "--output", demo, "--copies", "3", "--seed", "99", "--no-picture");
        Assert.True(code == 0, text);
        Assert.False(File.Exists(Path.Combine(demo, "waveforms.png")));

        string input = Path.Combine(demo, DemoJob.AssetName);
        (code, text) = CliRun.Run("augment", input, "--output", _temp["again"], "--pipeline", Path.Combine(demo, "pipeline.yaml"), "--copies", "3", "--seed", "99");
        Assert.True(code == 0, text);
        for (int copy = 0; copy < 3; copy++)
        {
            string name = $"demo-44k.aug{copy}.wav";
            Assert.Equal(File.ReadAllBytes(Path.Combine(demo, name)), File.ReadAllBytes(Path.Combine(_temp["again"], name)));
        }
    }

    [Fact]
    public void DemoPlans_ReplayToTheDemoOutputs()
    {
        string demo = _temp["demo"];
        CliRun.Run("demo", "--output", demo, "--copies", "2", "--no-picture");
        AudioData original = AudioFile.Read(Path.Combine(demo, DemoJob.AssetName));
        Transform pipeline = PipelineFile.Load(Path.Combine(demo, "pipeline.yaml"));
        using var device = new CpuDevice(1);
        for (int copy = 0; copy < 2; copy++)
        {
            AugmentationPlan plan = AugmentationPlanFile.Load(Path.Combine(demo, "plans", $"demo-44k.aug{copy}.plan.json"), pipeline);
            using AudioBatch batch = device.Upload([original.Channels], original.SampleRate, exampleIds: plan.ExampleIds.ToArray());
            pipeline.Replay(batch, plan);
            string replayed = _temp[$"replayed{copy}.wav"];
            AudioFile.WriteWav(replayed, new AudioData(batch.ToChannelArrays()[0], original.SampleRate));
            Assert.Equal(File.ReadAllBytes(Path.Combine(demo, $"demo-44k.aug{copy}.wav")), File.ReadAllBytes(replayed));
        }
    }

    [Fact]
    public void Demo_DrawsAPicture_OrSaysWhyNot()
    {
        string demo = _temp["demo"];
        (int code, string text) = CliRun.Run("demo", "--output", demo, "--copies", "1");
        Assert.Equal(0, code);
        string png = Path.Combine(demo, "waveforms.png");
        if (File.Exists(png))
        {
            byte[] head = File.ReadAllBytes(png)[..8];
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        }
        else
        {
            Assert.Contains("Picture skipped", text, StringComparison.Ordinal);
        }
    }
}
