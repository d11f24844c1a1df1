using FastAudiomentations.Cli.Augmenting;

namespace FastAudiomentations.Cli.Tests;

public sealed class AugmentCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _input;
    private readonly string _pipeline;

    public AugmentCommandTests()
    {
        _input = _temp["data"];
        _pipeline = Dataset.Create(_input, _temp.Path);
    }

    public void Dispose() => _temp.Dispose();

    private static string[] ExpectedOutputs(int copies) =>
        [.. Dataset.Files.SelectMany(f => Enumerable.Range(0, copies).Select(c => ClipIdentity.Normalise(ClipIdentity.OutputRelativePath(f, c)))).Order(StringComparer.Ordinal)];

    private (int ExitCode, string Output) Augment(string output, params string[] more) =>
        CliRun.Run(["augment", _input, "--output", output, "--pipeline", _pipeline, .. more]);

    [Fact]
    public void Augment_WritesEveryCopyWithTheRelativeStructure_AndTheLibrarysResult()
    {
        string output = _temp["out"];
        (int code, string text) = Augment(output, "--copies", "3", "--seed", "11", "--format", "float32");

        Assert.True(code == 0, text);
        Assert.Equal(ExpectedOutputs(3), TempFolder.Files(output));
        Assert.Matches(@"outputs written\W+21\W", text);

        // Each output is the library's answer for (seed, call = copy, example id = hash of the relative path).
        Transform pipeline = PipelineFile.Load(_pipeline);
        using var device = new CpuDevice(1);
        foreach (string file in Dataset.Files)
        {
            AudioData input = AudioFile.Read(Path.Combine(_input, file));
            for (int copy = 0; copy < 3; copy++)
            {
                using AudioBatch batch = device.Upload([input.Channels], input.SampleRate, exampleIds: [ClipIdentity.ExampleId(file)]);
                pipeline.Apply(batch, seed: 11, call: copy);
                AudioData written = AudioFile.Read(Path.Combine(output, ClipIdentity.OutputRelativePath(file, copy)));
                Assert.Equal(input.SampleRate, written.SampleRate);
                float[][] expected = batch.ToChannelArrays()[0];
                Assert.Equal(expected.Length, written.ChannelCount);
                for (int c = 0; c < expected.Length; c++)
                {
                    Assert.Equal(expected[c], written.Channels[c]);
                }
            }
        }
    }

    [Fact]
    public void SameSeed_GivesIdenticalFiles_WhateverTheBatchSizeAndThreads_AndAnotherSeedDiffers()
    {
        Augment(_temp["a"], "--copies", "2", "--seed", "5", "--batch-size", "32", "--threads", "2");
        Augment(_temp["b"], "--copies", "2", "--seed", "5", "--batch-size", "1", "--threads", "1");
        Augment(_temp["c"], "--copies", "2", "--seed", "6", "--batch-size", "3");

        int differing = 0;
        foreach (string file in ExpectedOutputs(2))
        {
            byte[] a = File.ReadAllBytes(Path.Combine(_temp["a"], file));
            Assert.Equal(a, File.ReadAllBytes(Path.Combine(_temp["b"], file)));
            differing += a.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(_temp["c"], file))) ? 0 : 1;
        }

        // Gain with p = 0.9 and a fresh draw per seed: nearly every output changes with the seed.
        Assert.True(differing >= 10, $"only {differing} of 14 outputs changed with the seed");
    }

    [Fact]
    public void DeviceAuto_RunsOnTheBestDevice_AndWritesEveryOutput()
    {
        // Without CUDA (as in CI) auto is the CPU; with it, the GPU. Either way every output is written.
        (int code, string text) = Augment(_temp["auto"], "--device", "auto", "--copies", "2");
        Assert.True(code == 0, text);
        Assert.Equal(ExpectedOutputs(2), TempFolder.Files(_temp["auto"]));
        Assert.Matches(@"device (CPU|Cuda)", text);
    }

    [Fact]
    public void Shards_AreDisjoint_CoverEveryFile_AndMatchTheUnshardedRun()
    {
        Augment(_temp["all"], "--seed", "3");
        var seen = new List<string>();
        for (int k = 0; k < 3; k++)
        {
            string folder = _temp[$"shard{k}"];
            (int code, string text) = Augment(folder, "--seed", "3", "--shard", $"{k}/3");
            Assert.True(code == 0, text);
            string[] files = Directory.Exists(folder) ? TempFolder.Files(folder) : [];
            foreach (string file in files)
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(_temp["all"], file)), File.ReadAllBytes(Path.Combine(folder, file)));
            }

            seen.AddRange(files);
        }

        Assert.Equal(ExpectedOutputs(1), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Rerun_SkipsExistingOutputs_AndWritesOnlyMissingOnes()
    {
        string output = _temp["out"];
        Augment(output, "--copies", "2");
        string deleted = Path.Combine(output, "speech/a.aug1.wav");
        byte[] original = File.ReadAllBytes(deleted);
        File.Delete(deleted);
        string marked = Path.Combine(output, "music/d.aug0.wav");
        File.WriteAllText(marked, "left alone");

        (int code, string text) = Augment(output, "--copies", "2");

        Assert.True(code == 0, text);
        Assert.Contains("1 outputs to write (13 already there)", text, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(deleted));
        Assert.Equal("left alone", File.ReadAllText(marked));
        Assert.Equal(ExpectedOutputs(2), TempFolder.Files(output));
    }

    [Fact]
    public void InterruptedRun_StopsBetweenBatches_AndARerunFinishesWithTheSameFiles()
    {
        string output = _temp["out"];
        var options = new AugmentOptions([_input], output, _pipeline, Copies: 2, Seed: 9, "cpu", ShardSpec.All, BatchSize: 1, WavSampleFormat.Pcm16, Threads: 1);
        using var writer = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(writer), Interactive = Spectre.Console.InteractionSupport.No });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        int code = new AugmentJob(options, console).Run(cancelled.Token);

        // One batch of one file ran (both copies), then the job stopped.
        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.Contains("Interrupted", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(["f.aug0.wav", "f.aug1.wav"], TempFolder.Files(output));

        Assert.Equal(0, Augment(output, "--copies", "2", "--seed", "9").ExitCode);
        Augment(_temp["clean"], "--copies", "2", "--seed", "9");
        Assert.Equal(ExpectedOutputs(2), TempFolder.Files(output));
        foreach (string file in ExpectedOutputs(2))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(_temp["clean"], file)), File.ReadAllBytes(Path.Combine(output, file)));
        }
    }

    [Theory]
    [InlineData("data")]
    [InlineData("data/speech")]
    [InlineData("data/speech/new")]
    public void OutputInsideOrEqualToAnInputFolder_IsRefused_BeforeAnythingIsWritten(string output)
    {
        string[] before = TempFolder.Files(_input);
        (int code, string text) = Augment(_temp[output]);
        Assert.Equal(ExitCodes.InvalidUsage, code);
        Assert.Contains("inside the input folder", text, StringComparison.Ordinal);
        Assert.Equal(before, TempFolder.Files(_input));
    }

    [Fact]
    public void OutputPathEqualToAnInputFile_IsRefused()
    {
        // a.wav's first copy would be a.aug0.wav, which is itself an input here.
        string a = Path.Combine(_input, "f.wav");
        string clash = Path.Combine(_input, "f.aug0.wav");
        File.Copy(a, clash);
        byte[] before = File.ReadAllBytes(clash);
        (int code, string text) = CliRun.Run("augment", a, clash, "--output", _input, "--pipeline", _pipeline);
        Assert.Equal(ExitCodes.InvalidUsage, code);
        Assert.Contains("would overwrite an input file", text, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(clash));
        Assert.False(File.Exists(Path.Combine(_input, "f.aug0.aug0.wav")));
    }

    [Fact]
    public void UnreadableInput_IsReported_TheOthersAreWritten_AndTheExitCodeSaysSo()
    {
        File.WriteAllText(Path.Combine(_input, "speech/broken.wav"), "not audio");
        string output = _temp["out"];
        (int code, string text) = Augment(output);
        Assert.Equal(ExitCodes.SomeFailed, code);
        Assert.Contains($"failed {Path.Combine(_input, "speech/broken.wav")}:", text, StringComparison.Ordinal);
        Assert.Equal(ExpectedOutputs(1), TempFolder.Files(output));
    }

    [Theory]
    [InlineData("--copies", "0", "--copies must be at least 1")]
    [InlineData("--batch-size", "0", "--batch-size must be at least 1")]
    [InlineData("--shard", "3/3", "--shard 3/3: k counts from 0")]
    [InlineData("--shard", "1-3", "--shard must be k/N")]
    [InlineData("--format", "mp3", "--format must be pcm16 or float32")]
    [InlineData("--device", "tpu", "--device must be one of cpu, auto")]
    public void BadArguments_AreRefused_BeforeAnythingIsWritten(string option, string value, string message)
    {
        (int code, string text) = Augment(_temp["out"], option, value);
        Assert.Equal(ExitCodes.InvalidUsage, code);
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp["out"]));
    }

    [Fact]
    public void BadPipelineFile_IsReportedWithItsPlace_BeforeAnythingIsWritten()
    {
        File.WriteAllText(_pipeline, "transform: Compose\ntransforms:\n  - transform: Gain\n    max_gain_bd: 3\n");
        (int code, string text) = Augment(_temp["out"]);
        Assert.Equal(ExitCodes.InvalidUsage, code);
        Assert.Contains("pipeline.yaml, line 4, at transforms[0].max_gain_bd (Gain): Gain has no parameter 'max_gain_bd'. Did you mean 'max_gain_db'?", text, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp["out"]));
    }

    [Fact]
    public void MissingInput_IsRefused()
    {
        (int code, string text) = CliRun.Run("augment", _temp["nowhere"], "--output", _temp["out"], "--pipeline", _pipeline);
        Assert.Equal(ExitCodes.InvalidUsage, code);
        Assert.Contains("no such file or folder", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SameNameFromTwoInputFolders_IsRefused()
    {
        string other = _temp["other"];
        Directory.CreateDirectory(other);
        File.Copy(Path.Combine(_input, "f.wav"), Path.Combine(other, "f.wav"));
        (int code, string text) = CliRun.Run("augment", _input, other, "--output", _temp["out"], "--pipeline", _pipeline);
        Assert.Equal(ExitCodes.InvalidUsage, code);
        Assert.Contains("would be written to the same outputs (f.aug0.wav, ...)", text, StringComparison.Ordinal);
    }
}
