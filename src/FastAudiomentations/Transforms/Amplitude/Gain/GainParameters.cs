namespace FastAudiomentations;

/// <summary>What <see cref="Gain"/> draws for one example.</summary>
public struct GainParameters
{
    /// <summary>The gain in decibels.</summary>
    public float GainDb;

    /// <summary>The linear amplitude factor, 10^(GainDb / 20).</summary>
    public readonly float Factor => DecibelMath.DbToAmplitude(GainDb);
}
