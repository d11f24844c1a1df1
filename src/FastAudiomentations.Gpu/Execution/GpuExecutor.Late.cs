using System.Runtime.InteropServices;
using FastAudiomentations.Gpu.Memory;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>The executor's late preparation: <see cref="ILatePreparation"/> steps prepared while the pass before theirs runs.</summary>
internal sealed partial class GpuExecutor
{
    /// <summary>
    /// Rows from which an <see cref="ILatePreparation"/> step is prepared late: below, its preparation is short, and the
    /// call stays eligible for a graph (<see cref="CallGraphs"/>), which saves more at small batches.
    /// </summary>
    private const int LateMinRows = 16;

    // The call's late-prepared steps (ILatePreparation) and the command before which they are prepared (-1: none).
    private LateStep[] _late = new LateStep[2];
    private int _lateCount;
    private int _lateAt = -1;

    /// <summary>Copies of late-prepared parameters so far (tests check that the late path runs).</summary>
    public long LateCopies { get; private set; }

    /// <summary>
    /// Whether steps whose kernel is an <see cref="ILatePreparation"/> are prepared after the passes before their own
    /// are launched (FASTAUG_LATE_PREPARATION=0 turns it off, to time both).
    /// </summary>
    public bool LatePreparation { get; set; } = ExperimentSwitches.Int("FASTAUG_LATE_PREPARATION", 1) != 0;

    /// <summary>
    /// Whether late-prepared parameters go up on the side stream (<see cref="SideStreamCopy"/>, CUDA) rather than on the
    /// device's stream between the passes (FASTAUG_SIDE_COPY=0; run 15 measured that one).
    /// </summary>
    public bool SideCopyLate { get; set; } = ExperimentSwitches.Int("FASTAUG_SIDE_COPY", 1) != 0;

    /// <summary>
    /// Prepares the late steps and writes their parameters into the staging table, then copies their span of it up again
    /// (the call's first copy took stale values there): on the side stream where there is one, else on the device's
    /// stream, in both cases landing before the passes that read them.
    /// </summary>
    private void PrepareLate(AudioBatch batch, AcceleratorStream stream)
    {
        Span<float> floats = MemoryMarshal.Cast<int, float>(_hostTable!.Span[_floatsStart..]);
        int low = int.MaxValue, high = 0;
        for (int i = 0; i < _lateCount; i++)
        {
            ref LateStep late = ref _late[i];
            late.Step!.Prepare(batch);
            HostPhases.Mark("late step prepared");
            late.Kernel!.WriteParameters(late.Step, batch, floats.Slice(late.ParameterOffset, late.Length));
            HostPhases.Mark("late step parameters");
            low = Math.Min(low, late.ParameterOffset);
            high = Math.Max(high, late.ParameterOffset + late.Length);
            late.Step = null;
            late.Kernel = null;
        }

        if (high > low)
        {
            LateCopies++;
            ArrayView<int> source = _hostTable.ArrayView.SubView(_floatsStart + low, high - low);
            ArrayView<int> target = _deviceTable.SubView(_floatsStart + low, high - low);
            if (_device.SideCopy is { } side && SideCopyLate)
            {
                side.Copy(source, target, stream);
            }
            else
            {
                ViewCopy.Copy(stream, source, target);
            }
        }
    }

    private void AppendLate(LateStep late)
    {
        if (_lateCount == _late.Length)
        {
            Array.Resize(ref _late, _late.Length * 2);
        }

        _late[_lateCount++] = late;
    }

    /// <summary>A step prepared late: where its parameters go in the float table.</summary>
    private struct LateStep
    {
        public PlannedStep? Step;
        public IPointwiseKernel? Kernel;
        public int ParameterOffset;
        public int Length;
    }
}
