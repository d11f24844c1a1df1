namespace FastAudiomentations;

/// <summary>Every leaf transform the library offers, by name: what pipeline files and `fastaug list` use.</summary>
public static class TransformCatalog
{
    private static readonly TransformDescriptor[] All =
    [
        Gain.Descriptor,
        PolarityInversion.Descriptor,
        Clip.Descriptor,
        Reverse.Descriptor,
        Normalize.Descriptor,
        AddGaussianNoise.Descriptor,
        AddGaussianSnr.Descriptor,
        AddColorNoise.Descriptor,
        AddBackgroundNoise.Descriptor,
        LowPassFilter.Descriptor,
        HighPassFilter.Descriptor,
        BandPassFilter.Descriptor,
        BandStopFilter.Descriptor,
    ];

    private static readonly ContainerDescriptor[] AllContainers =
    [
        Compose.Descriptor,
        OneOf.Descriptor,
        SomeOf.Descriptor,
    ];

    private static readonly Dictionary<string, TransformDescriptor> ByName =
        All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, ContainerDescriptor> ContainersByName =
        AllContainers.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every leaf transform, in catalogue order.</summary>
    public static IReadOnlyList<TransformDescriptor> Transforms => All;

    /// <summary>Finds a transform by name (case-insensitive).</summary>
    public static bool TryFind(string name, out TransformDescriptor descriptor) =>
        ByName.TryGetValue(name, out descriptor!);

    /// <summary>The containers (Compose, OneOf, SomeOf), which hold other transforms.</summary>
    public static IReadOnlyList<ContainerDescriptor> Containers => AllContainers;

    /// <summary>Finds a container by name (case-insensitive).</summary>
    public static bool TryFindContainer(string name, out ContainerDescriptor descriptor) =>
        ContainersByName.TryGetValue(name, out descriptor!);
}
