using FastAudiomentations.Benchmarks.Infrastructure;
using FastAudiomentations.Dsp;

namespace FastAudiomentations.Benchmarks.Transforms.Filters;

/// <summary>
/// HighPassFilter at the anchor's setting (Butterworth, 500 Hz, 12 dB/octave: one section) against a
/// direct-form biquad loop.
/// </summary>
public class HighPassFilterBenchmarks : TransformBenchmark<HighPassFilter, HighPassFilterParameters>
{
    private const double CutoffHz = 500;
    private const int RolloffDbPerOctave = 12;

    protected override HighPassFilter CreateTransform() => new(CutoffHz, CutoffHz, RolloffDbPerOctave, RolloffDbPerOctave, p: 1);

    /// <summary>The transform's Butterworth sections, run by <see cref="DirectFormCascade"/>.</summary>
    protected override void ScalarBaseline(Span<float> clip, int example)
    {
        Span<BiquadSection> sections = stackalloc BiquadSection[ButterworthDesign.MaxOrder];
        int count = Measured.DesignSections(Parameters(example), SampleRate, sections);
        DirectFormCascade.Filter(clip, sections[..count]);
    }

    /// <remarks>See <see cref="FilterTolerance.Of"/>.</remarks>
    protected override Tolerance ToleranceFor(int example) => FilterTolerance.Of(InputPeak);
}
