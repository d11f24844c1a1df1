using FastAudiomentations.Pipelines;
using FastAudiomentations.Pipelines.Syntax;

namespace FastAudiomentations;

/// <summary>
/// Reads and writes pipelines as JSON or YAML files: a tree of Compose / OneOf / SomeOf containers and
/// leaf transforms from the <see cref="TransformCatalog"/>.
/// </summary>
/// <remarks>
/// <para>A node is a mapping: <c>transform</c> names it, a container lists its children under
/// <c>transforms</c>, every other key is a parameter by its snake_case name (as audiomentations spells it);
/// absent parameters take their defaults.</para>
/// <code>
/// transform: Compose
/// transforms:
///   - transform: Gain
///     min_gain_db: -12
///     max_gain_db: 12
///     p: 0.5
///   - transform: OneOf
///     weights: [1, 2]
///     transforms: [{transform: PolarityInversion}, {transform: Gain, p: 1}]
/// </code>
/// <para>Saving writes every parameter, defaults included, so a file states exactly what runs and
/// load → save → load → save gives identical text. Relative paths in a file (e.g. <c>sounds_path</c>)
/// are relative to the file's folder. Every problem is a <see cref="PipelineFileException"/> naming the
/// file, line, place and transform.</para>
/// </remarks>
public static class PipelineFile
{
    /// <summary>Reads and builds the pipeline in <paramref name="path"/>; the format comes from the extension (see <see cref="FormatOf"/>).</summary>
    /// <exception cref="PipelineFileException">The file cannot be read, parsed or built.</exception>
    public static Transform Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw PipelineFileException.At(path, null, string.Empty, null, null, $"cannot read the file: {error.Message}", error);
        }

        return Parse(text, FormatOf(path, text), Path.GetDirectoryName(Path.GetFullPath(path)), path);
    }

    /// <summary>Builds the pipeline written in <paramref name="text"/>.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="format">JSON or YAML.</param>
    /// <param name="baseDirectory">Folder that relative paths in the text are relative to; null leaves them as written.</param>
    /// <param name="filePath">The file's name for error messages; null says "pipeline".</param>
    /// <exception cref="PipelineFileException">The text cannot be parsed or built.</exception>
    public static Transform Parse(string text, PipelineFormat format, string? baseDirectory = null, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        PipelineNode root = ParseTree(text, format, filePath);
        return new PipelineBuilder(filePath, baseDirectory).Build(root);
    }

    /// <summary>Writes <paramref name="pipeline"/> to <paramref name="path"/> (format from the extension), atomically.</summary>
    /// <remarks>Path parameters are written relative to the file's folder. The text goes to a temporary file beside it first, then replaces it.</remarks>
    public static void Save(Transform pipeline, string path)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        AtomicFile.WriteAllText(path, ToText(pipeline, FormatOf(path), folder));
    }

    /// <summary>The pipeline as JSON text (every parameter, defaults included).</summary>
    public static string ToJson(Transform pipeline) => PipelineWriter.ToJson(pipeline, relativeTo: null);

    /// <summary>The pipeline as YAML text (every parameter, defaults included).</summary>
    public static string ToYaml(Transform pipeline) => PipelineWriter.ToYaml(pipeline, relativeTo: null);

    /// <summary>The pipeline as text in <paramref name="format"/>; path parameters relative to <paramref name="relativeTo"/> when given.</summary>
    public static string ToText(Transform pipeline, PipelineFormat format, string? relativeTo = null) =>
        format == PipelineFormat.Json ? PipelineWriter.ToJson(pipeline, relativeTo) : PipelineWriter.ToYaml(pipeline, relativeTo);

    /// <summary>JSON for ".json", YAML for ".yaml" and ".yml" (any case); otherwise JSON when the text starts with '{', else YAML.</summary>
    public static PipelineFormat FormatOf(string path, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path);
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return PipelineFormat.Json;
        }

        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
        {
            return PipelineFormat.Yaml;
        }

        return text is not null && text.TrimStart().StartsWith('{') ? PipelineFormat.Json : PipelineFormat.Yaml;
    }

    internal static PipelineNode ParseTree(string text, PipelineFormat format, string? filePath)
    {
        // File.ReadAllText drops a byte-order mark, but text from elsewhere may keep it.
        text = text.TrimStart('\uFEFF');
        return format switch
        {
            PipelineFormat.Json => JsonPipelineReader.Read(text, filePath),
            PipelineFormat.Yaml => YamlPipelineReader.Read(text, filePath),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown pipeline format."),
        };
    }
}
