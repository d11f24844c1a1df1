using System.Runtime.CompilerServices;
namespace FastAudiomentations;

/// <summary>
/// Applies a random subset of its children to each example: a count drawn per example from
/// [<see cref="MinCount"/>, <see cref="MaxCount"/>], distinct children, run in their listed order.
/// </summary>
public sealed class SomeOf : Transform
{
    private readonly Transform[] _children;

    /// <summary>Applies exactly <paramref name="count"/> of <paramref name="transforms"/> to each example.</summary>
    public SomeOf(int count, params Transform[] transforms)
        : this(transforms, count, count)
    {
    }

    /// <summary>Applies between <paramref name="minCount"/> and <paramref name="maxCount"/> children to each example.</summary>
    /// <param name="transforms">The children, at least one.</param>
    /// <param name="minCount">Fewest children per example, 0..children.</param>
    /// <param name="maxCount">Most children per example, minCount..children.</param>
    /// <param name="p">Probability, per example, of applying any child.</param>
    public SomeOf(IEnumerable<Transform> transforms, int minCount, int maxCount, double p = 1.0)
        : base(p)
    {
        _children = ContainerArguments.Children(transforms, nameof(transforms));
        if (minCount < 0 || minCount > _children.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(minCount), minCount, $"minCount must lie in [0, {_children.Length}] (the number of transforms).");
        }

        if (maxCount < minCount || maxCount > _children.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(maxCount), maxCount, $"maxCount must lie in [minCount = {minCount}, {_children.Length}].");
        }

        MinCount = minCount;
        MaxCount = maxCount;
    }

    /// <summary>Fewest children applied to an example.</summary>
    public int MinCount { get; }

    /// <summary>Most children applied to an example.</summary>
    public int MaxCount { get; }

    /// <inheritdoc/>
    public override string Name => nameof(SomeOf);

    /// <summary>Describes SomeOf for pipeline files and the CLI.</summary>
    public static ContainerDescriptor Descriptor { get; } = new(
        nameof(SomeOf),
        "Applies a random subset of its transforms to each example: between min_count and max_count distinct ones, in listed order.",
        [
            new("p", ParameterKind.Number, 1.0, "Probability, per example, of applying any transform, in [0, 1]."),
            new("min_count", ParameterKind.Integer, 1, "Fewest transforms per example, 0..number of transforms."),
            new("max_count", ParameterKind.Integer, "min_count", "Most transforms per example, min_count..number of transforms; absent means min_count."),
        ],
        (a, children) =>
        {
            int min = a.Integer("min_count", 1);
            return new SomeOf(children, min, a.Integer("max_count", min), a.Number("p", 1.0));
        });

    /// <inheritdoc/>
    public override IReadOnlyList<Transform> Children => _children;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("p", P), new("min_count", MinCount), new("max_count", MaxCount)];

    internal override PlannedStep? CreateStep(int node, int batchSize, int channels) => null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    internal override void SampleChildren(PlanSampler sampler, PlanNode node)
    {
        int[] pool = node.Order;
        for (int b = 0; b < sampler.BatchSize; b++)
        {
            foreach (PlanNode child in node.Children)
            {
                sampler.SetExample(child.Active, b, false);
            }

            if (!sampler.PassesGate(node, b))
            {
                continue;
            }

            var random = sampler.Choices(node, b);
            int count = MinCount + random.NextInt(MaxCount - MinCount + 1);
            for (int i = 0; i < pool.Length; i++)
            {
                pool[i] = i;
            }

            // Partial Fisher-Yates: the first `count` entries become a uniform random subset.
            for (int i = 0; i < count; i++)
            {
                int j = i + random.NextInt(pool.Length - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
                sampler.SetExample(node.Children[pool[i]].Active, b, true);
            }
        }

        foreach (PlanNode child in node.Children)
        {
            sampler.Visit(child);
        }
    }
}
