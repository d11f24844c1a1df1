namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>The scalar arguments of <see cref="ColorNoiseDesignKernel"/>.</summary>
internal struct ColorNoiseDesignPass
{
    /// <summary>Where the step's applied flags start in the integer table.</summary>
    public int AppliedOffset;

    /// <summary>Where row 0's parameters ([SNR dB, design inputs, then taps]) start in the float table.</summary>
    public int ParameterOffset;

    /// <summary>Floats per row in the float table: 1 + nFft + 1.</summary>
    public int ParameterStride;

    /// <summary>The envelope's DFT size.</summary>
    public int NFft;
}
