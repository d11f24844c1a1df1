using FastAudiomentations.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli;

/// <summary>The `fastaug` command line: augment, demo, list, bench, selftest.</summary>
internal static class FastaugApp
{
    /// <summary>Runs `fastaug` with <paramref name="args"/>, writing to <paramref name="console"/>; returns the exit code.</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("fastaug");
            config.Settings.Console = console;
            config.AddCommand<AugmentCommand>("augment")
                .WithDescription("Augment audio files or folders with a pipeline file; outputs keep the folder structure.")
                .WithExample("augment", "data/clean", "--pipeline", "pipeline.yaml", "--output", "data/augmented", "--copies", "4", "--seed", "1")
                .WithExample("augment", "data/clean", "-p", "pipeline.yaml", "-o", "out", "--shard", "0/8", "--device", "auto");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Augment a bundled recording with a default pipeline: WAVs, a summary table and a waveform picture in fastaug-demo/.");
            config.AddCommand<ListCommand>("list")
                .WithDescription("List every transform with its parameters, defaults and descriptions.")
                .WithExample("list", "--json");
            config.AddCommand<BenchCommand>("bench")
                .WithDescription("Time every transform on the GPU and the CPU at batch sizes 1, 16, 64, 128: us per call and per clip, GB/s, share of copy bandwidth.")
                .WithExample("bench", "--clip", "clip-44k.wav", "--out", "results")
                .WithExample("bench", "--filter", "Gain,AddBackgroundNoise", "--no-cpu");
            config.AddCommand<SelfTestCommand>("selftest")
                .WithDescription("Run every transform on each GPU device and on the CPU with the same seed and compare.")
                .WithExample("selftest", "--backend", "cuda");
        });
        return app.Run(args);
    }
}
