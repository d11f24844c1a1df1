using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.Transforms;

/// <summary>Properties every leaf transform must have, checked once over <see cref="TransformTable"/>.</summary>
public class TransformInvariantTests
{
    private static readonly int[] Lengths = [3000, 1, 0, 2047, 4096];

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void SameSeed_GivesSameOutput_AndAnotherSeedDiffers(string name)
    {
        Transform transform = TransformTable.Create(name);
        float[][] first = Run(transform, seed: 7, threads: 2);
        float[][] again = Run(transform, seed: 7, threads: 2);
        for (int b = 0; b < first.Length; b++)
        {
            Assert.Equal(first[b], again[b]);
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void ThreadCount_DoesNotChangeOutput(string name)
    {
        Transform transform = TransformTable.Create(name);
        float[][] one = Run(transform, seed: 11, threads: 1);
        float[][] many = Run(transform, seed: 11, threads: 3);
        for (int b = 0; b < one.Length; b++)
        {
            Assert.Equal(one[b], many[b]);
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void ClipAlone_EqualsClipInsideBatch(string name)
    {
        Transform transform = TransformTable.Create(name);
        float[][] clips = Signals.NoiseClips(3, Lengths);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        transform.Apply(batch, seed: 5);
        float[][] together = batch.ToArrays();
        for (int b = 0; b < clips.Length; b++)
        {
            using AudioBatch alone = device.Upload([clips[b]], TransformTable.SampleRate, exampleIds: [(uint)b]);
            transform.Apply(alone, seed: 5);
            Assert.Equal(together[b], alone.ToArrays()[0]);
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void Padding_StaysZero(string name)
    {
        Transform transform = TransformTable.Create(name);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(Signals.NoiseClips(9, Lengths), TransformTable.SampleRate);
        transform.Apply(batch, seed: 1);
        var all = new float[batch.Rows * batch.Capacity];
        batch.CopyTo(all);
        for (int b = 0; b < batch.BatchSize; b++)
        {
            ReadOnlySpan<float> padding = all.AsSpan((b * batch.Capacity) + batch.Lengths[b], batch.Capacity - batch.Lengths[b]);
            Assert.True(padding.IndexOfAnyExcept(0f) < 0, $"clip {b} has non-zero padding");
        }
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void SteadyStateCalls_AllocateNothing(string name)
    {
        // One thread, so that all work runs on this thread and the per-thread counter sees it: other tests
        // run in parallel in this process, so a process-wide counter would count their allocations too.
        Transform transform = TransformTable.Create(name);
        using var device = new CpuDevice(1);
        using AudioBatch batch = device.Upload(Signals.NoiseClips(2, Lengths), TransformTable.SampleRate);
        for (int call = 0; call < 3; call++)
        {
            transform.Apply(batch, seed: 1, call);
        }

        (long fewest, string log) = AllocationWindows.Measure(
            window =>
            {
                for (int call = 0; call < 10; call++)
                {
                    transform.Apply(batch, seed: 1, 3 + (window * 10) + call);
                }
            },
            bytes => bytes == 0);
        Assert.True(fewest == 0, $"{name}: every window allocated ({log})");
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void MultichannelClips_AreSupported(string name)
    {
        Transform transform = TransformTable.Create(name);
        using var device = new CpuDevice(2);
        float[][][] clips = [[Signals.Noise(2000, 1), Signals.Noise(2000, 2)], [Signals.Noise(500, 3), Signals.Noise(500, 4)]];
        using AudioBatch batch = device.Upload(clips, TransformTable.SampleRate);
        transform.Apply(batch, seed: 3);
        float[][][] result = batch.ToChannelArrays();
        Assert.All(result.SelectMany(c => c).SelectMany(x => x), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(2000, result[0][1].Length);
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void EmptyBatch_IsHandled(string name)
    {
        Transform transform = TransformTable.Create(name);
        using var device = new CpuDevice(2);
        using AudioBatch batch = device.Upload(Array.Empty<float[]>(), TransformTable.SampleRate);
        transform.Apply(batch, seed: 3);
        Assert.Empty(batch.ToArrays());
    }

    [Theory]
    [MemberData(nameof(TransformTable.Names), MemberType = typeof(TransformTable))]
    public void ProbabilityOutsideUnitInterval_Throws(string name)
    {
        // Rows may be variants of one transform ("LowPassFilter zero-phase"): look the descriptor up by type name.
        TransformDescriptor descriptor = TransformCatalog.Transforms.Single(d => d.Name == TransformTable.Create(name).Name);
        foreach (double p in new[] { -0.1, 1.5, double.NaN })
        {
            var arguments = new TransformArguments(new Dictionary<string, object?> { ["p"] = p });
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => descriptor.Create(arguments));
            Assert.Equal("p", error.ParamName);
        }
    }

    private static float[][] Run(Transform transform, long seed, int threads)
    {
        using var device = new CpuDevice(threads);
        using AudioBatch batch = device.Upload(Signals.NoiseClips(1, Lengths), TransformTable.SampleRate);
        transform.Apply(batch, seed);
        return batch.ToArrays();
    }
}
