namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The scalar arguments of one <see cref="FirDesignKernel"/> launch.</summary>
internal struct FirDesignPass
{
    /// <summary>Where row 0's <see cref="FirDesignInput"/> starts in the float table.</summary>
    public int InputOffset;

    /// <summary>The step's <see cref="Dsp.ButterworthBand"/>: which windowed-sinc kernel (low-pass, high-pass, band-pass, band-stop).</summary>
    public int Band;

    /// <summary>Taps per row (odd, at most <see cref="FirDesignKernel.MaxTaps"/>): also the records' stride.</summary>
    public int Taps;
}
