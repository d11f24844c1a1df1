namespace FastAudiomentations.Gpu.Memory;

/// <summary>The named device float buffers of a <see cref="DeviceMemoryPool"/>; each grows to its largest request and is reused.</summary>
internal enum PoolSlot
{
    /// <summary>Per-block partial statistics (peak, sum of squares), ping-pong half A.</summary>
    PartialsA = 0,

    /// <summary>Per-block partial statistics, ping-pong half B.</summary>
    PartialsB = 1,

    /// <summary>Scratch samples for kernels that need room beside the batch (filters' block states, ...).</summary>
    Scratch = 2,

    /// <summary>More scratch, distinct from <see cref="Scratch"/>.</summary>
    MoreScratch = 3,

    /// <summary>Per-block partial sums of a step kernel of its own (AddColorNoise's energies), apart from the fused passes' partials.</summary>
    StepPartials = 4,

    /// <summary>Statistics published by the blocks of single-pass statistics launches (read as ints).</summary>
    PublishedStatistics = 5,

    /// <summary>The filters' per-row records designed on the device (<see cref="Transforms.Filters.ButterworthDesignKernel"/>).</summary>
    FilterRecords = 6,

    /// <summary>The two buffers of the work calls planned ahead do for themselves (<see cref="Execution.IAheadStep"/>), used in turn.</summary>
    Ahead = 7,
}
