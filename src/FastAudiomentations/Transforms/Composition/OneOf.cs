using System.Runtime.CompilerServices;
namespace FastAudiomentations;

/// <summary>Applies exactly one of its children to each example (chosen per example, by weight), with probability p.</summary>
public sealed class OneOf : Transform
{
    private readonly Transform[] _children;
    private readonly double[] _cumulative;

    /// <summary>Chooses uniformly among <paramref name="transforms"/>, always.</summary>
    public OneOf(params Transform[] transforms)
        : this(transforms, weights: null)
    {
    }

    /// <summary>Chooses among <paramref name="transforms"/> by <paramref name="weights"/>.</summary>
    /// <param name="transforms">The children, at least one.</param>
    /// <param name="weights">Relative weights, one per child, finite and non-negative with a positive sum; null is uniform.</param>
    /// <param name="p">Probability, per example, of applying any child.</param>
    public OneOf(IEnumerable<Transform> transforms, IEnumerable<double>? weights = null, double p = 1.0)
        : base(p)
    {
        _children = ContainerArguments.Children(transforms, nameof(transforms));
        double[] w = weights is null ? [.. Enumerable.Repeat(1.0, _children.Length)] : [.. weights];
        if (w.Length != _children.Length)
        {
            throw new ArgumentException($"{w.Length} weights were given for {_children.Length} transforms.", nameof(weights));
        }

        if (w.Any(x => !double.IsFinite(x) || x < 0) || w.Sum() <= 0)
        {
            throw new ArgumentException("weights must be finite, non-negative and not all zero.", nameof(weights));
        }

        Weights = w;
        _cumulative = new double[w.Length];
        double total = w.Sum(), running = 0;
        for (int i = 0; i < w.Length; i++)
        {
            running += w[i];
            _cumulative[i] = running / total;
        }
    }

    /// <summary>The relative weight of each child.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <inheritdoc/>
    public override string Name => nameof(OneOf);

    /// <summary>Describes OneOf for pipeline files and the CLI.</summary>
    public static ContainerDescriptor Descriptor { get; } = new(
        nameof(OneOf),
        "Applies exactly one of its transforms to each example, chosen by weight, with probability p.",
        [
            new("p", ParameterKind.Number, 1.0, "Probability, per example, of applying any transform, in [0, 1]."),
            new("weights", ParameterKind.NumberList, "uniform", "Relative weight of each transform, non-negative, not all zero; absent means uniform."),
        ],
        (a, children) => new OneOf(children, a.NumberList("weights"), a.Number("p", 1.0)));

    /// <inheritdoc/>
    public override IReadOnlyList<Transform> Children => _children;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("p", P), new("weights", Weights.ToArray())];

    internal override PlannedStep? CreateStep(int node, int batchSize, int channels) => null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    internal override void SampleChildren(PlanSampler sampler, PlanNode node)
    {
        for (int b = 0; b < sampler.BatchSize; b++)
        {
            int chosen = -1;
            if (sampler.PassesGate(node, b))
            {
                double u = sampler.Choices(node, b).NextDouble();
                chosen = Array.FindIndex(_cumulative, c => u < c);
                chosen = chosen < 0 ? _cumulative.Length - 1 : chosen;
            }

            for (int i = 0; i < node.Children.Length; i++)
            {
                sampler.SetExample(node.Children[i].Active, b, i == chosen);
            }
        }

        foreach (PlanNode child in node.Children)
        {
            sampler.Visit(child);
        }
    }
}
