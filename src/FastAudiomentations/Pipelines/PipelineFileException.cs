using System.Text;

namespace FastAudiomentations;

/// <summary>
/// A pipeline or plan file that cannot be read or built: bad syntax, an unknown transform or parameter,
/// a value of the wrong type or out of range. The message names the file, the line (when the parser
/// gives one), the place in the file (<c>transforms[1].transforms[0].min_gain_db</c>), the transform and
/// the reason.
/// </summary>
public sealed class PipelineFileException : Exception
{
    /// <summary>Makes an exception with a generic message.</summary>
    public PipelineFileException()
        : this("The pipeline file is invalid.")
    {
    }

    /// <summary>Makes an exception with <paramref name="message"/>.</summary>
    public PipelineFileException(string message)
        : this(message, (Exception?)null)
    {
    }

    /// <summary>Makes an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public PipelineFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    private PipelineFileException(string reason, string? filePath, int? line, string location, string? transformName, string? parameterName, Exception? innerException)
        : base(Compose(reason, filePath, line, location, transformName), innerException)
    {
        Reason = reason;
        FilePath = filePath;
        Line = line;
        Location = location;
        TransformName = transformName;
        ParameterName = parameterName;
    }

    /// <summary>What is wrong, without the place.</summary>
    public string Reason { get; }

    /// <summary>The file, when the text came from one.</summary>
    public string? FilePath { get; }

    /// <summary>1-based line of the offending value, when the parser gives one.</summary>
    public int? Line { get; }

    /// <summary>The place in the file's tree, e.g. <c>transforms[1].min_gain_db</c>; empty for the root.</summary>
    public string Location { get; } = string.Empty;

    /// <summary>The transform being built, when known ("Gain").</summary>
    public string? TransformName { get; }

    /// <summary>The parameter at fault in its file spelling ("min_gain_db"), when known.</summary>
    public string? ParameterName { get; }

    internal static PipelineFileException At(string? filePath, int? line, string location, string? transformName, string? parameterName, string reason, Exception? innerException = null) =>
        new(reason, filePath, line, location, transformName, parameterName, innerException);

    private static string Compose(string reason, string? filePath, int? line, string location, string? transformName)
    {
        var text = new StringBuilder();
        text.Append(filePath ?? "pipeline");
        if (line is not null)
        {
            text.Append(", line ").Append(line.Value);
        }

        if (location.Length > 0)
        {
            text.Append(", at ").Append(location);
        }

        if (transformName is not null)
        {
            text.Append(" (").Append(transformName).Append(')');
        }

        return text.Append(": ").Append(reason).ToString();
    }
}
