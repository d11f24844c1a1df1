namespace FastAudiomentations;

/// <summary>
/// The CPU backend: batches in host memory, transforms vectorised with SIMD, clips spread over all cores.
/// </summary>
public sealed class CpuDevice : AudioDevice
{
    private readonly CpuWorkers _workers;
    private readonly ScratchArena[] _scratch;
    private readonly StepRunner _runner;

    /// <summary>A CPU device using <paramref name="threads"/> threads (default: one per core).</summary>
    /// <param name="threads">Worker threads including the caller's, at least 1; null uses every core.</param>
    public CpuDevice(int? threads = null)
    {
        int count = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(threads));
        _workers = new CpuWorkers(count);
        _scratch = new ScratchArena[count];
        for (int i = 0; i < count; i++)
        {
            _scratch[i] = new ScratchArena();
        }

        _runner = new StepRunner(_scratch);
    }

    /// <summary>Threads the device runs on, the caller's included.</summary>
    public int Threads => _workers.ThreadCount;

    /// <inheritdoc/>
    public override string Name => $"CPU ({Threads} threads)";

    internal override BatchStorage CreateStorage(int rows, int capacity) => new HostStorage(rows, capacity);

    internal override void Execute(AugmentationPlan plan, AudioBatch batch)
    {
        var storage = (HostStorage)batch.Storage;
        _runner.Batch = batch;
        _runner.View = new CpuBatchView(storage.Samples, plan.Key);
        try
        {
            foreach (PlannedStep step in plan.Steps)
            {
                if (!step.AnyApplied)
                {
                    continue;
                }

                step.Prepare(batch);
                _runner.Step = step;
                _workers.For(batch.BatchSize, _runner);
            }
        }
        finally
        {
            _runner.Step = null;
            _runner.Batch = null;
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _workers.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Runs one step over one clip per work item; reused across calls so nothing is allocated.</summary>
    private sealed class StepRunner(ScratchArena[] scratch) : IParallelWork
    {
        public PlannedStep? Step { get; set; }

        public AudioBatch? Batch { get; set; }

        public CpuBatchView View { get; set; }

        public void Run(int index, int worker) => Step!.RunCpu(Batch!, View, index, scratch[worker]);
    }
}
