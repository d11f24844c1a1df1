namespace FastAudiomentations;

/// <summary><see cref="Clip"/> draws nothing (its bounds are fixed); the struct exists so the step has a parameter type.</summary>
public struct ClipParameters
{
}
