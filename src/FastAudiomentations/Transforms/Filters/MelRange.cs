using FastAudiomentations.Dsp;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// A frequency range a filter draws from uniformly in mel (audiomentations' draw), with its bounds converted to mels
/// once: a draw then costs one conversion back instead of three (plan sampling ran three per row per call, ~20 us
/// at B = 128 on the GPU path's host).
/// </summary>
/// <param name="minHz">Lowest frequency, Hz.</param>
/// <param name="maxHz">Highest frequency, Hz.</param>
internal readonly struct MelRange(double minHz, double maxHz)
{
    private readonly double _minHz = minHz;
    private readonly double _maxHz = maxHz;
    private readonly double _minMel = MelScale.FromHz(minHz);
    private readonly double _maxMel = MelScale.FromHz(maxHz);

    /// <summary>A frequency uniform in mel between the bounds, clamped to them against rounding.</summary>
    public double Draw(ref ParameterRandom random) =>
        Math.Clamp(MelScale.ToHz(random.Uniform(_minMel, _maxMel)), _minHz, _maxHz);
}
