namespace FastAudiomentations;

/// <summary>The text formats a pipeline file can be written in.</summary>
public enum PipelineFormat
{
    /// <summary>JSON (comments and trailing commas allowed when reading).</summary>
    Json,

    /// <summary>YAML 1.2 (a superset of JSON).</summary>
    Yaml,
}
