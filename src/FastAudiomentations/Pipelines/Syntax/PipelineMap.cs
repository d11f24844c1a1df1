namespace FastAudiomentations.Pipelines.Syntax;

/// <summary>A mapping of keys to values, in file order; keys are unique (the readers reject duplicates).</summary>
internal sealed class PipelineMap(IReadOnlyList<PipelineEntry> entries, int? line) : PipelineNode(line)
{
    /// <summary>The entries, in file order.</summary>
    public IReadOnlyList<PipelineEntry> Entries { get; } = entries;

    /// <summary>The entry with <paramref name="key"/> (exact match), or null.</summary>
    public PipelineEntry? Find(string key)
    {
        foreach (PipelineEntry entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string Describe() => "a mapping";
}
