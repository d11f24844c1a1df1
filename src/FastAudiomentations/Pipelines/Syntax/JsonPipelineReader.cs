using System.Text;
using System.Text.Json;

namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>Reads JSON into <see cref="PipelineNode"/>s that remember their line.</summary>
/// <remarks>
/// System.Text.Json's document model keeps no positions, so this walks a <see cref="Utf8JsonReader"/> and
/// turns each token's byte offset into a line. Comments and trailing commas are accepted (files are
/// written by people); duplicate keys are rejected, since the second would silently win.
/// </remarks>
internal static class JsonPipelineReader
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    public static PipelineNode Read(string text, string? filePath)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        int[] lineStarts = LineStarts(utf8);
        var reader = new Utf8JsonReader(utf8, Options);
        try
        {
            if (!reader.Read())
            {
                throw PipelineFileException.At(filePath, 1, string.Empty, null, null, "the file is empty.");
            }

            PipelineNode root = ReadValue(ref reader, lineStarts, filePath);
            // Past the root value only whitespace and comments may follow; anything else makes Read throw.
            _ = reader.Read();

            return root;
        }
        catch (JsonException error)
        {
            int? line = error.LineNumber is long l ? (int)l + 1 : null;
            throw PipelineFileException.At(filePath, line, string.Empty, null, null, $"invalid JSON: {FirstSentence(error.Message)}", error);
        }
    }

    private static PipelineNode ReadValue(ref Utf8JsonReader reader, int[] lineStarts, string? filePath)
    {
        int line = LineOf(reader.TokenStartIndex, lineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<PipelineEntry>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string key = reader.GetString()!;
                    int keyLine = LineOf(reader.TokenStartIndex, lineStarts);
                    if (!seen.Add(key))
                    {
                        throw PipelineFileException.At(filePath, keyLine, key, null, key, $"the key '{key}' appears twice in one object.");
                    }

                    reader.Read();
                    entries.Add(new PipelineEntry(key, keyLine, ReadValue(ref reader, lineStarts, filePath)));
                }

                return new PipelineMap(entries, line);
            case JsonTokenType.StartArray:
                var items = new List<PipelineNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, lineStarts, filePath));
                }

                return new PipelineList(items, line);
            case JsonTokenType.String:
                return new PipelineScalar(reader.GetString(), line);
            case JsonTokenType.Number:
                string numberText = Encoding.UTF8.GetString(reader.ValueSpan);
                return new PipelineScalar(reader.TryGetInt64(out long integer) ? (object)integer : reader.GetDouble(), line, numberText);
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new PipelineScalar(reader.GetBoolean(), line);
            case JsonTokenType.Null:
                return new PipelineScalar(null, line);
            default:
                throw PipelineFileException.At(filePath, line, string.Empty, null, null, $"unexpected JSON token {reader.TokenType}.");
        }
    }

    private static int[] LineStarts(byte[] utf8)
    {
        var starts = new List<int> { 0 };
        for (int i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }

    private static int LineOf(long offset, int[] lineStarts)
    {
        int index = Array.BinarySearch(lineStarts, (int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends "LineNumber: n | BytePositionInLine: m." which the exception already says.
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut < 0 ? message : message[..cut];
    }
}
