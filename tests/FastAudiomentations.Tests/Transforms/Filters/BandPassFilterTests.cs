namespace FastAudiomentations.Tests.Transforms.Filters;

public class BandPassFilterTests
{
    [Fact]
    public void Defaults_MatchAudiomentations()
    {
        // audiomentations 0.43 BandPassFilter: min_center_freq=200, max_center_freq=4000,
        // min_bandwidth_fraction=0.5, max_bandwidth_fraction=1.99, min_rolloff=12, max_rolloff=24,
        // zero_phase=False, p=0.5.
        var filter = new BandPassFilter();
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
    public void SampledCentres_AreUniformInMel_AndBandwidthFractionsUniform()
    {
        BandPassFilterParameters[] drawn = FilterSampling.Draw(new BandPassFilter(p: 1));
        FilterSampling.AssertUniformInMel(drawn.Select(d => d.CenterHz), 200, 4000);
        FilterSampling.AssertRolloffs(drawn.Select(d => d.RolloffDbPerOctave), 12, 18, 24);

        // Bandwidth = centre x fraction, fraction uniform in [0.5, 1.99] (float rounding of both: 1e-6).
        double[] fractions = [.. drawn.Select(d => (double)d.BandwidthHz / d.CenterHz)];
        Assert.All(fractions, f => Assert.InRange(f, 0.5 - 1e-6, 1.99 + 1e-6));
        FilterSampling.AssertUniform([.. fractions.Select(f => Math.Clamp((f - 0.5) / 1.49, 0, 1))]);
        Assert.All(drawn, d => Assert.True(d.LowHz > 0 && d.HighHz < 8000));
    }

    [Fact]
    public void AppliedFilter_PassesTheCentre_AndRejectsFarAway()
    {
        // Centre 1 kHz, bandwidth 500 Hz (edges 750, 1250 Hz), 24 dB/octave: a 1 kHz tone passes within
        // 0.2 dB (the arithmetic centre is 3 Hz off the warped geometric one), a 100 Hz tone
        // (over 2.9 octaves below the lower edge) loses more than 60 dB.
        const int Rate = 16_000;
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload([Helpers.Signals.Sine(Rate, 1000, Rate), Helpers.Signals.Sine(Rate, 100, Rate)], Rate);
        new BandPassFilter(1000, 1000, 0.5, 0.5, 24, 24, p: 1).Apply(batch, seed: 3);
        float[][] y = batch.ToArrays();
        double reference = 0.5 / Math.Sqrt(2);
        Assert.InRange(20 * Math.Log10(Helpers.Signals.Rms(y[0].AsSpan(Rate / 2)) / reference), -0.2, 0.01);
        Assert.True(20 * Math.Log10(Helpers.Signals.Rms(y[1].AsSpan(Rate / 2)) / reference) < -60);
    }
}
