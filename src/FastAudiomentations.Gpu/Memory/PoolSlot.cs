namespace FastAudiomentations.Gpu.Memory;

/// <summary>The named buffers of a <see cref="DeviceMemoryPool"/>; each grows to its largest request and is reused.</summary>
internal enum PoolSlot
{
    /// <summary>Per-call integer table: row lengths, example ids, op table, applied flags.</summary>
    Ints = 0,

    /// <summary>Per-call float table: every step's sampled parameters, as the plan holds them.</summary>
    Floats = 1,

    /// <summary>Per-block partial statistics (peak, sum of squares), ping-pong half A.</summary>
    PartialsA = 2,

    /// <summary>Per-block partial statistics, ping-pong half B.</summary>
    PartialsB = 3,

    /// <summary>Scratch samples for kernels that need a second copy of the batch (filters' block states, ...).</summary>
    Scratch = 4,

    /// <summary>More scratch, distinct from <see cref="Scratch"/>.</summary>
    MoreScratch = 5,
}
