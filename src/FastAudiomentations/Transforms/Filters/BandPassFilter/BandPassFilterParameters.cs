namespace FastAudiomentations;

/// <summary>What <see cref="BandPassFilter"/> draws for one example.</summary>
public struct BandPassFilterParameters : IBandFilterParameters<BandPassFilterParameters>
{
    /// <summary>The centre frequency, Hz (the band's arithmetic centre, as audiomentations defines it).</summary>
    public float CenterHz;

    /// <summary>The bandwidth, Hz: the centre times the drawn bandwidth fraction.</summary>
    public float BandwidthHz;

    /// <summary>The roll-off of each skirt, dB/octave (a multiple of 6; of 12 for zero-phase Butterworth); unused by windowed sinc.</summary>
    public float RolloffDbPerOctave;

    /// <summary>The lower band edge, CenterHz - BandwidthHz / 2, Hz.</summary>
    public readonly double LowHz => CenterHz - (BandwidthHz / 2.0);

    /// <summary>The upper band edge, CenterHz + BandwidthHz / 2, Hz.</summary>
    public readonly double HighHz => CenterHz + (BandwidthHz / 2.0);

    /// <inheritdoc/>
    readonly float IBandFilterParameters<BandPassFilterParameters>.RolloffDbPerOctave => RolloffDbPerOctave;

    /// <inheritdoc/>
    static BandPassFilterParameters IBandFilterParameters<BandPassFilterParameters>.Create(float centerHz, float bandwidthHz, float rolloffDbPerOctave) =>
        new() { CenterHz = centerHz, BandwidthHz = bandwidthHz, RolloffDbPerOctave = rolloffDbPerOctave };
}
