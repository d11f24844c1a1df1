using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The executor's work done ahead: a call planned while the call before it runs (<see cref="PrepareAhead"/>) also
/// launches the part of a step's work that reads none of the batch's samples (<see cref="IAheadStep"/>: AddColorNoise's
/// coloured noise) beside the running call (<see cref="SideStreamWork"/>), and the call's own launches then read it.
/// </summary>
/// <remarks>
/// <para>Why: at batch 1 AddColorNoise's single pass spent ~14 us of kernel, ~4 us more than Normalize's, on generating,
/// designing and filtering its noise (docs/architecture/batch-one.md); the device has room to spare beside a batch-1
/// call, and the noise of the next call is known once it is planned. The call then measures its signal and mixes, as
/// Normalize measures and scales.</para>
/// <para>One step a call (the first that can): a pipeline of two such steps does the second's work in its call.</para>
/// </remarks>
internal sealed partial class GpuExecutor
{
    private readonly SideStreamWork _sideWork;

    // The work's launches replayed as CUDA graphs on the side stream (null off CUDA), and the signature they are matched by.
    private readonly CallGraphs? _sideGraphs;
    private readonly ulong[] _sideSignature = new ulong[16];

    // The command whose work was done ahead for the call planned (-1: none), the buffer it went to and both buffers.
    private int _aheadCommand = -1;
    private int _aheadBuffer;
    private ArrayView<float> _aheadArea;

    /// <summary>
    /// Whether calls planned ahead also do their steps' sample-independent work ahead (<see cref="IAheadStep"/>; default
    /// on; FASTAUG_AHEAD_STEPS=0 turns it off, to time both; tests switch it).
    /// </summary>
    public bool AheadSteps { get; set; } = ExperimentSwitches.Int("FASTAUG_AHEAD_STEPS", 1) != 0;

    /// <summary>Calls whose launches read work done ahead for them (tests, the benchmark).</summary>
    public long AheadStepCalls { get; private set; }

    /// <summary>
    /// Whether synchronous calls do work ahead too (FASTAUG_AHEAD_SYNC=1; default off). Off because a synchronous call
    /// returns as soon as its own kernels end, and the next call then waits for the work still running beside it: run 199
    /// measured synchronous AddColorNoise calls at B = 1 at 22.9 us with their noise coloured ahead against 17.5 in the
    /// call.
    /// </summary>
    public bool AheadStepsSynchronous { get; set; } = ExperimentSwitches.Int("FASTAUG_AHEAD_SYNC", 0) != 0;

    /// <summary>Whether the next call planned ahead may do work ahead (<see cref="AheadSteps"/>, and asynchronous unless <see cref="AheadStepsSynchronous"/>).</summary>
    private bool MayWorkAhead => AheadSteps && (Asynchronous || AheadStepsSynchronous);

    /// <summary>
    /// Launches the work ahead of the call just planned ahead (its commands and table are the executor's), for the first
    /// step that can do it. An error leaves the call to do its work itself.
    /// </summary>
    private void LaunchAheadSteps(AudioBatch batch)
    {
        _aheadCommand = -1;
        if (!MayWorkAhead)
        {
            return;
        }

        bool inline = _inline.Count > 0;
        int index = -1;
        for (int i = 0; i < _count; i++)
        {
            if (_commands[i].Kernel is IAheadStep candidate && candidate.RunsAhead(_commands[i].Step!, batch, inline, _sideWork.Beside))
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        try
        {
            ref Command command = ref _commands[index];
            var step = (IAheadStep)command.Kernel!;
            PlannedStep planned = command.Step!;
            var storage = (GpuStorage)batch.Storage;
            long tableCount = _intCount + _floatCount;
            long floats = step.AheadFloats(planned, batch, storage.Pitch);
            int buffer = _sideWork.Next;

            // The two buffers, then, where the table does not travel inline, its copy (the work cannot read the device
            // table: it is the running call's until this call's copy).
            ArrayView<float> area = _device.Pool.DeviceFloats(PoolSlot.Ahead, (2 * floats) + (inline ? 0 : tableCount));
            ArrayView<int> table = area.Cast<int>();
            if (!inline)
            {
                table = area.SubView(2 * floats, tableCount).Cast<int>();
                ViewCopy.Copy(_sideWork.Stream, _hostTable!.ArrayView.SubView(0, tableCount), table);
            }

            ArrayView<float> work = area.SubView(0, 2 * floats);
            var launch = new StepLaunch
            {
                Stream = _sideWork.Stream,
                Pool = _device.Pool,
                Step = planned,
                Batch = batch,
                Samples = storage.View,
                Ints = table.SubView(0, Math.Max(_intCount, 1)),
                Floats = inline ? area : table.SubView(_intCount, Math.Max(_floatCount, 1)).Cast<float>(),
                Pitch = storage.Pitch,
                LengthsOffset = 0,
                ExampleIdsOffset = batch.Rows,
                ParameterOffset = command.ParameterOffset,
                ParameterStride = command.ParameterStride,
                AppliedOffset = command.AppliedOffset,
                LaunchIntsOffset = command.LaunchIntsOffset,
                KeyOffset = KeyOffset(batch.Rows),
                GroupSize = _device.Kernels.GroupSize,
                HostTable = _hostTable!,
                DeviceTable = table,
                FloatsStart = _floatsStart,
                Inline = _inline,
                Counters = _halves.View,
                CountersOffset = CountersOffset(batch.Rows),
                Ahead = work,
                AheadBuffer = buffer,
                HasAhead = true,
            };
            LaunchAheadWork(step, command, launch, inline, buffer, area);
            int target = _sideWork.Issue(buffer, step.AheadGroups(planned, batch));

            // Which buffer, and the count its done counter reaches with this work, where the launches read them from the
            // table: in the staging (copied with the call's table) and in the table that travels inline.
            int bufferInt = step.AheadBufferInt(planned, batch);
            if (bufferInt >= 0)
            {
                int at = command.LaunchIntsOffset + bufferInt;
                _hostTable!.Span[at] = buffer;
                _hostTable.Span[at + 1] = target;
                if (inline && at + 1 < _inline.Count)
                {
                    InlineTable.Words(ref _inline)[at] = buffer;
                    InlineTable.Words(ref _inline)[at + 1] = target;
                }
            }

            (_aheadCommand, _aheadBuffer, _aheadArea) = (index, buffer, work);
            HostPhases.Mark("ahead launch");
        }
        catch (Exception)
        {
            // The call does its work itself; whatever was written into the buffer is never read. The work may have been
            // launched uncounted: the counts are taken from the device again.
            _aheadCommand = -1;
            try
            {
                _sideWork.Resynchronize();
            }
            catch (Exception)
            {
                // A device that fails here fails the call too, which reports it.
            }
        }
    }

    /// <summary>
    /// Enqueues a step's work ahead, exactly once (its groups' counts must match <see cref="SideStreamWork.Issue"/>): on
    /// CUDA with an inline table, once its launch is captured in a graph on the side stream, by cuLaunchKernel with the
    /// graph's kernel arguments and the call's table (<see cref="CallGraphs.TryLaunchKernels"/>); else by ILGPU. Why: the
    /// colouring helps the next call only as far as it is done when that call needs it, so it should start early. A
    /// replayed graph cost 4.8 us of host (the node's update 1.8, the launch 3.0: run 200), more than ILGPU's launch (3.9,
    /// run 199); the direct launch 3.5-4.0 with the rest of the work's host part (runs 202-203).
    /// </summary>
    private void LaunchAheadWork(IAheadStep step, in Command command, in StepLaunch launch, bool inline, int buffer, ArrayView<float> area)
    {
        if (_sideGraphs is null || !UseGraphs || !inline || !_sideWork.Beside)
        {
            step.LaunchAhead(launch, _sideWork.DoneOf(buffer));
            return;
        }

        // Everything the launch's arguments derive from besides the table's contents (GpuExecutor.Signature's words for
        // one step), and the buffer it writes.
        AudioBatch batch = launch.Batch;
        Span<ulong> s = _sideSignature;
        s[0] = (ulong)command.KernelType;
        s[1] = command.GraphKey;
        s[2] = ((ulong)(uint)command.ParameterOffset << 32) | (uint)command.ParameterStride;
        s[3] = ((ulong)(uint)command.LaunchIntsOffset << 32) | (uint)command.AppliedOffset;
        s[4] = (ulong)area.LoadEffectiveAddressAsPtr();
        s[5] = (ulong)(uint)buffer;
        s[6] = (ulong)_device.Pool.Allocations;
        s[7] = ((ulong)(uint)batch.Rows << 32) | (uint)batch.Channels;
        s[8] = ((ulong)(uint)batch.Capacity << 32) | (uint)launch.Pitch;
        s[9] = (ulong)_intCount;
        s[10] = (ulong)_floatCount;
        s[11] = (ulong)_device.Kernels.GroupSize;
        ReadOnlySpan<ulong> signature = s[..12];
        ulong hash = CallGraphs.Hash(signature);
        nint side = _sideWork.StreamPtr;
        if (_sideGraphs.TryLaunchKernels(signature, hash, side, ref _inline))
        {
            return;
        }

        if (!_sideGraphs.SeenBefore(hash))
        {
            step.LaunchAhead(launch, _sideWork.DoneOf(buffer));
            return;
        }

        int allocations = _device.Pool.Allocations;
        CallGraphs.BeginCapture(side);
        try
        {
            step.LaunchAhead(launch, _sideWork.DoneOf(buffer));
        }
        catch
        {
            CallGraphs.AbandonCapture(side);
            throw;
        }

        if (_device.Pool.Allocations != allocations)
        {
            // A pool buffer was replaced while capturing (see ExecuteAsGraph): launch plainly on the grown buffers.
            CallGraphs.AbandonCapture(side);
            step.LaunchAhead(launch, _sideWork.DoneOf(buffer));
            return;
        }

        _ = _sideGraphs.EndCaptureAndLaunch(signature, hash, side, inline: true);
    }

    /// <summary>After a call planned ahead is launched: the next work goes into the other buffer.</summary>
    private void NoteAheadStepsRead()
    {
        if (_aheadCommand >= 0)
        {
            _sideWork.NoteRead(_aheadBuffer);
            AheadStepCalls++;
        }
    }

    /// <summary>The work done ahead for command <paramref name="index"/>, if any (<see cref="StepLaunch.Ahead"/>).</summary>
    private ArrayView<float> AheadFor(int index) => index == _aheadCommand ? _aheadArea : default;
}
