namespace FastAudiomentations;

/// <summary>The sample format <see cref="AudioFile.WriteWav"/> writes.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed integer PCM (format code 1): samples are clamped to [-1, 1] and rounded to the nearest step of 1/32768.</summary>
    Pcm16,

    /// <summary>32-bit IEEE float (format code 3): samples are written exactly, without clamping.</summary>
    Float32,
}
