namespace FastAudiomentations.Dsp;

/// <summary>Which Butterworth filter a design makes (<see cref="ButterworthDesign"/>).</summary>
public enum ButterworthBand
{
    /// <summary>Passes below the cutoff.</summary>
    LowPass = 0,

    /// <summary>Passes above the cutoff.</summary>
    HighPass = 1,

    /// <summary>Passes between the two edges.</summary>
    BandPass = 2,

    /// <summary>Rejects between the two edges.</summary>
    BandStop = 3,
}
