namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>What a filter transform's kernel needs to know of its settings (not of the sampled parameters).</summary>
/// <param name="Design">Butterworth or windowed sinc.</param>
/// <param name="ZeroPhase">Forward-backward (Butterworth) or centred (FIR).</param>
/// <param name="FirTaps">Taps of the windowed-sinc design.</param>
/// <param name="MaxSections">The most Butterworth sections any row can have (from the steepest roll-off).</param>
internal readonly record struct FilterSettings(FilterDesign Design, bool ZeroPhase, int FirTaps, int MaxSections);
