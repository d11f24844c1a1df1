using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>The executor's CUDA graph path: calls of fused passes and graphable steps replayed by one cuGraphLaunch (<see cref="CallGraphs"/>).</summary>
internal sealed partial class GpuExecutor
{
    // Whole calls (fused passes, graphable steps) replayed as CUDA graphs (null off CUDA), and the signature buffer a call is matched by.
    private readonly CallGraphs? _graphs;
    private ulong[] _signature = new ulong[64];

    /// <summary>Words of a call's signature before its commands' (<see cref="Signature"/>).</summary>
    private const int Header = 20;

    /// <summary>
    /// Whether calls made of fused passes and graphable steps (<see cref="IStepKernel.GraphKey"/>) are replayed as CUDA
    /// graphs, one per call shape (<see cref="CallGraphs"/>;
    /// FASTAUG_GRAPHS=0 turns it off). Never while <see cref="TimeKernels"/> is on: the kernel timings stay those of the
    /// launches. Off where the device is not CUDA.
    /// </summary>
    public bool UseGraphs { get; set; }

    /// <summary>Calls replayed from a graph so far.</summary>
    public long GraphReplays => _graphs?.Replays ?? 0;

    /// <summary>Graphs captured so far (0 without graphs).</summary>
    public long GraphCaptures => _graphs?.Captures ?? 0;

    /// <inheritdoc/>
    public void Dispose()
    {
        _sideWork.Dispose();
        _sideGraphs?.Dispose();
        _graphs?.Dispose();
        _ring.Dispose();
    }

    /// <summary>Whether the call's commands can be one graph: fused passes and graphable steps (<see cref="IStepKernel.GraphKey"/>), no late preparation.</summary>
    private bool GraphEligible()
    {
        if (_lateAt >= 0)
        {
            return false;
        }

        for (int i = 0; i < _count; i++)
        {
            // A single-pass statistics pass replays too: its ticket and arrival counters are zeros in the table, which
            // each replay uploads again (or, for an inline table, in the call counters' half it names: CallCounters).
            if (!_commands[i].Fused && !_commands[i].Graphable)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The call as a graph, if it can be: replays the cached graph of its signature, or, when a recent call had the
    /// same signature, captures the table copy and the launches into a new graph and launches that (the caller finishes the call: <see cref="Finish"/>).
    /// Returns false, having enqueued nothing, when the signature is new (<see cref="CallGraphs.SeenBefore"/>): a workload
    /// whose batches live at new addresses every call would otherwise capture every call (a capture and an instantiation
    /// cost more than they save); likewise when the capture replaced a pool buffer (dropped: see the method).
    /// </summary>
    private bool ExecuteAsGraph(AugmentationPlan plan, AudioBatch batch, GpuStorage storage, PageLockedArray1D<int> hostTable, ArrayView<int> deviceTable, long intCount, long floatCount, int opsOffset)
    {
        ReadOnlySpan<ulong> signature = Signature(batch, storage, hostTable, deviceTable, intCount, floatCount, opsOffset);
        long tableCount = intCount + floatCount;
        ulong hash = CallGraphs.Hash(signature);
        if (_graphs!.TryLaunch(signature, hash, _streamPtr, ref _inline))
        {
            for (int i = 0; i < _count; i++)
            {
                Launches += _commands[i].Fused ? 1 : _commands[i].LaunchCount;
                StepLaunches += _commands[i].Fused ? 0 : _commands[i].LaunchCount;
            }

            HostPhases.Mark("graph launch");
        }
        else if (!_graphs.SeenBefore(hash))
        {
            return false;
        }
        else
        {
            int allocations = _device.Pool.Allocations;
            long launches = Launches, stepLaunches = StepLaunches;
            CallGraphs.BeginCapture(_streamPtr);
            try
            {
                if (_inline.Count == 0)
                {
                    UploadDirect(hostTable, deviceTable, tableCount);
                }

                Launch(plan, batch, storage, deviceTable.SubView(0, intCount), deviceTable.SubView(intCount, Math.Max(floatCount, 1)).Cast<float>(), opsOffset);
            }
            catch
            {
                CallGraphs.AbandonCapture(_streamPtr);
                throw;
            }

            if (_device.Pool.Allocations != allocations)
            {
                // A pool buffer was replaced while capturing: a node captured before the replacement may hold the freed
                // buffer (two steps of one call asking one slot for more). Nothing captured has run: drop it and let the
                // call launch plainly on the grown buffers; a later call of the new shape captures.
                CallGraphs.AbandonCapture(_streamPtr);
                (Launches, StepLaunches) = (launches, stepLaunches);
                HostPhases.Mark("graph capture dropped");
                return false;
            }

            if (!_graphs.EndCaptureAndLaunch(signature, hash, _streamPtr, _inline.Count > 0))
            {
                // This driver gave no kernel node's arguments back: the call ran from its graph once; later calls copy
                // their tables.
                InlineTables = false;
            }

            HostPhases.Mark("graph capture");
        }

        return true;
    }

    /// <summary>
    /// Everything a call's copy and launch arguments derive from, besides the table's contents: buffer addresses (and
    /// the pool's allocation count, which moves whenever a pool buffer is replaced), the batch's shape, the table's
    /// layout, the switches the launches read and each command. Two calls with the same signature enqueue the same work.
    /// </summary>
    private ReadOnlySpan<ulong> Signature(AudioBatch batch, GpuStorage storage, PageLockedArray1D<int> hostTable, ArrayView<int> deviceTable, long intCount, long floatCount, int opsOffset)
    {
        int needed = Header + (4 * _count);
        if (_signature.Length < needed)
        {
            _signature = new ulong[needed * 2];
        }

        ResidentAudio resident = _device.Resident;
        Span<ulong> s = _signature;
        s[0] = (ulong)storage.View.LoadEffectiveAddressAsPtr();
        s[1] = (ulong)storage.View.Length;
        // The ring slot's buffers: an inline call's kernels never read them, but its graphs stay one per slot too. Run 168
        // keyed inline calls without the slot (one graph for both of the slots that asynchronous calls alternate), and
        // pipelined Gain and chain-of-five calls got 1.8-3.1 us slower: each call updated the arguments of the graph
        // whose launch, one call back, might still be running.
        s[2] = (ulong)deviceTable.LoadEffectiveAddressAsPtr();
        s[3] = (ulong)hostTable.ArrayView.LoadEffectiveAddressAsPtr();
        s[4] = (ulong)_device.Pool.Allocations;
        s[5] = resident.HasClips ? (ulong)resident.View.LoadEffectiveAddressAsPtr() : 0;
        s[6] = resident.HasClips ? (ulong)resident.View.Length : 0;
        s[7] = ((ulong)(uint)batch.Rows << 32) | (uint)batch.Channels;
        s[8] = ((ulong)(uint)batch.Capacity << 32) | (uint)storage.Pitch;
        s[9] = (ulong)intCount;
        s[10] = (ulong)floatCount;
        s[11] = (ulong)opsOffset;
        s[12] = ((ulong)(uint)StatisticsWaves << 32) | (ReaderBackward ? 1UL : 0) | (LoadFirst ? 2UL : 0) | (SmallGridTickets ? 4UL : 0);
        s[13] = (ulong)_device.Kernels.GroupSize;
        s[14] = (ulong)_count;
        s[15] = (ulong)MaxChunksPerStatisticsBlock;
        // Whether the table travels inline (the graph then has no copy node; its kernels take the table first), and
        // where the call counts (the counters' buffer is replaced when it grows).
        s[16] = _inline.Count > 0 ? 1UL : 0;
        s[17] = (ulong)_halves.View.LoadEffectiveAddressAsPtr();
        // Which step reads work done ahead, and where (its launches differ: GpuExecutor.AheadSteps); not which of the two
        // buffers: its launches read that from the table, so that one graph serves both.
        s[18] = (ulong)(uint)_aheadCommand;
        s[19] = _aheadCommand >= 0 ? (ulong)_aheadArea.LoadEffectiveAddressAsPtr() : 0;
        for (int i = 0; i < _count; i++)
        {
            ref Command c = ref _commands[i];
            Span<ulong> entry = s.Slice(Header + (4 * i), 4);
            if (!c.Fused)
            {
                // A step: which kernel, its settings' key and where its rows sit in the table.
                entry[0] = (ulong)c.KernelType;
                entry[1] = c.GraphKey;
                entry[2] = ((ulong)(uint)c.ParameterOffset << 32) | (uint)c.ParameterStride;
                entry[3] = (1UL << 63) | ((ulong)(uint)c.LaunchIntsOffset << 32) | (uint)c.AppliedOffset;
                continue;
            }

            entry[0] = ((ulong)(uint)c.OpStart << 32) | (uint)c.OpCount;
            entry[1] = ((ulong)(uint)c.NoiseOpEntry << 32) | ((ulong)(uint)c.WriteNoiseOpEntry << 8)
                | (c.ReadStatistics ? 1UL : 0) | (c.PerClip ? 2UL : 0) | (c.WriteStatistics ? 4UL : 0) | (c.Store ? 8UL : 0)
                | (c.AllApplied ? 16UL : 0) | (c.SelfStatistics ? 32UL : 0) | (c.PeakOnly ? 64UL : 0);
            entry[2] = 0;
            entry[3] = 0;
        }

        return s[..needed];
    }
}
