using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FastAudiomentations.Cli.Console;

/// <summary>A progress column showing throughput in clips per second.</summary>
internal sealed class ClipsPerSecondColumn : ProgressColumn
{
    /// <inheritdoc/>
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        double? speed = task.Speed;
        string text = speed is null ? "- clips/s" : $"{speed.Value.ToString("0.0", CultureInfo.InvariantCulture)} clips/s";
        return new Markup($"[grey]{text}[/]");
    }
}
