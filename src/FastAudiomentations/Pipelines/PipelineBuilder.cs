using System.Text.RegularExpressions;
using FastAudiomentations.Pipelines.Syntax;

namespace FastAudiomentations.Pipelines;

/// <summary>
/// Builds a <see cref="Transform"/> tree from a parsed pipeline file through the catalogue, turning every
/// problem into a <see cref="PipelineFileException"/> that says where it is.
/// </summary>
/// <remarks>
/// Each node is a mapping with a <c>transform</c> key naming a catalogue entry; a container also has a
/// <c>transforms</c> list. Every other key is a parameter. Keys are checked against the descriptor
/// before the transform is built (so a misspelt name is caught even where its default would have
/// worked), and <see cref="TransformArguments.Unread"/> is checked after (so a descriptor that lists a
/// name its factory never reads is caught too). The constructor validates values; its ArgumentException
/// names the C# parameter ("minGainDb"), which maps back to the file's "min_gain_db".
/// </remarks>
internal sealed class PipelineBuilder(string? filePath, string? baseDirectory)
{
    public const string TransformKey = "transform";
    public const string ChildrenKey = "transforms";

    /// <summary>Builds the tree at <paramref name="root"/>; <paramref name="location"/> prefixes error locations when the pipeline sits inside another document.</summary>
    public Transform Build(PipelineNode root, string location = "") => BuildNode(root, location);

    private static string Join(string location, string key) => location.Length == 0 ? key : $"{location}.{key}";

    private Transform BuildNode(PipelineNode node, string location)
    {
        if (node is not PipelineMap map)
        {
            throw Error(node.Line, location, null, null, $"expected a transform (a mapping with a '{TransformKey}' key), found {node.Describe()}.");
        }

        PipelineEntry? nameEntry = map.Find(TransformKey);
        if (nameEntry is null)
        {
            throw Error(map.Line, location, null, null, $"a transform needs a '{TransformKey}' key naming it.{Misspelt(TransformKey, map)}");
        }

        if (nameEntry.Value is not PipelineScalar { Value: string name })
        {
            throw Error(nameEntry.Line, Join(location, TransformKey), null, TransformKey, $"'{TransformKey}' must be a transform's name, not {nameEntry.Value.Describe()}.");
        }

        if (TransformCatalog.TryFindContainer(name, out ContainerDescriptor container))
        {
            return BuildContainer(map, container, location);
        }

        if (TransformCatalog.TryFind(name, out TransformDescriptor leaf))
        {
            return BuildLeaf(map, leaf, location);
        }

        throw Error(nameEntry.Line, Join(location, TransformKey), name, TransformKey, $"unknown transform '{name}'.{Spelling.Hint(name, AllNames())} Run `fastaug list` to see every transform.");
    }

    private Transform BuildContainer(PipelineMap map, ContainerDescriptor descriptor, string location)
    {
        PipelineEntry? childrenEntry = map.Find(ChildrenKey);
        if (childrenEntry is null)
        {
            throw Error(map.Line, location, descriptor.Name, ChildrenKey, $"{descriptor.Name} needs a '{ChildrenKey}' list.{Misspelt(ChildrenKey, map)}");
        }

        string childrenLocation = Join(location, ChildrenKey);
        if (childrenEntry.Value is not PipelineList list || list.Items.Count == 0)
        {
            throw Error(childrenEntry.Line, childrenLocation, descriptor.Name, ChildrenKey, $"'{ChildrenKey}' must be a non-empty list of transforms, not {Describe(childrenEntry.Value)}.");
        }

        var children = new Transform[list.Items.Count];
        for (int i = 0; i < children.Length; i++)
        {
            children[i] = BuildNode(list.Items[i], $"{childrenLocation}[{i}]");
        }

        TransformArguments arguments = Arguments(map, descriptor.Name, descriptor.Parameters, location, childrenAllowed: true);
        Transform built;
        try
        {
            built = descriptor.Create(arguments, children);
        }
        catch (ArgumentException error)
        {
            throw FromArgument(error, map, descriptor.Name, descriptor.Parameters, location);
        }

        CheckAllRead(arguments, map, descriptor.Name, location);
        return built;
    }

    private Transform BuildLeaf(PipelineMap map, TransformDescriptor descriptor, string location)
    {
        if (map.Find(ChildrenKey) is PipelineEntry stray)
        {
            throw Error(stray.Line, Join(location, ChildrenKey), descriptor.Name, ChildrenKey, $"{descriptor.Name} is not a container; only {ContainerNames()} take '{ChildrenKey}'.");
        }

        foreach (ParameterDescriptor parameter in descriptor.Parameters)
        {
            // A null default means the parameter must be given (ParameterDescriptor's contract).
            if (parameter.Default is null && map.Find(parameter.Name) is null)
            {
                throw Error(map.Line, location, descriptor.Name, parameter.Name, $"{descriptor.Name} needs '{parameter.Name}': {parameter.Description}");
            }
        }

        TransformArguments arguments = Arguments(map, descriptor.Name, descriptor.Parameters, location, childrenAllowed: false);
        Transform built;
        try
        {
            built = descriptor.Create(arguments);
        }
        catch (ArgumentException error)
        {
            throw FromArgument(error, map, descriptor.Name, descriptor.Parameters, location);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A transform that reads files when built (background noise, impulse responses): point at its path.
            PipelineEntry? path = FirstGivenPath(map, descriptor.Parameters);
            throw Error(path?.Line ?? map.Line, path is null ? location : Join(location, path.Key), descriptor.Name, path?.Key, error.Message, error);
        }

        CheckAllRead(arguments, map, descriptor.Name, location);
        return built;
    }

    private TransformArguments Arguments(PipelineMap map, string transform, IReadOnlyList<ParameterDescriptor> parameters, string location, bool childrenAllowed)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (PipelineEntry entry in map.Entries)
        {
            if (entry.Key == TransformKey || (childrenAllowed && entry.Key == ChildrenKey))
            {
                continue;
            }

            ParameterDescriptor? parameter = Find(parameters, entry.Key);
            if (parameter is null)
            {
                IEnumerable<string> names = parameters.Select(p => p.Name);
                string known = string.Join(", ", names);
                throw Error(entry.Line, Join(location, entry.Key), transform, entry.Key, $"{transform} has no parameter '{entry.Key}'.{Spelling.Hint(entry.Key, names)} Its parameters: {known}.");
            }

            values[entry.Key] = Value(entry, parameter, transform, location);
        }

        return new TransformArguments(values);
    }

    private object? Value(PipelineEntry entry, ParameterDescriptor parameter, string transform, string location)
    {
        switch (entry.Value)
        {
            case PipelineScalar { Value: string path } when parameter.Kind == ParameterKind.Path:
                // Relative paths in a file mean relative to that file, wherever the program runs from.
                return baseDirectory is null || path.Length == 0 || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
            case PipelineScalar scalar:
                return scalar.Value;
            case PipelineList list:
                var items = new List<object?>(list.Items.Count);
                for (int i = 0; i < list.Items.Count; i++)
                {
                    if (list.Items[i] is not PipelineScalar item)
                    {
                        throw Error(list.Items[i].Line, $"{Join(location, entry.Key)}[{i}]", transform, entry.Key, $"{entry.Key} must be a list of plain values, not of {list.Items[i].Describe()}s.");
                    }

                    items.Add(item.Value);
                }

                return items;
            default:
                throw Error(entry.Line, Join(location, entry.Key), transform, entry.Key, $"{entry.Key} must be a value, not {entry.Value.Describe()}.");
        }
    }

    private void CheckAllRead(TransformArguments arguments, PipelineMap map, string transform, string location)
    {
        foreach (string unread in arguments.Unread)
        {
            PipelineEntry? entry = map.Find(unread);
            throw Error(entry?.Line ?? map.Line, Join(location, unread), transform, unread, $"{transform} does not use the parameter '{unread}'.");
        }
    }

    private PipelineFileException FromArgument(ArgumentException error, PipelineMap map, string transform, IReadOnlyList<ParameterDescriptor> parameters, string location)
    {
        string reason = error.Message;
        if (error.ParamName is string paramName)
        {
            // Drop .NET's " (Parameter 'x')" suffix: the location says it better.
            reason = reason.Replace($" (Parameter '{paramName}')", string.Empty, StringComparison.Ordinal);
        }

        // Speak the file's language: "minGainDb" in a constructor's message is "min_gain_db" in the file.
        foreach (ParameterDescriptor parameter in parameters)
        {
            string camel = CamelCase(parameter.Name);
            if (camel != parameter.Name)
            {
                reason = Regex.Replace(reason, $@"\b{camel}\b", parameter.Name, RegexOptions.CultureInvariant);
            }
        }

        string? key = error.ParamName is null ? null : Naming.ToSnakeCase(error.ParamName);
        if (key == ChildrenKey)
        {
            PipelineEntry? children = map.Find(ChildrenKey);
            return Error(children?.Line ?? map.Line, Join(location, ChildrenKey), transform, ChildrenKey, reason, error);
        }

        if (key is not null && Find(parameters, key) is not null)
        {
            PipelineEntry? given = map.Find(key);
            return Error(given?.Line ?? map.Line, Join(location, key), transform, key, reason, error);
        }

        return Error(map.Line, location, transform, null, reason, error);
    }

    private static ParameterDescriptor? Find(IReadOnlyList<ParameterDescriptor> parameters, string name)
    {
        foreach (ParameterDescriptor parameter in parameters)
        {
            if (parameter.Name == name)
            {
                return parameter;
            }
        }

        return null;
    }

    private static PipelineEntry? FirstGivenPath(PipelineMap map, IReadOnlyList<ParameterDescriptor> parameters)
    {
        foreach (PipelineEntry entry in map.Entries)
        {
            if (Find(parameters, entry.Key) is { Kind: ParameterKind.Path })
            {
                return entry;
            }
        }

        return null;
    }

    private static string CamelCase(string snake)
    {
        string[] words = snake.Split('_', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return snake;
        }

        var text = new System.Text.StringBuilder(words[0]);
        for (int i = 1; i < words.Length; i++)
        {
            text.Append(char.ToUpperInvariant(words[i][0])).Append(words[i].AsSpan(1));
        }

        return text.ToString();
    }

    private static string Describe(PipelineNode node) => node is PipelineList ? "an empty list" : node.Describe();

    /// <summary>" Is 'transfrom' a misspelling of it?" when a key of <paramref name="map"/> is close to the missing <paramref name="key"/>.</summary>
    private static string Misspelt(string key, PipelineMap map)
    {
        foreach (PipelineEntry entry in map.Entries)
        {
            if (entry.Key is not (TransformKey or ChildrenKey) && Spelling.Closest(entry.Key, [key]) is not null)
            {
                return $" Is '{entry.Key}' a misspelling of it?";
            }
        }

        return string.Empty;
    }

    private static IEnumerable<string> AllNames() =>
        TransformCatalog.Transforms.Select(d => d.Name).Concat(TransformCatalog.Containers.Select(c => c.Name));

    private static string ContainerNames() => string.Join(", ", TransformCatalog.Containers.Select(c => c.Name));

    private PipelineFileException Error(int? line, string location, string? transform, string? parameter, string reason, Exception? inner = null) =>
        PipelineFileException.At(filePath, line, location, transform, parameter, reason, inner);
}
