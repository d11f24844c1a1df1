namespace FastAudiomentations.Gpu.Fusion;

/// <summary>One work item of a single-pass statistics launch (<see cref="LaggedStatistics"/>).</summary>
internal struct LaggedItem
{
    /// <summary>True: measure the chunk's input for its unit's statistics; false: wait for them, then run the pass's ops on the chunk.</summary>
    public bool Measure;

    /// <summary>The clip (or row) whose statistics the item measures or reads.</summary>
    public int Unit;

    /// <summary>The row of the chunk.</summary>
    public int Row;

    /// <summary>The chunk within the row.</summary>
    public int Chunk;
}
