namespace FastAudiomentations.Tests.Transforms.Filters;

public class HighPassFilterTests
{
    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        // audiomentations 0.43 HighPassFilter: min_cutoff_freq=20, max_cutoff_freq=2400, min_rolloff=12,
        // max_rolloff=24, zero_phase=False, p=0.5.
        var filter = new HighPassFilter();
        Assert.Equal(20, filter.MinCutoffHz);
        Assert.Equal(2400, filter.MaxCutoffHz);
        Assert.Equal(12, filter.MinRolloffDbPerOctave);
        Assert.Equal(24, filter.MaxRolloffDbPerOctave);
        Assert.False(filter.ZeroPhase);
        Assert.Equal(0.5, filter.P);
        Assert.Equal(FilterDesign.Butterworth, filter.Design);
        Assert.Equal(101, filter.FirTaps);
    }

    [Fact]
    public void SampledCutoffs_AreUniformInMel_AndRolloffsInStepsOfSix()
    {
        HighPassFilterParameters[] drawn = FilterSampling.Draw(new HighPassFilter(minRolloffDbPerOctave: 6, maxRolloffDbPerOctave: 30, p: 1));
        FilterSampling.AssertUniformInMel(drawn.Select(d => d.CutoffHz), 20, 2400);
        FilterSampling.AssertRolloffs(drawn.Select(d => d.RolloffDbPerOctave), 6, 12, 18, 24, 30);
    }

    [Fact]
    public void AppliedFilter_RemovesLowFrequencies()
    {
        // 2 kHz .. 2.4 kHz cutoffs, at least 12 dB/octave: a 100 Hz tone (over 4 octaves down) loses at least
        // 48 dB, a 7 kHz tone (1.5 octaves up) keeps all but a fraction of a dB.
        const int Rate = 16_000;
        float[] tones = Helpers.Signals.Sine(Rate, 100, Rate, amplitude: 0.5);
        float[] high = Helpers.Signals.Sine(Rate, 7000, Rate, amplitude: 0.5);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([tones, high], Rate);
        new HighPassFilter(2000, 2400, p: 1).Apply(batch, seed: 3);
        float[][] y = batch.ToArrays();
        Assert.True(Helpers.Signals.Rms(y[0].AsSpan(Rate / 2)) < 0.5 / Math.Sqrt(2) * Math.Pow(10, -48 / 20.0));
        Assert.InRange(Helpers.Signals.Rms(y[1].AsSpan(Rate / 2)) / (0.5 / Math.Sqrt(2)), 0.95, 1.0001);
    }
}
