namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>A sequence of values.</summary>
internal sealed class PipelineList(IReadOnlyList<PipelineNode> items, int? line) : PipelineNode(line)
{
    /// <summary>The items, in file order.</summary>
    public IReadOnlyList<PipelineNode> Items { get; } = items;

    /// <inheritdoc/>
    public override string Describe() => "a list";
}
