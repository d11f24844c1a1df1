using FastAudiomentations.Dsp;
using FastAudiomentations.Gpu.Transforms.Filters;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>
/// <see cref="IirRecord.Write"/>'s split (host only): where a cascade settles past the reach, the longest prefix within
/// it goes into a compact record at <see cref="IirRecord.PrefixAt"/> and the rest into the full record at the row's
/// start, each exactly what an unsplit write of those sections gives.
/// </summary>
public sealed class IirRecordSplitTests
{
    private const int SampleRate = 44_100;
    private const int Reach = 6_144;

    [Fact]
    public void SlowCascade_SplitsAtTheLongestPrefixWithinTheReach()
    {
        // A 101-1,891 Hz band at 48 dB/oct: 8 sections by increasing radius, settling (at K = 32) from 128 samples to
        // ~9,000; the reach takes the first six.
        BiquadSection[] sections = Design(101, 1891, out long[] settling);
        int prefix = PrefixWithin(settling, Reach);
        Assert.InRange(prefix, IirRecord.MinSplitPrefix, sections.Length - 1);

        int stride = IirRecord.Stride(ButterworthDesign.MaxOrder);
        float[] row = new float[stride];
        IirRecord.Write(row, sections, padding: 0, splitReach: Reach);

        // The rest: a full record of the last sections, flagged.
        float[] tail = new float[stride];
        IirRecord.Write(tail, sections.AsSpan(prefix), padding: 0);
        Assert.Equal(1f, row[IirRecord.SplitOffset]);
        Assert.Equal(sections.Length - prefix, (int)row[0]);
        Assert.Equal(tail.AsSpan(IirRecord.HeaderFloats, (sections.Length - prefix) * IirRecord.SectionFloats).ToArray(), row.AsSpan(IirRecord.HeaderFloats, (sections.Length - prefix) * IirRecord.SectionFloats).ToArray());
        Assert.Equal(settling[prefix..].Sum(), (long)row[IirRecord.WarmUpOffset]);

        // The prefix: the compact form of a record of the first sections, its warm-up theirs.
        float[] head = new float[stride];
        IirRecord.Write(head, sections.AsSpan(0, prefix), padding: 0);
        float[] compact = new float[IirRecord.CompactFloats(prefix)];
        IirRecord.Compact(head, compact);
        Assert.Equal(compact, row.AsSpan(IirRecord.PrefixAt(stride), compact.Length).ToArray());
        Assert.Equal(settling[..prefix].Sum(), (long)compact[IirRecord.WarmUpOffset]);
        Assert.Equal(0f, compact[IirRecord.SplitOffset]);
        Assert.True(IirRecord.Stride(sections.Length - prefix) <= IirRecord.PrefixAt(stride), "the rest's record runs into the prefix's");
    }

    [Theory]
    [InlineData(0)] // splits off
    [InlineData(300)] // a prefix of fewer than MinSplitPrefix sections
    [InlineData(1 << 20)] // the whole cascade settles within the reach: a warm-up call
    public void NoSplit_WritesTheWholeRecord(int splitReach)
    {
        BiquadSection[] sections = Design(101, 1891, out _);
        int stride = IirRecord.Stride(ButterworthDesign.MaxOrder);
        float[] row = new float[stride], whole = new float[stride];
        IirRecord.Write(row, sections, padding: 0, splitReach);
        IirRecord.Write(whole, sections, padding: 0);
        Assert.Equal(whole, row);
        Assert.Equal(0f, row[IirRecord.SplitOffset]);
    }

    private static BiquadSection[] Design(double lowHz, double highHz, out long[] settling)
    {
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        int count = ButterworthDesign.BandPass(8, lowHz, highHz, SampleRate, sections);
        settling = [.. sections.Take(count).Select(s => (long)BiquadChunkScan.SettlingSamples(s, IirCascadeKernel.ChunkLength))];
        return sections[..count];
    }

    private static int PrefixWithin(long[] settling, int reach)
    {
        int prefix = 0;
        long sum = 0;
        while (prefix < settling.Length && sum + settling[prefix] <= reach)
        {
            sum += settling[prefix++];
        }

        return prefix;
    }
}
