namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>A single value: null, a bool, a long, a double or a string.</summary>
internal sealed class PipelineScalar(object? value, int? line, string? numberText = null) : PipelineNode(line)
{
    /// <summary>The value, typed as the file wrote it.</summary>
    public object? Value { get; } = value;

    /// <summary>
    /// A number's text as written, when the reader keeps it (JSON does): a float written by its shortest
    /// form must be parsed as a float, since parsing to double first could round twice.
    /// </summary>
    public string? NumberText { get; } = numberText;

    /// <inheritdoc/>
    public override string Describe() => Value switch
    {
        null => "null",
        bool => "true or false",
        long or double => "a number",
        _ => "text",
    };
}
