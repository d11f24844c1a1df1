namespace FastAudiomentations;

/// <summary>
/// An immutable, validated augmentation: a leaf (<see cref="AudioTransform{TParams}"/>) or a container
/// (<see cref="Compose"/>, <see cref="OneOf"/>, <see cref="SomeOf"/>).
/// </summary>
/// <remarks>
/// Applying a transform first samples, on the host, every random decision and parameter of the call into
/// an <see cref="AugmentationPlan"/> (counter-based, so the same seed gives the same plan on every device),
/// then has the batch's device run the plan. The plan can be read back, saved and replayed.
/// </remarks>
public abstract class Transform
{
    /// <summary>Validates the probability shared by every transform.</summary>
    /// <param name="p">Probability of applying the transform to an example, in [0, 1].</param>
    private protected Transform(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p is a probability and must lie in [0, 1].");
        }

        P = p;
    }

    /// <summary>Probability of applying the transform to an example, in [0, 1].</summary>
    public double P { get; }

    /// <summary>The transform's name, as pipeline files and the CLI spell it ("Gain").</summary>
    public abstract string Name { get; }

    /// <summary>The direct children of a container; empty for a leaf.</summary>
    public virtual IReadOnlyList<Transform> Children => [];

    /// <summary>
    /// Samples this call's random decisions and parameters and applies them to <paramref name="batch"/> in place.
    /// </summary>
    /// <param name="batch">The clips to augment, on any device.</param>
    /// <param name="seed">The seed; with <paramref name="call"/> it fixes every random value of the call.</param>
    /// <param name="call">The call index: a training loop passes its step number so that each step differs.</param>
    /// <returns>
    /// The plan that was applied. It belongs to the device and is refilled by the next call of this pipeline
    /// on that device; <see cref="AugmentationPlan.Clone"/> keeps a copy.
    /// </returns>
    public AugmentationPlan Apply(AudioBatch batch, long seed, long call = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Device.Apply(this, batch, seed, call);
    }

    /// <summary>Samples the plan of a call without applying it (to inspect, save or replay later).</summary>
    public AugmentationPlan Sample(AudioBatch batch, long seed, long call = 0)
    {
        ArgumentNullException.ThrowIfNull(batch);
        AugmentationPlan plan = AugmentationPlan.Create(this, batch.BatchSize, batch.Channels);
        plan.Sample(batch, seed, call);
        return plan;
    }

    /// <summary>
    /// Applies a plan sampled earlier (on any batch of the same shape) to <paramref name="batch"/>: the
    /// same decisions, parameters and noise, e.g. to give a clean target the augmentation of its input.
    /// </summary>
    public void Replay(AudioBatch batch, AugmentationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(plan);
        if (!ReferenceEquals(plan.Root, this))
        {
            throw new ArgumentException("The plan was sampled from another pipeline.", nameof(plan));
        }

        if (plan.BatchSize != batch.BatchSize || plan.Channels != batch.Channels)
        {
            throw new ArgumentException($"The plan is for {plan.BatchSize} clips x {plan.Channels} channels; the batch has {batch.BatchSize} x {batch.Channels}.", nameof(batch));
        }

        batch.Device.Execute(plan, batch);
    }

    /// <summary>Makes the plan step of a leaf; containers have none.</summary>
    internal abstract PlannedStep? CreateStep(int node, int batchSize, int channels);

    /// <summary>A container sets its children's active masks and visits them; leaves never get this call.</summary>
    internal virtual void SampleChildren(PlanSampler sampler, PlanNode node) =>
        throw new InvalidOperationException($"{Name} is not a container.");

    /// <summary>The constructor arguments, by their pipeline-file names, for saving and listing.</summary>
    public abstract IReadOnlyList<KeyValuePair<string, object>> GetParameterValues();
}
