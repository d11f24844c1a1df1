namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>A single value: null, a bool, a long, a double or a string.</summary>
internal sealed class PipelineScalar(object? value, int? line) : PipelineNode(line)
{
    /// <summary>The value, typed as the file wrote it.</summary>
    public object? Value { get; } = value;

    /// <inheritdoc/>
    public override string Describe() => Value switch
    {
        null => "null",
        bool => "true or false",
        long or double => "a number",
        _ => "text",
    };
}
