namespace FastAudiomentations;

/// <summary>
/// Describes a leaf transform type for pipeline files and the CLI: its name, parameters and how to build
/// it from named arguments.
/// </summary>
/// <param name="Name">The transform's name ("Gain").</param>
/// <param name="Summary">One sentence saying what it does.</param>
/// <param name="Parameters">Its constructor parameters (p and mode included).</param>
/// <param name="Create">Builds an instance; the constructor validates, so bad values throw ArgumentException naming the parameter.</param>
public sealed record TransformDescriptor(
    string Name,
    string Summary,
    IReadOnlyList<ParameterDescriptor> Parameters,
    Func<TransformArguments, Transform> Create);
