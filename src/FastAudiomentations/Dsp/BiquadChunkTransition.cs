namespace FastAudiomentations.Dsp;

/// <summary>
/// Phi = A^L: carries a section's state across a chunk of L samples of zero input. The state at a chunk's
/// end is Phi times the state at its start plus the end state of a zero start
/// (<see cref="BiquadChunkScan.Carry"/>).
/// </summary>
/// <remarks>All zero when A^L has decayed below <see cref="BiquadChunkScan.Tolerance"/>, the usual case for audio-length chunks.</remarks>
public struct BiquadChunkTransition
{
    /// <summary>Row 1, column 1.</summary>
    public float P11;

    /// <summary>Row 1, column 2.</summary>
    public float P12;

    /// <summary>Row 2, column 1.</summary>
    public float P21;

    /// <summary>Row 2, column 2.</summary>
    public float P22;

    /// <summary>Makes a transition matrix.</summary>
    public BiquadChunkTransition(float p11, float p12, float p21, float p22)
    {
        P11 = p11;
        P12 = p12;
        P21 = p21;
        P22 = p22;
    }
}
