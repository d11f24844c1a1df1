using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// Everything random about one call of a pipeline on one batch shape: which leaf runs on which clip,
/// with which parameters, in which order, and the key of its random signals.
/// </summary>
/// <remarks>
/// Sampled on the host and identical on every device, so a GPU run reproduces a CPU run. Read it back
/// (<see cref="Steps"/>), keep it (<see cref="Clone"/>), or replay it on another batch of the same shape
/// (<see cref="Transform.Replay"/>).
/// </remarks>
public sealed class AugmentationPlan
{
    private readonly PlanNode[] _nodes;
    private readonly PlannedStep[] _order;
    private readonly PlanSampler _sampler;
    private readonly uint[] _exampleIds;
    private int _count;

    private AugmentationPlan(Transform root, int batchSize, int channels, PlanNode[] nodes, int leafCount)
    {
        Root = root;
        BatchSize = batchSize;
        Channels = channels;
        _nodes = nodes;
        _order = new PlannedStep[leafCount];
        _sampler = new PlanSampler(this);
        _exampleIds = new uint[batchSize];
    }

    /// <summary>The pipeline this plan belongs to.</summary>
    public Transform Root { get; }

    /// <summary>Clips in the batch.</summary>
    public int BatchSize { get; }

    /// <summary>Channels per clip.</summary>
    public int Channels { get; }

    /// <summary>The seed of the call.</summary>
    public long Seed { get; private set; }

    /// <summary>The call index.</summary>
    public long Call { get; private set; }

    /// <summary>The Philox key derived from <see cref="Seed"/> and <see cref="Call"/>.</summary>
    public RandomKey Key { get; private set; }

    /// <summary>
    /// The example id of each clip when the plan was sampled. Random signals (noise) are keyed by them, so
    /// a replay reproduces the noise on a batch uploaded with the same ids.
    /// </summary>
    public ReadOnlySpan<uint> ExampleIds => _exampleIds;

    /// <summary>The leaf steps in execution order.</summary>
    public ReadOnlySpan<PlannedStep> Steps => _order.AsSpan(0, _count);

    /// <summary>Every node of the tree in pre-order; the leaves among them carry steps.</summary>
    internal ReadOnlySpan<PlanNode> Nodes => _nodes;

    /// <summary>
    /// How many times the plan has been sampled: a device that prepared a call from this plan's contents (a GPU preparing
    /// the next call ahead) knows by it whether they are still the contents it prepared from.
    /// </summary>
    internal long Version { get; private set; }

    internal static AugmentationPlan Create(Transform root, int batchSize, int channels)
    {
        ArgumentNullException.ThrowIfNull(root);
        var nodes = new List<PlanNode>();
        int leaves = 0;
        Build(root);
        return new AugmentationPlan(root, batchSize, channels, [.. nodes], leaves);

        PlanNode Build(Transform transform)
        {
            int index = nodes.Count;
            PlannedStep? step = transform.CreateStep(index, batchSize, channels);
            var node = new PlanNode(transform, index, batchSize * channels, step);
            nodes.Add(node);
            leaves += step is null ? 0 : 1;
            var children = new PlanNode[transform.Children.Count];
            for (int i = 0; i < children.Length; i++)
            {
                children[i] = Build(transform.Children[i]);
            }

            node.Children = children;
            return node;
        }
    }

    internal void Sample(AudioBatch batch, long seed, long call)
    {
        Version++;
        Seed = seed;
        Call = call;
        Key = RandomKey.From(seed, call);
        _count = 0;
        batch.ExampleIdArray.CopyTo(_exampleIds, 0);
        _sampler.Batch = batch;
        PlanNode root = _nodes[0];
        root.Active.AsSpan().Fill(true);
        _sampler.Visit(root);
        _sampler.Batch = null!;
    }

    internal void AppendToOrder(PlannedStep step) => _order[_count++] = step;

    /// <summary>A plan of <paramref name="root"/> for a loaded call, with no steps yet (see <see cref="RestoreStep"/>).</summary>
    internal static AugmentationPlan Restore(Transform root, int batchSize, int channels, long seed, long call, RandomKey key, ReadOnlySpan<uint> exampleIds)
    {
        var plan = Create(root, batchSize, channels);
        plan.Seed = seed;
        plan.Call = call;
        plan.Key = key;
        exampleIds.CopyTo(plan._exampleIds);
        return plan;
    }

    /// <summary>Appends the step of leaf node <paramref name="node"/> to a restored plan's order and returns it to be filled.</summary>
    internal PlannedStep RestoreStep(int node)
    {
        PlannedStep step = _nodes[node].Step ?? throw new InvalidOperationException($"Node {node} is a container, not a leaf.");
        for (int i = 0; i < _count; i++)
        {
            if (ReferenceEquals(_order[i], step))
            {
                throw new InvalidOperationException($"Node {node} appears twice in the plan's order.");
            }
        }

        _order[_count++] = step;
        return step;
    }

    /// <summary>A deep copy that later calls will not overwrite.</summary>
    public AugmentationPlan Clone()
    {
        var copy = Create(Root, BatchSize, Channels);
        copy.Seed = Seed;
        copy.Call = Call;
        copy.Key = Key;
        _exampleIds.CopyTo(copy._exampleIds, 0);
        var byNode = new Dictionary<int, PlannedStep>();
        foreach (PlanNode node in copy._nodes)
        {
            if (node.Step is not null)
            {
                byNode[node.Index] = node.Step;
            }
        }

        for (int i = 0; i < _count; i++)
        {
            PlannedStep source = _order[i];
            PlannedStep target = byNode[source.Node];
            source.Applied.CopyTo(target.Applied, 0);
            for (int row = 0; row < source.Applied.Length; row++)
            {
                for (int p = 0; p < source.ParameterNames.Count; p++)
                {
                    target.SetParameter(row, p, source.GetParameter(row, p));
                }
            }

            copy._order[copy._count++] = target;
        }

        return copy;
    }
}
