namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The executor's calls planned ahead: while a call runs on the device, the host plans the next one (its table, designs
/// and commands), so that the next call, if it is that one, only launches.
/// </summary>
/// <remarks>
/// <para>Why: at batch 1 a call's events are the host's work before its launch plus the kernel; planning ahead took 2-5
/// us off every transform's (runs 191-194: docs/architecture/batch-one.md), and a synchronous call's wait at B = 128
/// overlaps its planning (the chain of five 105 us against 122). The device (GpuDevice.Apply) samples
/// the next call's plan (the call NextCallPlans.Follows predicts, on a batch of the same shape) once this call is
/// enqueued and before it waits for it, and hands it to <see cref="PrepareAhead"/>; a call whose plan and batch shape are the prepared ones then
/// skips the planning (<see cref="Enqueue"/>), and any other call drops it (<see cref="DropAhead"/>).</para>
/// <para>Work ahead (<see cref="LaunchAheadSteps"/>: AddColorNoise's noise) only where the device has caught up with the
/// host, the call before the running one ended (or a synchronous call): where calls queue on the device, it is busy
/// anyway, and the work beside the running call only adds the side stream's hand-offs to each call (run 196: AddColorNoise
/// at B = 1 pipelined 16.0 us a call with its noise coloured ahead, 11.7 in the call; events 10.9 against 15.3).</para>
/// <para>Only after a call of kernels alone (<see cref="LastCallEnqueued"/>: no host fallback, no late preparation), all
/// enqueued once launched. Planning touches nothing the running call reads: the next call's table goes into a slot no
/// running call's copy reads (<see cref="PrepareAhead"/>), and it takes the call counters' half after the running call's
/// (both given back if the call is dropped). A step that loads resources for its draws (AddBackgroundNoise's
/// noise files, made resident on the device) loads the next call's while this one runs: caches whose contents a dropped
/// call leaves correct, and whose uploads the stream orders after the running call.</para>
/// </remarks>
internal sealed partial class GpuExecutor
{
    private readonly AheadCall _ahead = new();

    /// <summary>
    /// Whether the device may plan the next call while this one runs (<see cref="PrepareAhead"/>; default on;
    /// FASTAUG_PREPARE_AHEAD=0 turns it off, to time both).
    /// </summary>
    public bool PlanAhead { get; set; } = ExperimentSwitches.Int("FASTAUG_PREPARE_AHEAD", 1) != 0;

    /// <summary>Whether the last call was kernels alone (fused passes and graphable steps: <see cref="GraphEligible"/>), all enqueued once launched.</summary>
    public bool LastCallEnqueued { get; private set; }

    /// <summary>Whether the next call may be planned now (<see cref="PlanAhead"/>, after a call of kernels alone, not while timing kernels).</summary>
    public bool CanPrepareAhead => PlanAhead && LastCallEnqueued && !TimeKernels;

    /// <summary>Calls planned ahead so far (tests).</summary>
    public long CallsPlannedAhead { get; private set; }

    /// <summary>Calls that found themselves planned ahead and only launched (tests, the benchmark's hit rate).</summary>
    public long PreparedAheadCalls { get; private set; }

    /// <summary>
    /// Plans the call of <paramref name="plan"/> over a batch of <paramref name="batch"/>'s shape now, for
    /// <see cref="Enqueue"/> to launch if it is the next call (<see cref="CanPrepareAhead"/>). A call that would not be
    /// kernels alone is dropped at once. An error while planning drops the call too: the call itself plans again and
    /// reports it.
    /// </summary>
    public void PrepareAhead(AugmentationPlan plan, AudioBatch batch)
    {
        if (!CanPrepareAhead)
        {
            return;
        }

        DropAhead();
        int next = _ring.Next;
        int parity = _counters.Parity;
        bool kept = false;
        bool queued = true;
        try
        {
            // The running call's table slot stays its own while its copy may read it: a synchronous call whose table
            // travelled inline leaves its slot free (one slot, one graph per call shape, as when planned when made); else
            // the slot after it, waited for here only if the call that last used it copies from it (asynchronous calls:
            // the call before the running one), and otherwise, unless finished by now, for its graph's launch when
            // launched (Enqueue): waiting here would keep asynchronous calls one call ahead instead of two.
            int slot = _ring.Choose(alternate: Asynchronous || _launchedCopied);
            if (_ring.StagingInUse(slot))
            {
                _ring.Wait(slot);
            }
            else
            {
                // Found finished now, the call need not wait when launched (run 193: the wait's driver call at launch
                // cost the calls' events what planning ahead had saved them in run 192).
                _ring.Poll(slot);
                // (Off CUDA the ring cannot poll; there the work runs on the device's stream, in order: CPU accelerator.)
                queued = _sideWork.Beside && _ring.Pending(slot);
            }

            kept = PlanCall(plan, batch, slot) && GraphEligible();
        }
        catch (Exception)
        {
            // Dropped below: the call, if it comes, plans again and reports the error itself.
        }

        if (!kept)
        {
            Restore(next, parity);
            return;
        }

        _ahead.Keep(plan, batch, this, next, parity);
        CallsPlannedAhead++;
        HostPhases.Mark("planned ahead");
        if (!queued)
        {
            // The call before the running one has ended (or the running call is synchronous: the one before it ended
            // before it began), so the buffer the work goes into, last read two calls back at the latest, is free.
            LaunchAheadSteps(batch);
        }
    }

    /// <summary>Drops the call planned ahead, if any, giving back its table slot and its half of the call counters.</summary>
    public void DropAhead()
    {
        if (_ahead.Valid)
        {
            _ahead.Used();
            Restore(_ahead.RingNext, _ahead.Parity);
        }
    }

    private void Restore(int ringNext, int parity)
    {
        _ring.Next = ringNext;
        _counters.Parity = parity;
        ForgetCall();
    }

    /// <summary>The call planned ahead: which plan contents, batch shape and executor settings it was planned for.</summary>
    private sealed class AheadCall
    {
        private readonly BatchShape _shape = new();
        private AugmentationPlan? _plan;
        private long _version;
        private bool _asynchronous;
        private bool _inlineTables;
        private bool _graphs;

        public bool Valid { get; private set; }

        public int RingNext { get; private set; }

        public int Parity { get; private set; }

        public void Keep(AugmentationPlan plan, AudioBatch batch, GpuExecutor executor, int ringNext, int parity)
        {
            _plan = plan;
            _version = plan.Version;
            _shape.Keep(batch);
            _asynchronous = executor.Asynchronous;
            _inlineTables = executor.InlineTables;
            _graphs = executor.UseGraphs;
            RingNext = ringNext;
            Parity = parity;
            Valid = true;
        }

        /// <summary>Whether the call of <paramref name="plan"/> over <paramref name="batch"/> is the one planned, under the same settings.</summary>
        public bool Matches(AugmentationPlan plan, AudioBatch batch, GpuExecutor executor) =>
            Valid && ReferenceEquals(plan, _plan) && plan.Version == _version && !executor.TimeKernels
            && executor.Asynchronous == _asynchronous && executor.InlineTables == _inlineTables && executor.UseGraphs == _graphs
            && _shape.Matches(batch);

        public void Used()
        {
            Valid = false;
            _plan = null;
        }
    }
}
