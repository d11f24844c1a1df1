namespace FastAudiomentations;

/// <summary>How WAV samples are stored (interim stand-in, see README.md).</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit integer PCM; values beyond [-1, 1] are clipped.</summary>
    Pcm16,

    /// <summary>32-bit IEEE float.</summary>
    Float32,
}
