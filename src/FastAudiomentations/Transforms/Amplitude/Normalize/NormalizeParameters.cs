namespace FastAudiomentations;

/// <summary>
/// <see cref="Normalize"/> draws nothing: its gain follows from the clip's peak, which the device measures
/// (<see cref="Normalize.PeakFactor"/>). The struct exists so the step has a parameter type.
/// </summary>
public struct NormalizeParameters
{
}
