using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>Reads YAML into <see cref="PipelineNode"/>s that remember their line.</summary>
/// <remarks>
/// Plain (unquoted) scalars are typed by the YAML 1.2 core schema: null, ~ and empty are null;
/// true/false in any case are booleans; integers and floats (with .inf, -.inf, .nan) are numbers; anything
/// else, and every quoted scalar, is text. Duplicate keys are rejected by YamlDotNet.
/// </remarks>
internal static class YamlPipelineReader
{
    public static PipelineNode Read(string text, string? filePath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException error)
        {
            throw PipelineFileException.At(filePath, (int)error.Start.Line, string.Empty, null, null, $"invalid YAML: {error.Message}", error);
        }

        if (stream.Documents.Count == 0)
        {
            throw PipelineFileException.At(filePath, 1, string.Empty, null, null, "the file is empty.");
        }

        if (stream.Documents.Count > 1)
        {
            throw PipelineFileException.At(filePath, (int)stream.Documents[1].RootNode.Start.Line, string.Empty, null, null, "the file holds more than one YAML document; a pipeline file holds one.");
        }

        return Convert(stream.Documents[0].RootNode, filePath);
    }

    /// <summary>The type a plain scalar's text denotes under the YAML 1.2 core schema.</summary>
    public static object? Plain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }

        if (!LooksNumeric(text))
        {
            return text;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return integer;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) ? real : text;
    }

    private static PipelineNode Convert(YamlNode node, string? filePath)
    {
        int line = (int)node.Start.Line;
        switch (node)
        {
            case YamlScalarNode scalar:
                string value = scalar.Value ?? string.Empty;
                return new PipelineScalar(scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? Plain(value) : value, line);
            case YamlSequenceNode sequence:
                var items = new List<PipelineNode>(sequence.Children.Count);
                foreach (YamlNode item in sequence.Children)
                {
                    items.Add(Convert(item, filePath));
                }

                return new PipelineList(items, line);
            case YamlMappingNode mapping:
                var entries = new List<PipelineEntry>(mapping.Children.Count);
                foreach (KeyValuePair<YamlNode, YamlNode> pair in mapping.Children)
                {
                    if (pair.Key is not YamlScalarNode key)
                    {
                        throw PipelineFileException.At(filePath, (int)pair.Key.Start.Line, string.Empty, null, null, "a key must be a plain name, not a list or mapping.");
                    }

                    entries.Add(new PipelineEntry(key.Value ?? string.Empty, (int)key.Start.Line, Convert(pair.Value, filePath)));
                }

                return new PipelineMap(entries, line);
            default:
                throw PipelineFileException.At(filePath, line, string.Empty, null, null, $"unsupported YAML node {node.NodeType}.");
        }
    }

    // The core schema's number forms: [-+]?[0-9]+ and [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?.
    // double.TryParse alone would also accept "Infinity" or "1,000"; those stay text.
    private static bool LooksNumeric(string text)
    {
        int i = 0;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        bool digits = false;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits = true;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits = true;
            }
        }

        if (!digits)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            int exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == exponentStart)
            {
                return false;
            }
        }

        return i == text.Length;
    }
}
