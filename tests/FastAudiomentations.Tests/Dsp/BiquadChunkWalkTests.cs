using FastAudiomentations.Dsp;

namespace FastAudiomentations.Tests.Dsp;

/// <summary>The cascade-at-once walk against the one-section walk it stands in for.</summary>
public class BiquadChunkWalkTests
{
    [Theory]
    [InlineData(ButterworthBand.LowPass)]
    [InlineData(ButterworthBand.HighPass)]
    [InlineData(ButterworthBand.BandPass)]
    [InlineData(ButterworthBand.BandStop)]
    public void Run_GivesTheScalarWalksLevelsAndSettling_BitForBit(ButterworthBand band)
    {
        // Every order (cascades of 1 to 16 sections: whole and partial vectors), edges from 1 Hz to near Nyquist at three
        // rates (sections that settle at once, within a chunk, and past 2^19 chunks), chunk lengths 1, 32 and 37, and
        // level counts of 0, 16 and 20. The GPU's records must not depend on which walk ran.
        var random = new System.Random(5);
        Span<BiquadSection> sections = new BiquadSection[ButterworthDesign.MaxOrder];
        int cases = 0, endless = 0, atOnce = 0;
        foreach (int rate in new[] { 8_000, 44_100, 96_000 })
        {
            for (int order = 1; order <= ButterworthDesign.MaxOrder; order++)
            {
                for (int draw = 0; draw < 6; draw++)
                {
                    double nyquist = rate / 2.0;
                    double low = Math.Exp(random.NextDouble() * Math.Log(nyquist * 0.9));
                    double high = low + ((nyquist * 0.95 - low) * random.NextDouble());
                    int count = band switch
                    {
                        ButterworthBand.LowPass => ButterworthDesign.LowPass(order, low, rate, sections),
                        ButterworthBand.HighPass => ButterworthDesign.HighPass(order, low, rate, sections),
                        ButterworthBand.BandPass => ButterworthDesign.BandPass(order, low, high, rate, sections),
                        _ => ButterworthDesign.BandStop(order, low, high, rate, sections),
                    };
                    foreach (int chunkLength in new[] { 1, 32, 37 })
                    {
                        int levelCount = new[] { 0, 16, BiquadChunkScan.MaxLevels }[(order + draw) % 3];
                        var levels = new BiquadChunkTransition[count * levelCount];
                        var settling = new int[count];
                        BiquadChunkWalk.Run(sections[..count], chunkLength, levels, levelCount, settling);
                        for (int m = 0; m < count; m++)
                        {
                            var expected = new BiquadChunkTransition[levelCount];
                            int expectedSettling = BiquadChunkScan.TransitionLevelsAndSettling(sections[m], chunkLength, expected);
                            Assert.Equal(expectedSettling, settling[m]);
                            Assert.Equal(expected, levels.AsSpan(m * levelCount, levelCount).ToArray());
                            endless += expectedSettling == int.MaxValue ? 1 : 0;
                            atOnce += expectedSettling == chunkLength ? 1 : 0;
                            cases++;
                        }
                    }
                }
            }
        }

        // The draws reached both ends of the walk.
        Assert.True(atOnce > 0 && endless > 0 && cases > 1000, $"{cases} sections, {atOnce} settled within a chunk, {endless} never");
    }
}
