namespace FastAudiomentations.Gpu.Fusion;

/// <summary>One work item of a single-pass statistics launch (<see cref="LaggedStatistics"/>).</summary>
internal struct LaggedItem
{
    /// <summary>True: measure the input of its chunks for its unit's statistics; false: wait for them, then run the pass's ops on the chunks.</summary>
    public bool Measure;

    /// <summary>The clip (or row) whose statistics the item measures or reads.</summary>
    public int Unit;

    /// <summary>The row of the chunk.</summary>
    public int Row;

    /// <summary>The item's place within its row: it works on chunks Block, Block + BlocksPerRow, ... of the row.</summary>
    public int Block;
}
