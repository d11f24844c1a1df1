namespace FastAudiomentations.Dsp;

/// <summary>The two state variables of a <see cref="BiquadSection"/>.</summary>
public struct BiquadState
{
    /// <summary>First state.</summary>
    public float S1;

    /// <summary>Second state.</summary>
    public float S2;

    /// <summary>Makes a state.</summary>
    public BiquadState(float s1, float s2)
    {
        S1 = s1;
        S2 = s2;
    }
}
