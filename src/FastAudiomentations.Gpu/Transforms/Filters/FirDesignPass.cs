namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The design arguments of one <see cref="FirKernel.Prepare"/> launch (<see cref="FirDesignKernel"/>).</summary>
internal struct FirDesignPass
{
    /// <summary>Rows designed: the first groups of <see cref="FirKernel.Prepare"/>'s grid (0: the taps came with the table).</summary>
    public int Rows;

    /// <summary>Where row 0's <see cref="FirDesignInput"/> starts in the float table.</summary>
    public int InputOffset;

    /// <summary>The step's <see cref="Dsp.ButterworthBand"/>: which windowed-sinc kernel (low-pass, high-pass, band-pass, band-stop).</summary>
    public int Band;

    /// <summary>Taps per row (odd, at most <see cref="FirDesignKernel.MaxTaps"/>): also the records' stride.</summary>
    public int Taps;
}
