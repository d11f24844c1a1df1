namespace FastAudiomentations;

/// <summary>
/// One leaf transform's part of an <see cref="AugmentationPlan"/>: for each row (clip x channel) whether it
/// applies and the parameters it drew.
/// </summary>
public abstract class PlannedStep
{
    private protected PlannedStep(Transform transform, int node, int batchSize, int channels)
    {
        Transform = transform;
        Node = node;
        BatchSize = batchSize;
        Channels = channels;
        Applied = new bool[batchSize * channels];
    }

    /// <summary>The leaf transform.</summary>
    public Transform Transform { get; }

    /// <summary>The leaf's pre-order position in the pipeline tree; part of its random streams.</summary>
    public int Node { get; }

    /// <summary>Clips in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>Channels per clip.</summary>
    public int Channels { get; }

    /// <summary>Whether the transform applies to row b * Channels + c.</summary>
    public bool[] Applied { get; }

    /// <summary>True when at least one row applies; a step that applies nowhere is skipped.</summary>
    public bool AnyApplied => Applied.AsSpan().Contains(true);

    /// <summary>The names of the sampled parameters, in struct order.</summary>
    public abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The sampled parameter <paramref name="index"/> of row <paramref name="row"/>.</summary>
    public abstract float GetParameter(int row, int index);

    /// <summary>Overwrites a sampled parameter (to edit or load a saved plan).</summary>
    public abstract void SetParameter(int row, int index, float value);

    /// <summary>
    /// What the transform prepared for this step's current parameters (see <see cref="Prepare"/>); owned by
    /// the transform, kept between calls so that steady-state calls allocate nothing.
    /// </summary>
    internal object? State { get; set; }

    /// <summary>Lets the transform load what the sampled parameters need; devices call it before running the step.</summary>
    internal abstract void Prepare(AudioBatch batch);

    /// <summary>Draws the decisions and parameters of every row.</summary>
    internal abstract void Sample(PlanSampler sampler, ReadOnlySpan<bool> active);

    /// <summary>Runs the CPU path over clip <paramref name="example"/>.</summary>
    internal abstract void RunCpu(AudioBatch batch, CpuBatchView view, int example, ScratchArena scratch);
}
