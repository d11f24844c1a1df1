namespace FastAudiomentations;

/// <summary>What a transform may know about the clip it samples parameters for.</summary>
/// <param name="SampleRate">Sample rate in Hz.</param>
/// <param name="Length">Valid samples per channel (per-batch draws see the batch's capacity).</param>
/// <param name="Channels">Channels per clip.</param>
public readonly record struct SamplingContext(int SampleRate, int Length, int Channels);
