using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Memory;

/// <summary>
/// Corpus clips (background noises) kept in device memory, so that a transform mixing them in uploads each clip
/// once and reuses it across calls: one device buffer, clips packed one after another (channel c of a clip at its
/// offset + c x Length), found by the <see cref="CorpusClip"/> instance the corpus's cache hands out.
/// </summary>
/// <remarks>
/// <para>Budget: when a clip that is not resident would take the clips past <see cref="BudgetBytes"/>, every clip is
/// dropped and the call's clips are uploaded again from the start, unless the current call already uses resident
/// clips (its offsets are in its parameter table): then the buffer grows past the budget for this call, and the next
/// call starts by dropping them all. A corpus clip the host cache evicted and decoded again is a new instance
/// and is uploaded again; the stale copy goes with the next reset.</para>
/// <para>Steady state (every clip resident) costs one dictionary lookup per row and allocates nothing. Uploads
/// copy from the clip's managed samples on the device's stream and synchronise, once per clip.</para>
/// </remarks>
internal sealed class ResidentAudio : IDisposable
{
    /// <summary>Default budget: 512 MiB of device memory, as <see cref="AudioCorpus.DefaultMemoryBudgetBytes"/>.</summary>
    public const long DefaultBudgetBytes = 512L << 20;

    private readonly Accelerator _accelerator;
    private readonly AcceleratorStream _stream;
    private readonly Dictionary<CorpusClip, Entry> _entries = new(ReferenceEqualityComparer.Instance);
    private MemoryBuffer1D<float, Stride1D.Dense>? _buffer;
    private long _used;
    private long _call;
    private long _lastUseCall = -1;

    public ResidentAudio(Accelerator accelerator, AcceleratorStream stream)
    {
        _accelerator = accelerator;
        _stream = stream;
    }

    /// <summary>The most bytes of clips kept between calls.</summary>
    public long BudgetBytes { get; set; } = DefaultBudgetBytes;

    /// <summary>Clips uploaded so far (constant in steady state).</summary>
    public int Uploads { get; private set; }

    /// <summary>Times every resident clip was dropped to stay within the budget.</summary>
    public int Resets { get; private set; }

    /// <summary>Bytes of clips resident now.</summary>
    public long ResidentBytes => _used * sizeof(float);

    /// <summary>True when at least one clip is resident (<see cref="View"/> is then valid).</summary>
    public bool HasClips => _used > 0;

    /// <summary>The resident samples.</summary>
    public ArrayView<float> View => _buffer!.View;

    /// <summary>
    /// Starts a call: drops every clip if they exceed the budget (it was lowered, or the last call needed more); clips
    /// required from now on stay resident at least until the next call.
    /// </summary>
    public void BeginCall()
    {
        _call++;
        if (ResidentBytes > BudgetBytes)
        {
            Reset();
        }
    }

    /// <summary>Makes <paramref name="clip"/> resident; returns where its channel 0 starts in <see cref="View"/>.</summary>
    public long Require(CorpusClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        ref Entry entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, clip);
        if (!Unsafe.IsNullRef(ref entry))
        {
            _lastUseCall = _call;
            return entry.Offset;
        }

        long size = (long)clip.Length * clip.ChannelCount;
        if ((_used + size) * sizeof(float) > BudgetBytes && _lastUseCall != _call && _used > 0)
        {
            Reset();
        }

        Reserve(_used + size);
        long offset = _used;
        for (int c = 0; c < clip.ChannelCount; c++)
        {
            ReadOnlySpan<float> samples = clip.Channel(c);
            if (!samples.IsEmpty)
            {
                _buffer!.View.SubView(offset + ((long)c * clip.Length), samples.Length).CopyFromCPU(_stream, samples);
            }
        }

        _stream.Synchronize();
        _entries.Add(clip, new Entry(offset));
        _used += size;
        _lastUseCall = _call;
        Uploads++;
        return offset;
    }

    public void Dispose() => _buffer?.Dispose();

    /// <summary>Forgets every clip (the buffer keeps its capacity for the next ones).</summary>
    private void Reset()
    {
        _entries.Clear();
        _used = 0;
        Resets++;
    }

    /// <summary>Grows the buffer to hold <paramref name="floats"/>, keeping the resident clips.</summary>
    private void Reserve(long floats)
    {
        if (_buffer is not null && _buffer.Length >= floats)
        {
            return;
        }

        long budget = BudgetBytes / sizeof(float);
        long current = _buffer?.Length ?? 0;
        long length = Math.Max(Math.Max(floats, 1), Math.Min(budget, Math.Max(current * 2, 1L << 20)));
        MemoryBuffer1D<float, Stride1D.Dense> grown = _accelerator.Allocate1D<float>(length);
        if (_buffer is not null)
        {
            if (_used > 0)
            {
                ViewCopy.Copy<float>(_stream, _buffer.View.SubView(0, _used), grown.View.SubView(0, _used));
            }

            // Also when no clip is kept: an asynchronous call in flight may still read the old buffer.
            _stream.Synchronize();
            _buffer.Dispose();
        }

        _buffer = grown;
    }

    private readonly record struct Entry(long Offset);
}
