using System.Collections.Concurrent;

namespace FastAudiomentations;

/// <summary>
/// A fixed list of audio files (background noises, impulse responses, ...) that transforms draw from:
/// decoded on worker threads, resampled to the rate asked for, and cached within a memory budget.
/// </summary>
/// <remarks>
/// <para>Files are sorted by ordinal comparison of their paths ('/' as separator, relative to the folder
/// for <see cref="FromFolder"/>), so file index i names the same file on every machine and in every run.</para>
/// <para>The cache holds decoded clips keyed by (file, sample rate, channel layout) and evicts the least
/// recently used when the clips' <see cref="CorpusClip.SizeBytes"/> exceed <see cref="MemoryBudgetBytes"/>.
/// A clip larger than the whole budget is decoded and returned but not kept. Loads of the same clip are
/// shared: a prefetch in flight is joined, never repeated. Failures are not cached: the next request tries
/// the file again. A hit allocates nothing, so steady-state augmentation over cached files is allocation-free.</para>
/// <para>Thread-safe: any number of threads may read, prefetch and evict concurrently.</para>
/// </remarks>
public sealed class AudioCorpus
{
    /// <summary>Default cache budget: 512 MiB.</summary>
    public const long DefaultMemoryBudgetBytes = 512L << 20;

    private readonly string[] _files;
    private readonly Lock _lock = new();
    private readonly Dictionary<ClipKey, LinkedListNode<CacheEntry>> _cache = [];
    private readonly LinkedList<CacheEntry> _recency = new();
    private readonly Dictionary<ClipKey, Task<CorpusClip>> _loading = [];
    private readonly ConcurrentDictionary<(int From, int To), Resampler> _resamplers = new();
    private readonly TaskScheduler _decoders;
    private long _cachedBytes;

    private AudioCorpus(string[] files, string? source, long memoryBudgetBytes, int decodeThreads)
    {
        _files = files;
        Source = source;
        MemoryBudgetBytes = memoryBudgetBytes;
        _decoders = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, decodeThreads).ConcurrentScheduler;
    }

    /// <summary>The sorted files; index i of <see cref="Get"/> is file i here.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Number of files.</summary>
    public int Count => _files.Length;

    /// <summary>What the corpus was made from: the folder or the single file; null for a list of several files.</summary>
    public string? Source { get; }

    /// <summary>The most bytes of decoded clips the cache keeps.</summary>
    public long MemoryBudgetBytes { get; }

    /// <summary>Bytes of clips cached now.</summary>
    public long CachedBytes
    {
        get
        {
            lock (_lock)
            {
                return _cachedBytes;
            }
        }
    }

    /// <summary>Clips cached now.</summary>
    public int CachedClips
    {
        get
        {
            lock (_lock)
            {
                return _cache.Count;
            }
        }
    }

    /// <summary>
    /// Every audio file (<see cref="AudioFile.SupportedExtensions"/>, any case) in a folder. Hidden and system
    /// files are skipped (on Unix, names starting with '.', such as macOS "._x.wav" resource forks).
    /// </summary>
    /// <param name="folder">The folder.</param>
    /// <param name="recursive">Whether to include sub-folders.</param>
    /// <param name="memoryBudgetBytes">Cache budget in bytes, at least 0 (0 caches nothing).</param>
    /// <param name="decodeThreads">Files decoded at once by prefetching; null: one per core.</param>
    /// <exception cref="ArgumentException">The folder does not exist or holds no audio file.</exception>
    public static AudioCorpus FromFolder(string folder, bool recursive = true, long memoryBudgetBytes = DefaultMemoryBudgetBytes, int? decodeThreads = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new ArgumentException($"The folder '{folder}' does not exist.", nameof(folder));
        }

        string root = Path.GetFullPath(folder);
        var found = new List<(string Key, string Path)>();
        var options = new EnumerationOptions { RecurseSubdirectories = recursive, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        foreach (string file in Directory.EnumerateFiles(root, "*", options))
        {
            if (AudioFile.HasSupportedExtension(file))
            {
                found.Add((Path.GetRelativePath(root, file).Replace('\\', '/'), file));
            }
        }

        if (found.Count == 0)
        {
            string extensions = string.Join(", ", AudioFile.SupportedExtensions);
            throw new ArgumentException($"The folder '{folder}' holds no audio file ({extensions}){(recursive ? string.Empty : " at its top level")}.", nameof(folder));
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var files = new string[found.Count];
        for (int i = 0; i < files.Length; i++)
        {
            files[i] = found[i].Path;
        }

        return Create(files, folder, memoryBudgetBytes, decodeThreads);
    }

    /// <summary>The given files, sorted by ordinal comparison of their full paths (duplicates removed).</summary>
    /// <param name="files">Paths of audio files; each must exist (its content is checked only when it is read).</param>
    /// <param name="memoryBudgetBytes">Cache budget in bytes, at least 0.</param>
    /// <param name="decodeThreads">Files decoded at once by prefetching; null: one per core.</param>
    /// <exception cref="ArgumentException">The list is empty or names a missing file.</exception>
    public static AudioCorpus FromFiles(IEnumerable<string> files, long memoryBudgetBytes = DefaultMemoryBudgetBytes, int? decodeThreads = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var unique = new SortedSet<string>(StringComparer.Ordinal);
        string? first = null;
        foreach (string file in files)
        {
            if (string.IsNullOrEmpty(file))
            {
                throw new ArgumentException("A file path is null or empty.", nameof(files));
            }

            if (!File.Exists(file))
            {
                throw new ArgumentException($"The file '{file}' does not exist.", nameof(files));
            }

            first ??= file;
            unique.Add(Path.GetFullPath(file).Replace('\\', '/'));
        }

        if (first is null)
        {
            throw new ArgumentException("The list of files is empty; a corpus needs at least one.", nameof(files));
        }

        return Create([.. unique], unique.Count == 1 ? first : null, memoryBudgetBytes, decodeThreads);
    }

    /// <summary>A folder (every audio file in it and its sub-folders) or a single audio file.</summary>
    /// <param name="path">A folder or a file.</param>
    /// <param name="memoryBudgetBytes">Cache budget in bytes, at least 0.</param>
    /// <exception cref="ArgumentException">The path does not exist, or is a folder with no audio file.</exception>
    public static AudioCorpus FromPath(string path, long memoryBudgetBytes = DefaultMemoryBudgetBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return FromFolder(path, recursive: true, memoryBudgetBytes);
        }

        if (File.Exists(path))
        {
            return FromFiles([path], memoryBudgetBytes);
        }

        throw new ArgumentException($"'{path}' is neither a file nor a folder.", nameof(path));
    }

    /// <summary>Clip <paramref name="index"/> at <paramref name="sampleRate"/>, decoding it now unless cached.</summary>
    /// <param name="index">File index in [0, <see cref="Count"/>).</param>
    /// <param name="sampleRate">The rate to resample to, Hz.</param>
    /// <param name="channels">Keep the file's channels or mix them to mono.</param>
    /// <returns>The samples; shared with the cache, so never modify them.</returns>
    /// <exception cref="AudioFileException">The file cannot be read.</exception>
    public AudioData Get(int index, int sampleRate, CorpusChannels channels = CorpusChannels.Keep) =>
        GetClip(index, sampleRate, channels).Audio;

    /// <summary>Like <see cref="Get"/>, with the clip's RMS and energy sums.</summary>
    public CorpusClip GetClip(int index, int sampleRate, CorpusChannels channels = CorpusChannels.Keep)
    {
        ClipKey key = Validate(index, sampleRate, channels);
        Task<CorpusClip> pending;
        TaskCompletionSource<CorpusClip> mine;
        lock (_lock)
        {
            if (TryHit(key, out CorpusClip? hit))
            {
                return hit;
            }

            if (_loading.TryGetValue(key, out Task<CorpusClip>? running))
            {
                pending = running;
                mine = null!;
            }
            else
            {
                mine = new TaskCompletionSource<CorpusClip>(TaskCreationOptions.RunContinuationsAsynchronously);
                _loading[key] = mine.Task;
                pending = null!;
            }
        }

        if (pending is not null)
        {
            return pending.GetAwaiter().GetResult();
        }

        // Decode on this thread: the caller would only wait for a worker to do it.
        return Complete(key, mine);
    }

    /// <summary>Clip <paramref name="index"/> at <paramref name="sampleRate"/>, decoded on a worker thread unless cached.</summary>
    public Task<AudioData> GetAsync(int index, int sampleRate, CorpusChannels channels = CorpusChannels.Keep, CancellationToken cancellationToken = default) =>
        GetClipAsync(index, sampleRate, channels, cancellationToken).ContinueWith(t => t.GetAwaiter().GetResult().Audio, cancellationToken, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>Like <see cref="GetAsync"/>, with the clip's RMS and energy sums.</summary>
    public Task<CorpusClip> GetClipAsync(int index, int sampleRate, CorpusChannels channels = CorpusChannels.Keep, CancellationToken cancellationToken = default)
    {
        ClipKey key = Validate(index, sampleRate, channels);
        Task<CorpusClip> task = Start(key);
        return cancellationToken.CanBeCanceled ? task.WaitAsync(cancellationToken) : task;
    }

    /// <summary>
    /// Starts decoding, on worker threads, every listed clip that is neither cached nor loading; returns at once.
    /// Duplicates and cached clips cost a lookup and allocate nothing.
    /// </summary>
    public void Prefetch(ReadOnlySpan<int> indices, int sampleRate, CorpusChannels channels = CorpusChannels.Keep)
    {
        foreach (int index in indices)
        {
            ClipKey key = Validate(index, sampleRate, channels);
            lock (_lock)
            {
                if (_cache.ContainsKey(key) || _loading.ContainsKey(key))
                {
                    continue;
                }
            }

            _ = Start(key);
        }
    }

    /// <summary>The clip if it is cached now (marking it recently used); never decodes.</summary>
    public bool TryGetCached(int index, int sampleRate, CorpusChannels channels, out CorpusClip clip)
    {
        ClipKey key = Validate(index, sampleRate, channels);
        lock (_lock)
        {
            return TryHit(key, out clip!);
        }
    }

    /// <summary>Drops every cached clip (loads in flight finish and are cached).</summary>
    public void ClearCache()
    {
        lock (_lock)
        {
            _cache.Clear();
            _recency.Clear();
            _cachedBytes = 0;
        }
    }

    private static AudioCorpus Create(string[] files, string? source, long memoryBudgetBytes, int? decodeThreads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBudgetBytes);
        int threads = decodeThreads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads, nameof(decodeThreads));
        return new AudioCorpus(files, source, memoryBudgetBytes, threads);
    }

    private ClipKey Validate(int index, int sampleRate, CorpusChannels channels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _files.Length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        if (!Enum.IsDefined(channels))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Unknown channel layout.");
        }

        return new ClipKey(index, sampleRate, channels);
    }

    /// <summary>
    /// Under the lock: a cached clip, moved to the front of the recency list. A mono request for a mono file
    /// is answered by its kept layout, which is the same clip (so it is cached once).
    /// </summary>
    private bool TryHit(ClipKey key, out CorpusClip clip)
    {
        if (_cache.TryGetValue(key, out LinkedListNode<CacheEntry>? node)
            || (key.Channels == CorpusChannels.Mono && _cache.TryGetValue(key with { Channels = CorpusChannels.Keep }, out node) && node.Value.Clip.ChannelCount == 1))
        {
            _recency.Remove(node);
            _recency.AddFirst(node);
            clip = node.Value.Clip;
            return true;
        }

        clip = null!;
        return false;
    }

    /// <summary>The cached clip, the load in flight, or a new load on a worker thread.</summary>
    private Task<CorpusClip> Start(ClipKey key)
    {
        TaskCompletionSource<CorpusClip> mine;
        lock (_lock)
        {
            if (TryHit(key, out CorpusClip? hit))
            {
                return Task.FromResult(hit);
            }

            if (_loading.TryGetValue(key, out Task<CorpusClip>? running))
            {
                return running;
            }

            mine = new TaskCompletionSource<CorpusClip>(TaskCreationOptions.RunContinuationsAsynchronously);
            _loading[key] = mine.Task;
        }

        // The concurrent scheduler runs at most decodeThreads of these at once, on thread-pool threads.
        _ = Task.Factory.StartNew(
            state =>
            {
                var (corpus, clipKey, load) = ((AudioCorpus, ClipKey, TaskCompletionSource<CorpusClip>))state!;
                corpus.CompleteQuietly(clipKey, load);
            },
            (this, key, mine),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            _decoders);
        return mine.Task;
    }

    /// <summary>Like <see cref="Complete"/> for a worker: the error goes to the load's waiters only.</summary>
    private void CompleteQuietly(ClipKey key, TaskCompletionSource<CorpusClip> load)
    {
        try
        {
            Complete(key, load);
        }
        catch (Exception error) when (load.Task.IsFaulted && load.Task.Exception?.InnerException == error)
        {
            // Handed to the task's waiters by Complete; a prefetch nobody waits for must not crash the process.
        }
    }

    /// <summary>Decodes the clip of a load this thread owns, caches it, and completes the load's task.</summary>
    private CorpusClip Complete(ClipKey key, TaskCompletionSource<CorpusClip> load)
    {
        try
        {
            CorpusClip clip = Decode(key);
            lock (_lock)
            {
                _loading.Remove(key);
                Insert(key, clip);
            }

            load.SetResult(clip);
            return clip;
        }
        catch (Exception error)
        {
            lock (_lock)
            {
                _loading.Remove(key);
            }

            load.SetException(error);
            throw;
        }
    }

    private CorpusClip Decode(ClipKey key)
    {
        string path = _files[key.Index];
        if (key.Channels == CorpusChannels.Mono)
        {
            // Mix the kept layout, cached or decoded here, so a mono clip has the same samples whatever was
            // cached before. Never wait for a load of the kept layout in flight: with one decode thread,
            // that load could be queued behind this one.
            ClipKey keepKey = key with { Channels = CorpusChannels.Keep };
            if (!TryGetCached(key.Index, key.SampleRate, CorpusChannels.Keep, out CorpusClip kept))
            {
                kept = Decode(keepKey);
                lock (_lock)
                {
                    Insert(keepKey, kept);
                }
            }

            return kept.ChannelCount == 1 ? kept : new CorpusClip(key.Index, path, kept.Audio.ToMono());
        }

        AudioData audio = AudioFile.Read(path);
        if (audio.SampleRate != key.SampleRate)
        {
            Resampler resampler = _resamplers.GetOrAdd((audio.SampleRate, key.SampleRate), rates => new Resampler(rates.From, rates.To));
            audio = resampler.Process(audio);
        }

        return new CorpusClip(key.Index, path, audio);
    }

    /// <summary>Under the lock: caches a clip and evicts the least recently used until the budget holds.</summary>
    private void Insert(ClipKey key, CorpusClip clip)
    {
        // A mono request for a mono file returns the kept clip, already cached under its own key.
        bool alias = key.Channels == CorpusChannels.Mono && clip.ChannelCount == 1 && _cache.TryGetValue(key with { Channels = CorpusChannels.Keep }, out LinkedListNode<CacheEntry>? kept) && ReferenceEquals(kept.Value.Clip, clip);
        if (alias || clip.SizeBytes > MemoryBudgetBytes || _cache.ContainsKey(key))
        {
            return;
        }

        while (_cachedBytes + clip.SizeBytes > MemoryBudgetBytes && _recency.Last is { } oldest)
        {
            _recency.RemoveLast();
            _cache.Remove(oldest.Value.Key);
            _cachedBytes -= oldest.Value.Clip.SizeBytes;
        }

        _cache[key] = _recency.AddFirst(new CacheEntry(key, clip));
        _cachedBytes += clip.SizeBytes;
    }

    private readonly record struct ClipKey(int Index, int SampleRate, CorpusChannels Channels);

    private readonly record struct CacheEntry(ClipKey Key, CorpusClip Clip);
}
