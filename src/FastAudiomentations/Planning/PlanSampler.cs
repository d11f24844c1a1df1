using System.Runtime.CompilerServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Walks a plan's tree for one call, letting containers gate their children.</summary>
/// <remarks>
/// The walk, the containers' gates and every transform's <c>SampleParameters</c> are optimised at their first call
/// (AggressiveOptimization): they run per example and call, on the call's critical path, and in a process that keeps
/// compiling (a benchmark, a pipeline's first batches) the JIT's early tiers sampled a B = 128 call of a chain of five in
/// ~63 us on an H100 host against ~12 us optimised (bench/gpu-notes.md, run 92).
/// </remarks>
internal sealed class PlanSampler
{
    private readonly AugmentationPlan _plan;

    public PlanSampler(AugmentationPlan plan) => _plan = plan;

    public AudioBatch Batch { get; set; } = null!;

    public RandomKey Key => _plan.Key;

    public int Channels => _plan.Channels;

    public int BatchSize => _plan.BatchSize;

    /// <summary>Samples <paramref name="node"/>, whose active mask is already set, and appends its steps to the execution order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    public void Visit(PlanNode node)
    {
        if (node.Step is not null)
        {
            node.Step.Sample(this, node.Active);
            _plan.AppendToOrder(node.Step);
            return;
        }

        node.Transform.SampleChildren(this, node);
    }

    /// <summary>
    /// Per-example gate of a container: the example is active at the node and passes the node's p.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    public bool PassesGate(PlanNode node, int example)
    {
        if (!node.Active[example * Channels])
        {
            return false;
        }

        var decide = new ParameterRandom(Key, node.Index, Batch.ExampleIdArray[example], RandomCoordinates.AllChannels, RandomPurpose.Probability);
        return decide.Bernoulli(node.Transform.P);
    }

    /// <summary>The stream of a container's choices for one example.</summary>
    public ParameterRandom Choices(PlanNode node, int example) =>
        new(Key, node.Index, Batch.ExampleIdArray[example], RandomCoordinates.AllChannels, RandomPurpose.Choice);

    /// <summary>The stream of a container's per-call choices (e.g. a shuffled order).</summary>
    public ParameterRandom BatchChoices(PlanNode node) =>
        new(Key, node.Index, RandomCoordinates.WholeBatch, RandomCoordinates.AllChannels, RandomPurpose.Choice);

    /// <summary>Sets every row of <paramref name="example"/> in <paramref name="mask"/>.</summary>
    public void SetExample(bool[] mask, int example, bool value) => mask.AsSpan(example * Channels, Channels).Fill(value);
}
