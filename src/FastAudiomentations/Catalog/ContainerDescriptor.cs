namespace FastAudiomentations;

/// <summary>
/// Describes a container type (Compose, OneOf, SomeOf) for pipeline files and the CLI: its name, its own
/// parameters and how to build it from named arguments and already-built children.
/// </summary>
/// <param name="Name">The container's name ("OneOf").</param>
/// <param name="Summary">One sentence saying what it does.</param>
/// <param name="Parameters">Its own parameters; the children are not among them (files list them under "transforms").</param>
/// <param name="Create">Builds an instance; the constructor validates, so bad values throw ArgumentException naming the parameter.</param>
public sealed record ContainerDescriptor(
    string Name,
    string Summary,
    IReadOnlyList<ParameterDescriptor> Parameters,
    Func<TransformArguments, IReadOnlyList<Transform>, Transform> Create);
