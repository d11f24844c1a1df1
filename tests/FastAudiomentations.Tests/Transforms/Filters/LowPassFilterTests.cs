namespace FastAudiomentations.Tests.Transforms.Filters;

public class LowPassFilterTests
{
    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        // audiomentations 0.43 LowPassFilter: min_cutoff_freq=150, max_cutoff_freq=7500, min_rolloff=12,
        // max_rolloff=24, zero_phase=False, p=0.5.
        var filter = new LowPassFilter();
        Assert.Equal(150, filter.MinCutoffHz);
        Assert.Equal(7500, filter.MaxCutoffHz);
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
        LowPassFilterParameters[] drawn = FilterSampling.Draw(new LowPassFilter(p: 1));
        FilterSampling.AssertUniformInMel(drawn.Select(d => d.CutoffHz), 150, 7500);
        FilterSampling.AssertRolloffs(drawn.Select(d => d.RolloffDbPerOctave), 12, 18, 24);
    }

    [Fact]
    public void ZeroPhase_DrawsRolloffsInStepsOfTwelve()
    {
        // audiomentations: random.randint(min_rolloff // 12, max_rolloff // 12) * 12 for zero phase.
        LowPassFilterParameters[] drawn = FilterSampling.Draw(new LowPassFilter(500, 4000, 12, 48, zeroPhase: true, p: 1));
        FilterSampling.AssertUniformInMel(drawn.Select(d => d.CutoffHz), 500, 4000);
        FilterSampling.AssertRolloffs(drawn.Select(d => d.RolloffDbPerOctave), 12, 24, 36, 48);
    }

    [Fact]
    public void FixedRange_GivesThatCutoff()
    {
        LowPassFilterParameters[] drawn = FilterSampling.Draw(new LowPassFilter(1234, 1234, 18, 18, p: 1));
        Assert.All(drawn, d => Assert.Equal(1234f, d.CutoffHz));
        Assert.All(drawn, d => Assert.Equal(18f, d.RolloffDbPerOctave));
    }
}
