namespace FastAudiomentations.Tests.Transforms.Filters;

public class BandStopFilterTests
{
    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        // audiomentations 0.43 BandStopFilter: min_center_freq=200, max_center_freq=4000,
        // min_bandwidth_fraction=0.5, max_bandwidth_fraction=1.99, min_rolloff=12, max_rolloff=24,
        // zero_phase=False, p=0.5.
        var filter = new BandStopFilter();
        Assert.Equal(200, filter.MinCenterHz);
        Assert.Equal(4000, filter.MaxCenterHz);
        Assert.Equal(0.5, filter.MinBandwidthFraction);
        Assert.Equal(1.99, filter.MaxBandwidthFraction);
        Assert.Equal(12, filter.MinRolloffDbPerOctave);
        Assert.Equal(24, filter.MaxRolloffDbPerOctave);
        Assert.False(filter.ZeroPhase);
        Assert.Equal(0.5, filter.P);
        Assert.Equal(FilterDesign.Butterworth, filter.Design);
        Assert.Equal(101, filter.FirTaps);
    }

    [Fact]
    public void SampledCentres_AreUniformInMel_AndRolloffsInStepsOfTwelveForZeroPhase()
    {
        BandStopFilterParameters[] drawn = FilterSampling.Draw(new BandStopFilter(300, 3000, 0.2, 1.0, 12, 36, zeroPhase: true, p: 1));
        FilterSampling.AssertUniformInMel(drawn.Select(d => d.CenterHz), 300, 3000);
        FilterSampling.AssertRolloffs(drawn.Select(d => d.RolloffDbPerOctave), 12, 24, 36);
        FilterSampling.AssertUniform([.. drawn.Select(d => Math.Clamp((((double)d.BandwidthHz / d.CenterHz) - 0.2) / 0.8, 0, 1))]);
    }

    [Fact]
    public void AppliedFilter_RejectsTheCentre_AndPassesFarAway()
    {
        // Band 750..1250 Hz at 24 dB/octave: a tone at the warped geometric centre (967.7 Hz at 16 kHz)
        // sits on the zeros (below -60 dB after the start transient); a 4 kHz tone passes within 0.1 dB.
        const int Rate = 16_000;
        double centre = Rate / Math.PI * Math.Atan(Math.Sqrt(Math.Tan(Math.PI * 750 / Rate) * Math.Tan(Math.PI * 1250 / Rate)));
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([Helpers.Signals.Sine(Rate, centre, Rate), Helpers.Signals.Sine(Rate, 4000, Rate)], Rate);
        new BandStopFilter(1000, 1000, 0.5, 0.5, 24, 24, p: 1).Apply(batch, seed: 3);
        float[][] y = batch.ToArrays();
        double reference = 0.5 / Math.Sqrt(2);
        Assert.True(20 * Math.Log10(Helpers.Signals.Rms(y[0].AsSpan(Rate / 2)) / reference) < -60);
        Assert.InRange(20 * Math.Log10(Helpers.Signals.Rms(y[1].AsSpan(Rate / 2)) / reference), -0.1, 0.1);
    }
}
