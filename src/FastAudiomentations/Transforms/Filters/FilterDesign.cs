namespace FastAudiomentations;

/// <summary>How the filter transforms build their filter.</summary>
public enum FilterDesign
{
    /// <summary>
    /// Butterworth IIR as second-order sections (audiomentations' design): maximally flat passband,
    /// -3.01 dB at the cutoff, roll-off drawn in steps of 6 dB/octave.
    /// </summary>
    Butterworth = 0,

    /// <summary>
    /// Hamming-windowed sinc FIR with a fixed number of taps (fast-audiomentations' design): linear phase,
    /// -6.02 dB at the cutoff, a transition about 3.3 fs / taps wide; the roll-off parameters are ignored.
    /// </summary>
    WindowedSinc = 1,
}
