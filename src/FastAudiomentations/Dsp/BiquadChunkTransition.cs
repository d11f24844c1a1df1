namespace FastAudiomentations.Dsp;

/// <summary>
/// The 2x2 matrix Phi = A^L that carries a biquad's state across a chunk of L samples of zero input: the
/// state at the chunk's end is Phi times the state at its start (plus the zero-state end state, see
/// <see cref="BiquadChunkScan.Carry"/>).
/// </summary>
/// <remarks>
/// With g the zero-input response from state (1, 0) (<see cref="BiquadChunkScan.ZeroInputResponse"/>):
/// Phi = [[g[L], g[L-1]], [-A2 g[L-1], -A2 g[L-2]]]. All zero when g has decayed below float resolution
/// within the chunk, which is the usual case for audio-length chunks.
/// </remarks>
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
