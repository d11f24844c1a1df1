namespace FastAudiomentations;

/// <summary><see cref="Reverse"/> draws nothing; the struct exists so the step has a parameter type.</summary>
public struct ReverseParameters
{
}
