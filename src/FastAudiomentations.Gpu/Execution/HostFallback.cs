using FastAudiomentations.Gpu.Memory;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// Runs a step that has no GPU kernel yet through the core's CPU path: the batch comes to the host, the step
/// runs over each clip exactly as on the <see cref="CpuDevice"/>, and the batch goes back. Correct (the output
/// equals the CPU device's bit for bit) but slow; the benchmark marks such cells. It lets every transform of
/// the core run on a <see cref="GpuDevice"/> from the day it lands, before its kernel exists.
/// </summary>
/// <remarks>Steady state allocates nothing: the host copy and the scratch arena grow once and are reused.</remarks>
internal sealed class HostFallback
{
    private readonly ScratchArena _scratch = new();
    private float[] _samples = [];

    /// <summary>Runs <paramref name="step"/> (already prepared) on the host over the whole batch (one thread).</summary>
    public void Run(PlannedStep step, AudioBatch batch, GpuStorage storage, AugmentationPlan plan)
    {
        long length = (long)batch.Rows * batch.Capacity;
        if (_samples.Length < length)
        {
            _samples = new float[length];
        }

        Span<float> samples = _samples.AsSpan(0, (int)length);
        storage.CopyTo(samples);
        var view = new CpuBatchView(_samples, plan.Key);
        for (int example = 0; example < batch.BatchSize; example++)
        {
            step.RunCpu(batch, view, example, _scratch);
        }

        storage.CopyFrom(samples);
    }
}
