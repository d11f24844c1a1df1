using System.Diagnostics;
using System.Globalization;
using System.Text;
using FastAudiomentations.Cli.Augmenting;
using Spectre.Console;

namespace FastAudiomentations.Cli.Demo;

/// <summary>
/// `fastaug demo`: augments the bundled recording with <see cref="DemoPipeline"/> and shows what each copy
/// got. Uses the same clip identity as `fastaug augment`, so augmenting the recording with the saved
/// pipeline file, copies and seed reproduces the demo's WAVs exactly.
/// </summary>
internal sealed class DemoJob(string output, int copies, long seed, bool picture, IAnsiConsole console)
{
    /// <summary>The bundled recording's file name.</summary>
    public const string AssetName = "demo-44k.wav";

    /// <summary>The bundled background sound's file name.</summary>
    public const string NoiseName = "noise-44k.wav";

    /// <summary>Where the bundled recording sits next to the program.</summary>
    public static string AssetPath => Path.Combine(AppContext.BaseDirectory, "Assets", AssetName);

    /// <summary>Where the bundled background sound sits next to the program.</summary>
    public static string NoisePath => Path.Combine(AppContext.BaseDirectory, "Assets", NoiseName);

    public int Run()
    {
        if (copies < 1)
        {
            throw new CliException($"--copies must be at least 1, not {copies}.");
        }

        foreach (string asset in new[] { AssetPath, NoisePath })
        {
            if (!File.Exists(asset))
            {
                throw new CliException($"A bundled recording is missing: {asset}.");
            }
        }

        // The demo folder is self-contained: the pipeline file names its background sounds as "noises".
        string folder = Path.GetFullPath(output);
        string noises = Path.Combine(folder, "noises");
        Directory.CreateDirectory(Path.Combine(folder, "plans"));
        Directory.CreateDirectory(noises);
        File.Copy(NoisePath, Path.Combine(noises, NoiseName), overwrite: true);
        AudioData original = AudioFile.Read(AssetPath);
        Transform pipeline = DemoPipeline.Create(noises);
        PipelineFile.Save(pipeline, Path.Combine(folder, "pipeline.yaml"));
        File.Copy(AssetPath, Path.Combine(folder, AssetName), overwrite: true);

        using var device = new CpuDevice();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("copy").AddColumn(new TableColumn("transform").NoWrap()).AddColumn("applied").AddColumn("parameters")
            .AddColumn(new TableColumn("peak dBFS").RightAligned())
            .AddColumn(new TableColumn("RMS dBFS").RightAligned())
            .AddColumn(new TableColumn("ms").RightAligned());
        var pictureRows = new List<(string Title, float[] Samples)> { ("original", original.Channels[0]) };
        (double peakBefore, double rmsBefore) = Levels(original.Channels);
        uint id = ClipIdentity.ExampleId(AssetName);
        WarmUp(device, pipeline, original, id);
        for (int copy = 0; copy < copies; copy++)
        {
            using AudioBatch batch = device.Upload([original.Channels], original.SampleRate, exampleIds: [id]);
            var clock = Stopwatch.StartNew();
            AugmentationPlan plan = pipeline.Apply(batch, seed, ClipIdentity.Call(copy));
            clock.Stop();
            float[][] augmented = batch.ToChannelArrays()[0];
            string name = ClipIdentity.OutputRelativePath(AssetName, copy);
            AudioFile.WriteWav(Path.Combine(folder, name), new AudioData(augmented, original.SampleRate));
            AugmentationPlanFile.Save(plan, Path.Combine(folder, "plans", Path.ChangeExtension(name, ".plan.json")));
            (double peakAfter, double rmsAfter) = Levels(augmented);
            AddCopy(table, copy, plan, $"{Db(peakBefore)}→{Db(peakAfter)}", $"{Db(rmsBefore)}→{Db(rmsAfter)}", clock.Elapsed);
            pictureRows.Add(($"copy {copy}: {AppliedNames(plan)}", augmented[0]));
        }

        console.Write(table);
        console.MarkupLine("[grey]peak and RMS: before → after the pipeline; ms: time of the pipeline call on the CPU.[/]");
        string picturePath = Path.Combine(folder, "waveforms.png");
        if (picture)
        {
            SavePicture(picturePath, original.SampleRate, pictureRows);
        }

        console.MarkupLine($"Wrote {copies} augmented copies of [bold]{AssetName}[/] ({original.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s, {original.SampleRate} Hz) to [bold]{Markup.Escape(folder)}[/]:");
        console.MarkupLine($"  {Markup.Escape(ClipIdentity.OutputRelativePath(AssetName, 0))} ... the audio; pipeline.yaml: the pipeline; noises/: its background sound; plans/: what each copy drew{(picture && File.Exists(picturePath) ? "; waveforms.png: before/after" : string.Empty)}.");
        console.MarkupLine($"The same files again from the command line: [grey]fastaug augment {Markup.Escape(Path.Combine(output, AssetName))} --pipeline {Markup.Escape(Path.Combine(output, "pipeline.yaml"))} --copies {copies} --seed {seed} --output OUT[/]");
        return ExitCodes.Success;
    }

    /// <summary>
    /// The same calls on a short clip first, so every transform the copies use is compiled before the
    /// timed calls and the times shown are the pipeline's, not the JIT compiler's.
    /// </summary>
    private void WarmUp(AudioDevice device, Transform pipeline, AudioData original, uint id)
    {
        float[][] head = Array.ConvertAll(original.Channels, x => x[..Math.Min(x.Length, 4096)]);
        using AudioBatch batch = device.Upload([head], original.SampleRate, exampleIds: [id]);
        for (int copy = 0; copy < copies; copy++)
        {
            pipeline.Apply(batch, seed, ClipIdentity.Call(copy));
        }
    }

    private void SavePicture(string path, int sampleRate, List<(string Title, float[] Samples)> rows)
    {
        try
        {
            WaveformPicture.Save(path, sampleRate, rows);
        }
#pragma warning disable CA1031 // A picture is a bonus: a missing native renderer must not fail the demo.
        catch (Exception error)
#pragma warning restore CA1031
        {
            console.MarkupLine($"[yellow]Picture skipped ({Markup.Escape(error.GetType().Name)}: {Markup.Escape(error.Message)}).[/]");
        }
    }

    private static void AddCopy(Table table, int copy, AugmentationPlan plan, string peak, string rms, TimeSpan time)
    {
        ReadOnlySpan<PlannedStep> steps = plan.Steps;
        for (int s = 0; s < steps.Length; s++)
        {
            PlannedStep step = steps[s];
            bool applied = step.Applied[0];
            bool first = s == 0;
            table.AddRow(
                new Text(first ? copy.ToString(CultureInfo.InvariantCulture) : string.Empty),
                new Text(step.Transform.Name),
                new Markup(applied ? "[green]yes[/]" : "[grey]no[/]"),
                new Text(applied ? Parameters(step) : string.Empty),
                new Text(first ? peak : string.Empty),
                new Text(first ? rms : string.Empty),
                new Text(first ? time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) : string.Empty));
        }
    }

    private static string Parameters(PlannedStep step)
    {
        if (step.ParameterNames.Count == 0)
        {
            return "-";
        }

        var text = new StringBuilder();
        for (int p = 0; p < step.ParameterNames.Count; p++)
        {
            text.Append(p > 0 ? ", " : string.Empty)
                .Append(Naming.ToSnakeCase(step.ParameterNames[p]))
                .Append('=')
                .Append(step.GetParameter(0, p).ToString("0.##", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string AppliedNames(AugmentationPlan plan)
    {
        var names = new List<string>();
        foreach (PlannedStep step in plan.Steps)
        {
            if (step.Applied[0])
            {
                names.Add(step.Transform.Name);
            }
        }

        return names.Count == 0 ? "nothing applied" : string.Join(" → ", names);
    }

    private static (double Peak, double Rms) Levels(float[][] channels)
    {
        double peak = 0, sum = 0;
        long count = 0;
        foreach (float[] x in channels)
        {
            foreach (float v in x)
            {
                peak = Math.Max(peak, Math.Abs(v));
                sum += (double)v * v;
            }

            count += x.Length;
        }

        return (peak, count == 0 ? 0 : Math.Sqrt(sum / count));
    }

    private static string Db(double amplitude) =>
        amplitude <= 0 ? "-inf" : (20 * Math.Log10(amplitude)).ToString("0.0", CultureInfo.InvariantCulture);
}
