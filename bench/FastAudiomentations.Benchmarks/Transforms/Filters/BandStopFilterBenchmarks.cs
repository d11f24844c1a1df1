using FastAudiomentations.Benchmarks.Infrastructure;
using FastAudiomentations.Dsp;

namespace FastAudiomentations.Benchmarks.Transforms.Filters;

/// <summary>
/// BandStopFilter at the anchor's centre (Butterworth, 1000 Hz, 12 dB/octave: two sections; bandwidth fixed
/// at 1.0 of the centre, 500 to 1500 Hz stopped, which the anchor does not state) against a direct-form biquad loop.
/// </summary>
public class BandStopFilterBenchmarks : TransformBenchmark<BandStopFilter, BandStopFilterParameters>
{
    private const double CenterHz = 1000;
    private const double BandwidthFraction = 1.0;
    private const int RolloffDbPerOctave = 12;

    protected override BandStopFilter CreateTransform() =>
        new(CenterHz, CenterHz, BandwidthFraction, BandwidthFraction, RolloffDbPerOctave, RolloffDbPerOctave, p: 1);

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
