namespace FastAudiomentations;

/// <summary>One node of a pipeline tree inside a plan: its pre-order index, active mask and scratch.</summary>
internal sealed class PlanNode
{
    public PlanNode(Transform transform, int index, int rows, PlannedStep? step)
    {
        Transform = transform;
        Index = index;
        Active = new bool[rows];
        Step = step;
        Order = new int[transform.Children.Count];
    }

    public Transform Transform { get; }

    /// <summary>Pre-order index; the node's identity in the random streams.</summary>
    public int Index { get; }

    /// <summary>Which rows reach this node this call (set by the parent before the node is visited).</summary>
    public bool[] Active { get; }

    /// <summary>The leaf's step; null for containers.</summary>
    public PlannedStep? Step { get; }

    public PlanNode[] Children { get; set; } = [];

    /// <summary>Container scratch: the order children run in, or a shuffle buffer.</summary>
    public int[] Order { get; }
}
