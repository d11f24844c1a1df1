using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using FastAudiomentations.Random;

namespace FastAudiomentations.Tests.Random;

/// <summary>
/// The plan sampler's eight-at-a-time draws (<see cref="ParameterDraws"/>) against the one-at-a-time Philox and
/// <see cref="ParameterRandom"/> streams that the known-answer tests pin: the same bits, block for block.
/// </summary>
public class ParameterDrawsTests
{
    private static readonly RandomKey Key = new(0xa4093822u, 0x299f31d0u);

    [Fact]
    public void Generate8_AnyCounters_EqualsScalarBlocks()
    {
        Assert.SkipUnless(Avx2.IsSupported, "AVX2 is not available on this CPU.");
        // Random123's counters among arbitrary ones, so that every word of every lane differs.
        uint[][] counters =
        [
            [0x243f6a88u, 0, uint.MaxValue, 7, 1, 2, 0x80000000u, 12345],
            [0x85a308d3u, 0, uint.MaxValue, 8, 3, 4, 0x7FFFFFFFu, 54321],
            [0x13198a2eu, 0, uint.MaxValue, 9, 5, 6, 1, 99],
            [0x03707344u, 0, uint.MaxValue, 10, 7, 8, 2, 0xDEADBEEFu],
        ];
        Philox4x32.Generate8(
            Vector256.Create(counters[0]), Vector256.Create(counters[1]), Vector256.Create(counters[2]), Vector256.Create(counters[3]),
            Key, out Vector256<uint> x, out Vector256<uint> y, out Vector256<uint> z, out Vector256<uint> w);
        for (int i = 0; i < 8; i++)
        {
            UInt4 expected = Philox4x32.Generate(new UInt4(counters[0][i], counters[1][i], counters[2][i], counters[3][i]), Key);
            Assert.Equal(expected, new UInt4(x[i], y[i], z[i], w[i]));
        }

        // Lane 0 is Random123's pi-digits vector under its key.
        Assert.Equal(new UInt4(0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u), new UInt4(x[0], y[0], z[0], w[0]));
    }

    [Theory]
    [InlineData(13, 1)] // one whole group of eight and a partial one
    [InlineData(21, 3)] // every third word: the layout of several prefetched draws per example
    [InlineData(16, 1)]
    public void Across_SameDrawOfManyExamples_EqualsEachStreamsDraw(int count, int stride)
    {
        Assert.SkipUnless(ParameterDraws.Vectorised, "AVX2 is not available on this CPU.");
        uint[] examples = [.. Enumerable.Range(0, count).Select(i => (uint)((i * 7919) + 3))];
        var words = new ulong[examples.Length * stride];
        Array.Fill(words, 0xDEADUL);
        ParameterDraws.Across(Key, node: 5, RandomPurpose.Probability, RandomCoordinates.AllChannels, index: 2, examples, words, stride);
        for (int i = 0; i < words.Length; i++)
        {
            if (i % stride != 0)
            {
                Assert.Equal(0xDEADUL, words[i]); // the other draws' words are left alone
            }
        }

        for (int i = 0; i < examples.Length; i++)
        {
            var stream = new ParameterRandom(Key, 5, examples[i], RandomCoordinates.AllChannels, RandomPurpose.Probability);
            stream.NextBits();
            stream.NextBits();
            UInt4 block = Philox4x32.Generate(RandomCoordinates.Counter(2, RandomCoordinates.AllChannels, examples[i], 5, RandomPurpose.Probability), Key);
            Assert.Equal(((ulong)block.X << 32) | block.Y, words[i * stride]);
            Assert.Equal(stream.NextDouble(), ReadDouble(words[i * stride]));
        }
    }

    [Fact]
    public void PrefetchedStream_PastThePrefetch_ComputesTheSameStream()
    {
        Assert.SkipUnless(ParameterDraws.Vectorised, "AVX2 is not available on this CPU.");
        const int Prefetched = 3;
        uint[] examples = [42, 43];
        var words = new ulong[examples.Length * Prefetched];
        for (int i = 0; i < Prefetched; i++)
        {
            ParameterDraws.Across(Key, node: 3, RandomPurpose.Parameters, channel: 1, index: (uint)i, examples, words.AsSpan(i), Prefetched);
        }

        var computed = new ParameterRandom(Key, 3, 43, 1, RandomPurpose.Parameters);
        var prefetched = new ParameterRandom(Key, 3, 43, 1, RandomPurpose.Parameters, words, Prefetched, Prefetched);
        for (int i = 0; i < 7; i++)
        {
            if (i % 3 == 0)
            {
                Assert.Equal(computed.NextBits(), prefetched.NextBits());
            }
            else
            {
                Assert.Equal(computed.NextDouble(), prefetched.NextDouble());
            }
        }
    }

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    public void Bernoulli_CertainProbability_SkipsTheDrawButAdvancesTheStream(double p, bool expected)
    {
        var certain = new ParameterRandom(Key, 1, 2, 3, RandomPurpose.Parameters);
        var drawn = new ParameterRandom(Key, 1, 2, 3, RandomPurpose.Parameters);
        Assert.Equal(expected, certain.Bernoulli(p));
        drawn.NextDouble();
        Assert.Equal(drawn.NextDouble(), certain.NextDouble());
    }

    /// <summary>
    /// Plan sampling, with decisions drawn eight examples at a time and (from the second call, once the step has learnt
    /// how many draws the transform takes: AddColorNoise three, Gain one) parameters prefetched, equals the rule written
    /// out one draw at a time.
    /// </summary>
    [Fact]
    public void Sample_PerExampleManyDraws_EqualsOneDrawAtATime() =>
        AssertSamplesOneDrawAtATime(new AddColorNoise(pApplyAWeighting: 0.5, p: 0.6), (AddColorNoise t, ref ParameterRandom r, in SamplingContext c) => t.SampleParameters(ref r, c));

    [Fact]
    public void Sample_PerExampleOneDraw_EqualsOneDrawAtATime() =>
        AssertSamplesOneDrawAtATime(new Gain(-9, 3, p: 0.6), (Gain t, ref ParameterRandom r, in SamplingContext c) => t.SampleParameters(ref r, c));

    private delegate TParams Sampler<TTransform, TParams>(TTransform transform, ref ParameterRandom random, in SamplingContext context);

    private static void AssertSamplesOneDrawAtATime<TTransform, TParams>(TTransform transform, Sampler<TTransform, TParams> sample)
        where TTransform : AudioTransform<TParams>
        where TParams : unmanaged
    {
        using var device = new CpuDevice(1);
        float[][] clips = [.. Enumerable.Range(0, 21).Select(i => new float[100 + i])];
        uint[] ids = [.. Enumerable.Range(0, 21).Select(i => (uint)(1000 + (i * 31)))];
        using AudioBatch batch = device.Upload(clips, 16_000, exampleIds: ids);
        AugmentationPlan plan = AugmentationPlan.Create(transform, batch.BatchSize, batch.Channels);
        int applied = 0;
        for (long call = 0; call < 3; call++)
        {
            plan.Sample(batch, seed: 77, call);
            var step = (PlannedStep<TParams>)plan.Steps[0];
            for (int b = 0; b < ids.Length; b++)
            {
                var decide = new ParameterRandom(plan.Key, step.Node, ids[b], RandomCoordinates.AllChannels, RandomPurpose.Probability);
                bool expected = decide.Bernoulli(transform.P);
                Assert.Equal(expected, step.Applied[b]);
                if (!expected)
                {
                    continue;
                }

                applied++;
                var draw = new ParameterRandom(plan.Key, step.Node, ids[b], RandomCoordinates.AllChannels, RandomPurpose.Parameters);
                TParams values = sample(transform, ref draw, new SamplingContext(16_000, clips[b].Length, 1));
                Assert.Equal(values, step.Parameters[b]);
            }
        }

        // p = 0.6 over 63 draws: both outcomes occur (a fixed seed; the check guards against a degenerate test).
        Assert.InRange(applied, 20, 55);
    }

    private static double ReadDouble(ulong words) => (words >> 11) * (1.0 / 9_007_199_254_740_992.0);
}
