namespace FastAudiomentations;

/// <summary><see cref="PolarityInversion"/> draws nothing; the struct exists so the step has a parameter type.</summary>
public struct PolarityInversionParameters
{
}
