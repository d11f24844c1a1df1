namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>The scalar arguments of one <see cref="ButterworthDesignKernel"/> launch.</summary>
internal struct ButterworthDesignPass
{
    /// <summary>Where row 0's <see cref="IirDesignInput"/> starts in the float table.</summary>
    public int InputOffset;

    /// <summary>The step's <see cref="Dsp.ButterworthBand"/>.</summary>
    public int Band;

    /// <summary>Floats per row record in the records' buffer (<see cref="IirRecord.Stride"/>).</summary>
    public int RecordStride;
}
