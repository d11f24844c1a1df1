using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastAudiomentations.Pipelines.Syntax;

namespace FastAudiomentations.Pipelines;

/// <summary>
/// Writes a <see cref="Transform"/> tree as JSON or YAML: <c>transform</c> first, then every parameter
/// the transform reports (<see cref="Transform.GetParameterValues"/>, defaults included) in its order, then
/// a container's <c>transforms</c>. The output is a pure function of the tree, so load, save, load, save
/// gives the same text.
/// </summary>
/// <remarks>
/// Numbers use the shortest text that reads back to the same double ("R"); a float reported by a
/// transform is written by its own shortest form (0.1f as 0.1, not 0.10000000149011612). Non-finite
/// numbers are .inf/.nan in YAML and the strings "Infinity"/"NaN" in JSON (which JSON lacks;
/// <see cref="TransformArguments.Number"/> reads both). Enums are written in snake_case. Path parameters
/// are written relative to <c>relativeTo</c>, when given, so that a saved file moves with its data.
/// </remarks>
internal static class PipelineWriter
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonSerializerOptions QuotedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(Transform pipeline, string? relativeTo)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            WriteJson(writer, pipeline, relativeTo);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string ToYaml(Transform pipeline, string? relativeTo)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var text = new StringBuilder();
        WriteYaml(text, pipeline, relativeTo, indent: 0, firstPrefix: string.Empty);
        return text.ToString();
    }

    /// <summary>Writes <paramref name="pipeline"/> into an open JSON writer (plan files embed it).</summary>
    public static void WriteJson(Utf8JsonWriter writer, Transform pipeline, string? relativeTo)
    {
        writer.WriteStartObject();
        writer.WriteString(PipelineBuilder.TransformKey, pipeline.Name);
        foreach (KeyValuePair<string, object?> parameter in Parameters(pipeline, relativeTo))
        {
            writer.WritePropertyName(parameter.Key);
            WriteJsonValue(writer, parameter.Value);
        }

        if (pipeline.Children.Count > 0)
        {
            writer.WriteStartArray(PipelineBuilder.ChildrenKey);
            foreach (Transform child in pipeline.Children)
            {
                WriteJson(writer, child, relativeTo);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteYaml(StringBuilder text, Transform node, string? relativeTo, int indent, string firstPrefix)
    {
        // The first key of a list item follows "- " on the item's line; the rest align under it.
        string pad = new(' ', indent);
        text.Append(firstPrefix.Length > 0 ? firstPrefix : pad).Append(PipelineBuilder.TransformKey).Append(": ").Append(YamlText(node.Name)).Append('\n');
        foreach (KeyValuePair<string, object?> parameter in Parameters(node, relativeTo))
        {
            text.Append(pad).Append(parameter.Key).Append(": ");
            AppendYamlValue(text, parameter.Value);
            text.Append('\n');
        }

        if (node.Children.Count > 0)
        {
            text.Append(pad).Append(PipelineBuilder.ChildrenKey).Append(":\n");
            foreach (Transform child in node.Children)
            {
                WriteYaml(text, child, relativeTo, indent + 4, new string(' ', indent + 2) + "- ");
            }
        }
    }

    private static List<KeyValuePair<string, object?>> Parameters(Transform node, string? relativeTo)
    {
        var kinds = new Dictionary<string, ParameterKind>(StringComparer.Ordinal);
        if (TransformCatalog.TryFind(node.Name, out TransformDescriptor descriptor))
        {
            foreach (ParameterDescriptor parameter in descriptor.Parameters)
            {
                kinds[parameter.Name] = parameter.Kind;
            }
        }

        var result = new List<KeyValuePair<string, object?>>();
        foreach (KeyValuePair<string, object> parameter in node.GetParameterValues())
        {
            object? value = Normalise(parameter.Value);
            if (relativeTo is not null && kinds.TryGetValue(parameter.Key, out ParameterKind kind) && kind == ParameterKind.Path)
            {
                value = Relative(value, relativeTo);
            }

            result.Add(new(parameter.Key, value));
        }

        return result;
    }

    /// <summary>A rooted path (or each of a list of paths) relative to <paramref name="folder"/>, with '/' separators.</summary>
    private static object? Relative(object? value, string folder) => value switch
    {
        string path when Path.IsPathRooted(path) => Path.GetRelativePath(folder, path).Replace('\\', '/'),
        List<object?> paths => paths.ConvertAll(p => Relative(p, folder)),
        _ => value,
    };

    /// <summary>Reduces a reported value to null, bool, long, double, string or a list of those.</summary>
    private static object? Normalise(object? value) => value switch
    {
        null => null,
        bool or string or double or long => value,
        float f => double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        int or short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        Enum e => Naming.ToSnakeCase(e.ToString()),
        IEnumerable items => NormaliseList(items),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static List<object?> NormaliseList(IEnumerable items)
    {
        var list = new List<object?>();
        foreach (object? item in items)
        {
            list.Add(Normalise(item));
        }

        return list;
    }

    private static void WriteJsonValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                writer.WriteRawValue(Number(d));
                break;
            case double d:
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteJsonValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new InvalidOperationException($"Cannot write a {value.GetType().Name}.");
        }
    }

    private static void AppendYamlValue(StringBuilder text, object? value, bool inFlow = false)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case long l:
                text.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                text.Append(double.IsNaN(d) ? ".nan" : double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf" : Number(d));
                break;
            case string s:
                // Inside [a, b] a comma or bracket would end the item: quote text there always.
                text.Append(inFlow ? JsonSerializer.Serialize(s, QuotedOptions) : YamlText(s));
                break;
            case List<object?> list:
                // Lists of plain values read best on one line: weights: [1, 2].
                text.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    text.Append(i > 0 ? ", " : string.Empty);
                    AppendYamlValue(text, list[i], inFlow: true);
                }

                text.Append(']');
                break;
            default:
                throw new InvalidOperationException($"Cannot write a {value.GetType().Name}.");
        }
    }

    /// <summary>Shortest round-trip text of a finite double; integral values have no ".0".</summary>
    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A string as a YAML scalar: plain when it reads back as the same string, else double-quoted.</summary>
    internal static string YamlText(string value)
    {
        bool plain = value.Length > 0
            && YamlPipelineReader.Plain(value) is string
            && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
            && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0], StringComparison.Ordinal) < 0
            && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && !value.Any(char.IsControl) && !value.EndsWith(':');
        return plain ? value : JsonSerializer.Serialize(value, QuotedOptions);
    }
}
