namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>The scalar arguments of <see cref="AddColorNoiseKernel"/>'s two kernels.</summary>
internal struct ColorNoisePass
{
    /// <summary>Channels per clip (row r is channel r % Channels).</summary>
    public int Channels;

    /// <summary>Floats between row starts.</summary>
    public int Pitch;

    /// <summary>Tiles (blocks) per row; block b works on row b / TilesPerRow.</summary>
    public int TilesPerRow;

    /// <summary>Partial slots per statistic (rows x TilesPerRow).</summary>
    public int PartialCount;

    /// <summary>Where per-row lengths start in the integer table.</summary>
    public int LengthsOffset;

    /// <summary>Where per-row example ids start in the integer table.</summary>
    public int ExampleIdsOffset;

    /// <summary>Where the step's applied flags start in the integer table.</summary>
    public int AppliedOffset;

    /// <summary>Where row 0's parameters ([SNR dB, taps...]) start in the float table.</summary>
    public int ParameterOffset;

    /// <summary>Floats per row in the float table: 1 + TapCount.</summary>
    public int ParameterStride;

    /// <summary>Taps of the shaping filter, nFft + 1.</summary>
    public int TapCount;

    /// <summary>1: one SNR over the clip's applied channels; 0: per channel.</summary>
    public int PerClip;

    /// <summary>The step's pipeline node (its noise streams).</summary>
    public int Node;

    /// <summary>Where the call's Philox key (two ints) lies in the integer table: from the table, so that a replayed graph gets each call's key.</summary>
    public int KeyOffset;

    /// <summary>1: each group designs its row's taps (<see cref="ColorNoiseGroupDesign"/>) from the inputs in the row's slot; 0: the taps are in the slot.</summary>
    public int GroupDesign;

    /// <summary>Where the single pass's arrival counter lies in the integer table (zero when uploaded; <see cref="AddColorNoiseKernel.ColourAndMix"/>), or past the start of the call counters' half for an inline table.</summary>
    public int ArrivalsOffset;

    /// <summary>Floats of one buffer of the noise coloured ahead (noise, then partials): <see cref="AddColorNoiseKernel.MeasureAndMix"/> reads the one the table names.</summary>
    public long AheadStride;

    /// <summary>Where, in the integer table, an inline call's counters are described: where its half starts, the other half, the words to clear (<see cref="Execution.CallCounters"/>).</summary>
    public int CountersOffset;
}
