namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// CUDA graphs of whole calls, one per call shape: a call whose table copy and fused launches match a cached graph's is
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
/// <para>At most <see cref="Capacity"/> graphs are kept (the least recently used goes); a buffer that grows changes the
/// signature, so stale graphs are never matched.</para>
/// </remarks>
internal sealed unsafe class CallGraphs : IDisposable
{
    /// <summary>Graphs kept at most.</summary>
    public const int Capacity = 16;

    private const int RelaxedCapture = 2; // CU_STREAM_CAPTURE_MODE_RELAXED: ILGPU may touch the context while capturing.

    private readonly List<Entry> _entries = [];
    private long _clock;

    /// <summary>Calls replayed from a cached graph so far (tests check that replays happen).</summary>
    public long Replays { get; private set; }

    /// <summary>Graphs captured so far.</summary>
    public long Captures { get; private set; }

    /// <summary>Whether this driver has the graph entry points.</summary>
    public static bool Available => CudaDriver.GraphsAvailable;

    /// <summary>Launches the cached graph of <paramref name="signature"/> on <paramref name="stream"/>; false when there is none.</summary>
    public bool TryLaunch(ReadOnlySpan<ulong> signature, nint stream)
    {
        foreach (Entry entry in _entries)
        {
            if (signature.SequenceEqual(entry.Signature))
            {
                entry.LastUsed = ++_clock;
                CudaDriver.Check(CudaDriver.GraphLaunch(entry.Exec, stream), "cuGraphLaunch");
                Replays++;
                return true;
            }
        }

        return false;
    }

    /// <summary>Starts capturing <paramref name="stream"/>: what is enqueued on it until <see cref="EndCaptureAndLaunch"/> becomes the graph.</summary>
    public static void BeginCapture(nint stream) =>
        CudaDriver.Check(CudaDriver.StreamBeginCapture(stream, RelaxedCapture), "cuStreamBeginCapture");

    /// <summary>
    /// Ends the capture, instantiates the graph, keeps it for <paramref name="signature"/> (evicting the least recently
    /// used beyond <see cref="Capacity"/>) and launches it: the captured work has not run yet.
    /// </summary>
    public void EndCaptureAndLaunch(ReadOnlySpan<ulong> signature, nint stream)
    {
        nint exec = EndCapture(stream);
        if (_entries.Count == Capacity)
        {
            Entry oldest = _entries[0];
            foreach (Entry entry in _entries)
            {
                oldest = entry.LastUsed < oldest.LastUsed ? entry : oldest;
            }

            CudaDriver.GraphExecDestroy(oldest.Exec);
            _entries.Remove(oldest);
        }

        _entries.Add(new Entry { Signature = signature.ToArray(), Exec = exec, LastUsed = ++_clock });
        Captures++;
        CudaDriver.Check(CudaDriver.GraphLaunch(exec, stream), "cuGraphLaunch");
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
        foreach (Entry entry in _entries)
        {
            CudaDriver.GraphExecDestroy(entry.Exec);
        }

        _entries.Clear();
    }

    private static nint EndCapture(nint stream)
    {
        nint graph;
        CudaDriver.Check(CudaDriver.StreamEndCapture(stream, &graph), "cuStreamEndCapture");
        try
        {
            nint exec;
            CudaDriver.Check(CudaDriver.GraphInstantiate(&exec, graph, 0), "cuGraphInstantiateWithFlags");
            return exec;
        }
        finally
        {
            CudaDriver.GraphDestroy(graph);
        }
    }

    private sealed class Entry
    {
        public ulong[] Signature = [];
        public nint Exec;
        public long LastUsed;
    }
}
