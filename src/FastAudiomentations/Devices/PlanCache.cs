using System.Runtime.CompilerServices;

namespace FastAudiomentations;

/// <summary>
/// One reusable <see cref="AugmentationPlan"/> per pipeline and batch shape, so that steady-state calls
/// allocate nothing. Weak keys: a pipeline that is dropped takes its plan with it.
/// </summary>
internal sealed class PlanCache
{
    private readonly ConditionalWeakTable<Transform, AugmentationPlan> _plans = [];

    public AugmentationPlan Get(Transform pipeline, int batchSize, int channels)
    {
        if (_plans.TryGetValue(pipeline, out AugmentationPlan? plan) && plan.BatchSize == batchSize && plan.Channels == channels)
        {
            return plan;
        }

        plan = AugmentationPlan.Create(pipeline, batchSize, channels);
        _plans.AddOrUpdate(pipeline, plan);
        return plan;
    }
}
