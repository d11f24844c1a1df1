using System.Runtime.CompilerServices;
namespace FastAudiomentations;

/// <summary>Applies its children in order (or in an order shuffled per call), to each example with probability p.</summary>
public sealed class Compose : Transform
{
    private readonly Transform[] _children;

    /// <summary>Makes a pipeline of <paramref name="transforms"/>, always applied, in order.</summary>
    public Compose(params Transform[] transforms)
        : this(transforms, p: 1.0)
    {
    }

    /// <summary>Makes a pipeline of <paramref name="transforms"/>.</summary>
    /// <param name="transforms">The children, at least one.</param>
    /// <param name="p">Probability, per example, of applying the children at all.</param>
    /// <param name="shuffle">Run the children in a random order, drawn once per call (as audiomentations does).</param>
    public Compose(IEnumerable<Transform> transforms, double p = 1.0, bool shuffle = false)
        : base(p)
    {
        _children = ContainerArguments.Children(transforms, nameof(transforms));
        Shuffle = shuffle;
    }

    /// <summary>Whether the order of the children is shuffled once per call.</summary>
    public bool Shuffle { get; }

    /// <inheritdoc/>
    public override string Name => nameof(Compose);

    /// <summary>Describes Compose for pipeline files and the CLI.</summary>
    public static ContainerDescriptor Descriptor { get; } = new(
        nameof(Compose),
        "Applies its transforms in order (or shuffled once per call), to each example with probability p.",
        [
            new("p", ParameterKind.Number, 1.0, "Probability, per example, of applying the transforms at all, in [0, 1]."),
            new("shuffle", ParameterKind.Boolean, false, "Run the transforms in a random order, drawn once per call."),
        ],
        (a, children) => new Compose(children, a.Number("p", 1.0), a.Boolean("shuffle", false)));

    /// <inheritdoc/>
    public override IReadOnlyList<Transform> Children => _children;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("p", P), new("shuffle", Shuffle)];

    internal override PlannedStep? CreateStep(int node, int batchSize, int channels) => null;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    internal override void SampleChildren(PlanSampler sampler, PlanNode node)
    {
        for (int b = 0; b < sampler.BatchSize; b++)
        {
            bool pass = sampler.PassesGate(node, b);
            foreach (PlanNode child in node.Children)
            {
                sampler.SetExample(child.Active, b, pass);
            }
        }

        int[] order = node.Order;
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        if (Shuffle)
        {
            var random = sampler.BatchChoices(node);
            for (int i = order.Length - 1; i > 0; i--)
            {
                int j = random.NextInt(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }

        foreach (int i in order)
        {
            sampler.Visit(node.Children[i]);
        }
    }
}
