namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>
/// A value of a parsed pipeline file, JSON or YAML alike: a <see cref="PipelineScalar"/>, a
/// <see cref="PipelineList"/> or a <see cref="PipelineMap"/>, with the line it starts on.
/// </summary>
internal abstract class PipelineNode
{
    private protected PipelineNode(int? line) => Line = line;

    /// <summary>1-based line of the value in its file, when the parser tells it.</summary>
    public int? Line { get; }

    /// <summary>What the value is, for error messages ("a number", "a list").</summary>
    public abstract string Describe();
}
