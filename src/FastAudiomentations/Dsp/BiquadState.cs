namespace FastAudiomentations.Dsp;

/// <summary>
/// The two state variables of a transposed direct-form-II biquad (see <see cref="Biquad.Step"/>).
/// </summary>
public struct BiquadState
{
    /// <summary>First state: what is added to B0 x[n] to give y[n].</summary>
    public float S1;

    /// <summary>Second state: what is added to the first state's update.</summary>
    public float S2;

    /// <summary>Makes a state.</summary>
    public BiquadState(float s1, float s2)
    {
        S1 = s1;
        S2 = s2;
    }
}
