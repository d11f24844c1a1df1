namespace FastAudiomentations;

/// <summary>One constructor parameter of a transform: its file name, type, default and meaning.</summary>
/// <param name="Name">The snake_case name used in pipeline files ("min_gain_db"), as in audiomentations.</param>
/// <param name="Kind">Its type.</param>
/// <param name="Default">Its default value; null when it must be given.</param>
/// <param name="Description">Meaning, unit and valid range.</param>
public sealed record ParameterDescriptor(string Name, ParameterKind Kind, object? Default, string Description);
