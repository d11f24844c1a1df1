namespace FastAudiomentations.Cli.Augmenting;

/// <summary>What `fastaug augment` was asked to do, checked for form (not yet against the file system).</summary>
/// <param name="Inputs">Files and folders.</param>
/// <param name="Output">The output folder.</param>
/// <param name="Pipeline">The pipeline file.</param>
/// <param name="Copies">Augmented copies per input, at least 1.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Device">"cpu" or "auto".</param>
/// <param name="Shard">Which shard of the inputs to do.</param>
/// <param name="BatchSize">Clips per batch, at least 1.</param>
/// <param name="Format">How output samples are stored.</param>
/// <param name="Threads">CPU threads; null for every core.</param>
internal sealed record AugmentOptions(
    IReadOnlyList<string> Inputs,
    string Output,
    string Pipeline,
    int Copies,
    long Seed,
    string Device,
    ShardSpec Shard,
    int BatchSize,
    WavSampleFormat Format,
    int? Threads);
