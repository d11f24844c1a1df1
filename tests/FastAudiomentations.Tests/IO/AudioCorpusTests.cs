using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Tests.IO;

/// <summary>AudioCorpus: file order, bad input, resampling, channel layouts, energy sums, the LRU budget.</summary>
public sealed class AudioCorpusTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void FromFolder_ListsAudioFilesInOrdinalOrderOfRelativePaths()
    {
        // Dot files are hidden on Unix and skipped (e.g. macOS "._x.wav" resource forks, which are not audio).
        foreach (string name in new[] { "b.wav", "sub/a.wav", "A.WAV", "a.mp3", "sub/deeper/z.ogg", "c.txt", "sub2/._resource-fork.wav", "Z.Wav", "sub2/y.wav" })
        {
            _folder.Write(name, [0]);
        }

        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path);
        string[] relative = [.. corpus.Files.Select(f => Path.GetRelativePath(_folder.Path, f).Replace('\\', '/'))];
        Assert.Equal(["A.WAV", "Z.Wav", "a.mp3", "b.wav", "sub/a.wav", "sub/deeper/z.ogg", "sub2/y.wav"], relative);
        Assert.Equal(7, corpus.Count);
        Assert.Equal(_folder.Path, corpus.Source);

        AudioCorpus top = AudioCorpus.FromFolder(_folder.Path, recursive: false);
        Assert.Equal(["A.WAV", "Z.Wav", "a.mp3", "b.wav"], top.Files.Select(Path.GetFileName));
    }

    [Fact]
    public void FromFiles_SortsAndRemovesDuplicates()
    {
        string b = _folder.Write("b.wav", [0]);
        string a = _folder.Write("a.wav", [0]);
        AudioCorpus corpus = AudioCorpus.FromFiles([b, a, b]);
        Assert.Equal([a, b], corpus.Files);
        Assert.Null(corpus.Source);
        Assert.Equal(a, AudioCorpus.FromFiles([a]).Source);
    }

    [Fact]
    public void BadInput_ThrowsArgumentException_NamingParameterAndPath()
    {
        string missing = Path.Combine(_folder.Path, "nope");
        ArgumentException error = Assert.Throws<ArgumentException>(() => AudioCorpus.FromFolder(missing));
        Assert.Equal("folder", error.ParamName);
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);

        _folder.Write("notes.txt", [1]);
        error = Assert.Throws<ArgumentException>(() => AudioCorpus.FromFolder(_folder.Path));
        Assert.Equal("folder", error.ParamName);
        Assert.Contains(_folder.Path, error.Message, StringComparison.Ordinal);

        Assert.Equal("files", Assert.Throws<ArgumentException>(() => AudioCorpus.FromFiles([])).ParamName);
        error = Assert.Throws<ArgumentException>(() => AudioCorpus.FromFiles([missing + ".wav"]));
        Assert.Equal("files", error.ParamName);
        Assert.Contains(missing + ".wav", error.Message, StringComparison.Ordinal);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => AudioCorpus.FromPath(missing)).ParamName);
    }

    [Fact]
    public void Get_ResamplesToTheRequestedRate_AndCaches()
    {
        float[] x = Signals.Noise(3000, 1);
        _folder.WriteWav("n.wav", 8_000, x);
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path);
        AudioData native = corpus.Get(0, 8_000);
        Assert.Equal(x, native.Channels[0]);
        AudioData up = corpus.Get(0, 22_050);
        Assert.Equal(22_050, up.SampleRate);
        Assert.Equal(new Resampler(8_000, 22_050).Process(x), up.Channels[0]);
        Assert.Same(up, corpus.Get(0, 22_050));
        Assert.Equal(2, corpus.CachedClips);
    }

    [Fact]
    public void MonoLayout_AveragesChannels_AndReusesMonoFiles()
    {
        float[] l = Signals.Noise(500, 1);
        float[] r = Signals.Noise(500, 2);
        _folder.WriteWav("a-stereo.wav", 16_000, l, r);
        _folder.WriteWav("b-mono.wav", 16_000, l);
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path);
        AudioData mono = corpus.Get(0, 16_000, CorpusChannels.Mono);
        Assert.Single(mono.Channels);
        Assert.Equal(l.Zip(r, (a, b) => (a + b) * 0.5f), mono.Channels[0]);
        Assert.Equal(2, corpus.Get(0, 16_000).ChannelCount);
        Assert.Same(corpus.GetClip(1, 16_000), corpus.GetClip(1, 16_000, CorpusChannels.Mono));
        // A mono clip decoded before its kept layout was cached is identical to one mixed from the cache.
        AudioCorpus fresh = AudioCorpus.FromFolder(_folder.Path);
        Assert.Equal(mono.Channels[0], fresh.Get(0, 16_000, CorpusChannels.Mono).Channels[0]);
    }

    [Fact]
    public void Clip_RmsAndSegmentEnergy_MatchDirectSums()
    {
        // 1000 samples: not a multiple of the 256-sample energy block, so partial blocks are exercised.
        float[] a = Signals.Noise(1000, 3);
        float[] b = Signals.Noise(1000, 4, amplitude: 0.1);
        _folder.WriteWav("x.wav", 16_000, a, b);
        CorpusClip clip = AudioCorpus.FromFolder(_folder.Path).GetClip(0, 16_000);
        double all = a.Concat(b).Sum(v => (double)v * v);
        Assert.Equal(Math.Sqrt(all / 2000), clip.Rms, 1e-12);
        Assert.Equal(Signals.Rms(b), clip.ChannelRms(1), 1e-12);
        var random = new System.Random(5);
        foreach ((int start, long length) in new (int, long)[] { (0, 0), (0, 1000), (999, 1), (255, 2), (256, 256), (700, 600), (10, 3456), (999, 2001) })
        {
            for (int c = 0; c < 2; c++)
            {
                float[] x = c == 0 ? a : b;
                double expected = 0;
                for (long t = 0; t < length; t++)
                {
                    double v = x[(start + t) % 1000];
                    expected += v * v;
                }

                Assert.Equal(expected, clip.SegmentEnergy(c, start, length), expected * 1e-12);
            }
        }

        for (int i = 0; i < 200; i++)
        {
            int start = random.Next(1000);
            int length = random.Next(5000);
            double expected = 0;
            for (int t = 0; t < length; t++)
            {
                expected += (double)a[(start + t) % 1000] * a[(start + t) % 1000];
            }

            Assert.Equal(expected, clip.SegmentEnergy(0, start, length), (expected * 1e-12) + 1e-15);
        }
    }

    [Fact]
    public void SegmentEnergy_IsBitIdenticalToItsTailsSummedOneAtATime()
    {
        // SegmentEnergy sums its two tails side by side; each must add the same values in the same order as
        // EnergyBefore alone (AddBackgroundNoise's results depend on these sums).
        float[] a = Signals.Noise(3001, 8);
        _folder.WriteWav("y.wav", 16_000, a);
        CorpusClip clip = AudioCorpus.FromFolder(_folder.Path).GetClip(0, 16_000);
        var random = new System.Random(11);
        for (int i = 0; i < 2000; i++)
        {
            int start = random.Next(3001);
            long length = random.Next(10_000);
            long rest = length % 3001;
            int end = start + (int)rest;
            double total = clip.ChannelEnergy(0);
            double head = clip.EnergyBefore(0, start);
            double expected = rest == 0 || length == 0
                ? (length / 3001) * total
                : end <= 3001
                    ? ((length / 3001) * total) + (clip.EnergyBefore(0, end) - head)
                    : ((length / 3001) * total) + (total - head) + clip.EnergyBefore(0, end - 3001);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(clip.SegmentEnergy(0, start, length)));
        }
    }

    [Fact]
    public void Cache_EvictsTheLeastRecentlyUsed_WithinTheBudget()
    {
        for (int i = 0; i < 4; i++)
        {
            _folder.WriteWav($"{i}.wav", 16_000, Signals.Noise(10_000, i));
        }

        long clipBytes = AudioCorpus.FromFolder(_folder.Path).GetClip(0, 16_000).SizeBytes;
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path, memoryBudgetBytes: (2 * clipBytes) + (clipBytes / 2));
        CorpusClip zero = corpus.GetClip(0, 16_000);
        corpus.GetClip(1, 16_000);
        corpus.GetClip(0, 16_000);          // 0 is now the most recent, so 1 goes first
        corpus.GetClip(2, 16_000);
        Assert.Equal(2, corpus.CachedClips);
        Assert.Equal(2 * clipBytes, corpus.CachedBytes);
        Assert.False(corpus.TryGetCached(1, 16_000, CorpusChannels.Keep, out _));
        Assert.True(corpus.TryGetCached(2, 16_000, CorpusChannels.Keep, out _));
        Assert.True(corpus.TryGetCached(0, 16_000, CorpusChannels.Keep, out CorpusClip cached));
        Assert.Same(zero, cached);
        corpus.GetClip(3, 16_000);           // 0 was touched last by TryGetCached, so 2 goes
        Assert.False(corpus.TryGetCached(2, 16_000, CorpusChannels.Keep, out _));
        Assert.True(corpus.CachedBytes <= corpus.MemoryBudgetBytes);
    }

    [Fact]
    public void ClipLargerThanTheBudget_IsReturnedButNotKept()
    {
        _folder.WriteWav("big.wav", 16_000, Signals.Noise(10_000, 1));
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path, memoryBudgetBytes: 1000);
        Assert.Equal(10_000, corpus.Get(0, 16_000).Length);
        Assert.Equal(0, corpus.CachedClips);
        Assert.Equal(0, corpus.CachedBytes);
    }

    [Fact]
    public async Task PrefetchAndGetAsync_DecodeOnWorkers_AndAgreeWithGet()
    {
        for (int i = 0; i < 6; i++)
        {
            _folder.WriteWav($"{i}.wav", 11_025, Signals.Noise(2_000 + i, i));
        }

        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path, decodeThreads: 2);
        corpus.Prefetch([0, 1, 2, 3, 4, 5, 5, 0], 16_000);
        AudioData[] loaded = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => corpus.GetAsync(i, 16_000, cancellationToken: TestContext.Current.CancellationToken)));
        AudioCorpus reference = AudioCorpus.FromFolder(_folder.Path);
        for (int i = 0; i < 6; i++)
        {
            Assert.Same(loaded[i], corpus.Get(i, 16_000));
            Assert.Equal(reference.Get(i, 16_000).Channels[0], loaded[i].Channels[0]);
        }

        Assert.Equal(6, corpus.CachedClips);
    }

    [Fact]
    public async Task UnreadableFile_GivesAudioFileException_NamingIt_EveryTime()
    {
        _folder.WriteWav("a.wav", 16_000, Signals.Noise(100, 1));
        string bad = _folder.Write("b.wav", [.. "RIFF"u8, 0, 0, 0, 0, .. "WAVE"u8, .. "junk"u8]);
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path);
        Assert.Equal(bad, Assert.Throws<AudioFileException>(() => corpus.Get(1, 16_000)).FilePath);
        corpus.Prefetch([1], 16_000);   // must not throw, nor crash the process later
        AudioFileException error = await Assert.ThrowsAsync<AudioFileException>(() => corpus.GetAsync(1, 16_000, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(bad, error.FilePath);
        Assert.Equal(bad, Assert.Throws<AudioFileException>(() => corpus.Get(1, 16_000, CorpusChannels.Mono)).FilePath);
        Assert.Equal(100, corpus.Get(0, 16_000).Length);
    }

    [Fact]
    public void IndexAndRate_AreValidated()
    {
        _folder.WriteWav("a.wav", 16_000, Signals.Noise(100, 1));
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Get(1, 16_000)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Get(-1, 16_000)).ParamName);
        Assert.Equal("sampleRate", Assert.Throws<ArgumentOutOfRangeException>(() => corpus.Get(0, 0)).ParamName);
    }

    [Fact]
    public void CacheHits_AllocateNothing()
    {
        _folder.WriteWav("a.wav", 16_000, Signals.Noise(100, 1));
        _folder.WriteWav("b.wav", 16_000, Signals.Noise(100, 2), Signals.Noise(100, 3));
        AudioCorpus corpus = AudioCorpus.FromFolder(_folder.Path);
        int[] indices = [0, 1, 1, 0];
        for (int i = 0; i < 2; i++)
        {
            corpus.Prefetch(indices, 16_000);
            corpus.GetClip(0, 16_000, CorpusChannels.Mono);
            corpus.GetClip(1, 16_000, CorpusChannels.Mono);
            corpus.GetClip(1, 16_000);
        }

        (long fewest, string log) = AllocationWindows.Measure(
            _ =>
            {
                for (int i = 0; i < 100; i++)
                {
                    corpus.Prefetch(indices, 16_000);
                    corpus.GetClip(0, 16_000, CorpusChannels.Mono);
                    corpus.GetClip(1, 16_000, CorpusChannels.Mono);
                    corpus.GetClip(1, 16_000);
                }
            },
            bytes => bytes == 0);
        Assert.True(fewest == 0, $"every window allocated ({log})");
    }
}
