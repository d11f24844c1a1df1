namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// CUDA graphs of whole calls, one per call shape: a call whose table copy and launches (fused passes, graphable steps) match a cached graph's is
/// replayed by one cuGraphLaunch instead of a copy and a launch per pass.
/// </summary>
/// <remarks>
/// <para>Why: at batch 1 a call is driver calls and device latency, not host code: a copy, a launch and a
/// synchronisation cost ~11.5 us on the H100 machine even for an empty kernel, each further launch ~3.5 us; the same
/// work replayed as a graph ~8.0 / 9.1 / 10.6 us for 1 / 2 / 3 launches (bench/gpu-notes.md, host-b1 runs 1-2).</para>
/// <para>What may be replayed: the graph holds the copy from the page-locked table (whose contents the host rewrites
/// each call before launching the graph) and kernel launches whose arguments are fixed by the signature: views (their
/// addresses), shapes, the command list. Per-call values (parameters, the Philox key) live in the table. The executor
/// builds the signature from everything the launches' arguments derive from, so a replayed graph does exactly what the
/// launches would have done.</para>
/// <para>A signature is captured the second time it is seen among the last <see cref="Remembered"/> calls
/// (<see cref="SeenBefore"/>), and at most <see cref="Capacity"/> graphs are kept (the least recently used goes); a
/// buffer that grows changes the signature, so stale graphs are never matched.</para>
/// <para>Why 64: one workload's shapes multiply. The benchmark rotates 8 batches at B = 1, asynchronous calls alternate
/// between 2 table slots, and a filter's kernel follows each call's random design (warm-up windows of 128 or 256
/// threads, or the look-back: 3 shapes for a band filter), so a band filter's calls had 48 signatures. With 16 graphs
/// a third of its calls captured again or launched plainly (bench/gpu-notes.md, run 120). Entries are matched by their
/// hash first, so a lookup among 64 costs about what one among 16 did.</para>
/// </remarks>
internal sealed unsafe class CallGraphs : IDisposable
{
    /// <summary>Graphs kept at most (FASTAUG_GRAPH_CACHE changes it, to measure a workload's evictions).</summary>
    public static readonly int Capacity = Math.Max(1, ExperimentSwitches.Int("FASTAUG_GRAPH_CACHE", 64));

    private const int RelaxedCapture = 2; // CU_STREAM_CAPTURE_MODE_RELAXED: ILGPU may touch the context while capturing.

    /// <summary>Signatures remembered (as hashes) to decide whether a signature has been seen before.</summary>
    private const int Remembered = 128;

    private readonly Entry[] _entries = new Entry[Capacity];
    private readonly ulong[] _seen = new ulong[Remembered];
    private int _count;
    private int _nextSeen;
    private long _clock;

    public CallGraphs()
    {
        for (int i = 0; i < Capacity; i++)
        {
            _entries[i] = new Entry();
        }
    }

    /// <summary>Experiment (FASTAUG_INLINE_UPDATE=0): replays skip the inline table's node update (wrong results; times the update).</summary>
    private static readonly bool UpdateInline = ExperimentSwitches.Int("FASTAUG_INLINE_UPDATE", 1) != 0;

    /// <summary>Calls replayed from a cached graph so far (tests check that replays happen).</summary>
    public long Replays { get; private set; }

    /// <summary>Graphs captured and instantiated so far (the benchmark reports those of a workload's timed calls).</summary>
    public long Captures { get; private set; }

    /// <summary>Whether this driver has the graph entry points.</summary>
    public static bool Available => CudaDriver.GraphsAvailable;

    /// <summary>A signature's hash (FNV-1a over its words; never 0, which marks an empty slot).</summary>
    public static ulong Hash(ReadOnlySpan<ulong> signature)
    {
        ulong hash = 14695981039346656037UL;
        foreach (ulong word in signature)
        {
            hash = (hash ^ word) * 1099511628211UL;
        }

        return hash | 1;
    }

    /// <summary>
    /// Launches the cached graph of <paramref name="signature"/> (whose <see cref="Hash"/> is <paramref name="hash"/>) on
    /// <paramref name="stream"/>, its kernels given <paramref name="table"/> first when the call's table travels inline
    /// (the signature says so); false when there is none.
    /// </summary>
    public bool TryLaunch(ReadOnlySpan<ulong> signature, ulong hash, nint stream, ref InlineTable table)
    {
        for (int i = 0; i < _count; i++)
        {
            Entry entry = _entries[i];
            if (entry.Hash == hash && signature.SequenceEqual(entry.Signature.AsSpan(0, entry.Length)))
            {
                entry.LastUsed = ++_clock;
                if (entry.Inline is not null && UpdateInline)
                {
                    entry.Inline.Update(entry.Exec, ref table);
                    HostPhases.Mark("table update");
                }

                CudaDriver.Check(CudaDriver.GraphLaunch(entry.Exec, stream), "cuGraphLaunch");
                Replays++;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Launches the kernels of the cached graph of <paramref name="signature"/>, whose kernels take the table first, each by
    /// its own cuLaunchKernel with <paramref name="table"/> (<see cref="InlineTableNodes.Launch"/>), not the graph; false
    /// when there is none.
    /// </summary>
    public bool TryLaunchKernels(ReadOnlySpan<ulong> signature, ulong hash, nint stream, ref InlineTable table)
    {
        for (int i = 0; i < _count; i++)
        {
            Entry entry = _entries[i];
            if (entry.Hash == hash && entry.Inline is not null && signature.SequenceEqual(entry.Signature.AsSpan(0, entry.Length)))
            {
                entry.LastUsed = ++_clock;
                entry.Inline.Launch(stream, ref table);
                Replays++;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the signature of <paramref name="hash"/> (<see cref="Hash"/>) was among the last <see cref="Remembered"/> signatures offered here (it is
    /// remembered either way): only a shape that comes back is worth a capture. Rotating among a few batches (as the
    /// benchmark does, so that small batches do not sit in the L2) still comes back; a workload whose every batch lives
    /// at a new address never does, and pays no capture.
    /// </summary>
    public bool SeenBefore(ulong hash)
    {
        bool seen = Array.IndexOf(_seen, hash) >= 0;
        if (!seen)
        {
            _seen[_nextSeen] = hash;
            _nextSeen = (_nextSeen + 1) % Remembered;
        }

        return seen;
    }

    /// <summary>Starts capturing <paramref name="stream"/>: what is enqueued on it until <see cref="EndCaptureAndLaunch"/> becomes the graph.</summary>
    public static void BeginCapture(nint stream) =>
        CudaDriver.Check(CudaDriver.StreamBeginCapture(stream, RelaxedCapture), "cuStreamBeginCapture");

    /// <summary>
    /// Ends the capture, instantiates the graph, keeps it for <paramref name="signature"/> (evicting the least recently
    /// used beyond <see cref="Capacity"/>) and launches it: the captured work has not run yet. With
    /// <paramref name="inline"/> (its kernels take the call's table as their first argument) the graph's kernel nodes are
    /// kept for replays to update; where their arguments cannot be read back (<see cref="InlineTableNodes.From"/>) the
    /// graph runs this once and is dropped, and the method returns false.
    /// </summary>
    public bool EndCaptureAndLaunch(ReadOnlySpan<ulong> signature, ulong hash, nint stream, bool inline)
    {
        (nint exec, InlineTableNodes? nodes) = EndCapture(stream, inline);
        Captures++;
        if (inline && nodes is null)
        {
            CudaDriver.Check(CudaDriver.GraphLaunch(exec, stream), "cuGraphLaunch");
            CudaDriver.GraphExecDestroy(exec);
            return false;
        }

        Entry slot;
        if (_count < Capacity)
        {
            slot = _entries[_count++];
        }
        else
        {
            slot = _entries[0];
            for (int i = 1; i < Capacity; i++)
            {
                slot = _entries[i].LastUsed < slot.LastUsed ? _entries[i] : slot;
            }

            CudaDriver.GraphExecDestroy(slot.Exec);
            slot.Inline?.Dispose();
        }

        if (slot.Signature.Length < signature.Length)
        {
            slot.Signature = new ulong[signature.Length * 2];
        }

        signature.CopyTo(slot.Signature);
        slot.Length = signature.Length;
        slot.Hash = hash;
        slot.Exec = exec;
        slot.Inline = nodes;
        slot.LastUsed = ++_clock;
        CudaDriver.Check(CudaDriver.GraphLaunch(exec, stream), "cuGraphLaunch");
        return true;
    }

    /// <summary>Ends a capture that failed part-way (the stream must leave capture mode to be usable again), dropping its graph.</summary>
    public static void AbandonCapture(nint stream)
    {
        nint graph;
        if (CudaDriver.StreamEndCapture(stream, &graph) == CudaDriver.Success && graph != 0)
        {
            CudaDriver.GraphDestroy(graph);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        for (int i = 0; i < _count; i++)
        {
            CudaDriver.GraphExecDestroy(_entries[i].Exec);
            _entries[i].Inline?.Dispose();
            _entries[i].Inline = null;
        }

        _count = 0;
    }

    private static (nint Exec, InlineTableNodes? Nodes) EndCapture(nint stream, bool inline)
    {
        nint graph;
        CudaDriver.Check(CudaDriver.StreamEndCapture(stream, &graph), "cuStreamEndCapture");
        InlineTableNodes? nodes = null;
        try
        {
            nint exec;
            CudaDriver.Check(CudaDriver.GraphInstantiate(&exec, graph, 0), "cuGraphInstantiateWithFlags");
            // An instance's node updates name the nodes of the graph it came from: that graph then lives as long as
            // the nodes (InlineTableNodes owns it).
            nodes = inline ? InlineTableNodes.From(graph) : null;
            return (exec, nodes);
        }
        finally
        {
            if (nodes is null)
            {
                CudaDriver.GraphDestroy(graph);
            }
        }
    }

    /// <summary>A cached graph (entries are made once and reused, so a capture allocates nothing on the managed heap).</summary>
    private sealed class Entry
    {
        public ulong[] Signature = new ulong[64];
        public int Length;
        public ulong Hash;
        public nint Exec;
        public long LastUsed;
        public InlineTableNodes? Inline;
    }
}
