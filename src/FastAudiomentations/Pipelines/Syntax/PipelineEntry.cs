namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>One key of a mapping with its value.</summary>
/// <param name="Key">The key as written.</param>
/// <param name="Line">1-based line of the key, when the parser tells it.</param>
/// <param name="Value">The value.</param>
internal sealed record PipelineEntry(string Key, int? Line, PipelineNode Value);
