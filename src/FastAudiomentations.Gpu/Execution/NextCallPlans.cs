using System.Runtime.CompilerServices;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The plans of calls sampled before they are made: while a call of a pipeline runs, the device samples the pipeline's
/// next call (<see cref="Follows"/>: the step from the call before repeated, on a batch of the same shape) into a plan of
/// its own, and the next call takes that plan if it is that call (<see cref="Take"/>).
/// </summary>
/// <remarks>
/// Each pipeline has two plans of its batch shape besides the device's own (AudioDevice.PlanFor): the next call is never
/// sampled into the plan the current call returns, which its caller may still read, only into a plan returned one call
/// before or never, as <see cref="Transform.Apply"/> documents ("refilled by the next call"). The pairs live as long as
/// their pipelines (a weak table, as the device's plan cache), so pipelines taken in turn allocate nothing in steady
/// state; the pipelines last applied and last sampled ahead are held until the device's next calls.
/// </remarks>
internal sealed class NextCallPlans
{
    private readonly ConditionalWeakTable<Transform, Pair> _pairs = [];
    private readonly BatchShape _shape = new();
    private Transform? _pipeline;
    private AugmentationPlan? _next;
    private long _seed;
    private long _call;
    private readonly BatchShape _lastShape = new();
    private Transform? _lastPipeline;
    private long _lastSeed;
    private long _lastCall;

    /// <summary>
    /// Records the call being made (<paramref name="seed"/>, <paramref name="call"/> of <paramref name="pipeline"/> over
    /// <paramref name="batch"/>) and says whether it follows the call made before it by one step on a batch of the same
    /// shape, the call index + 1 with the seed kept (a training loop passing its step number) or the seed + 1 with the call
    /// index kept (a loop passing its step as the seed): then the next call is predicted as the same step again
    /// (<paramref name="nextSeed"/>, <paramref name="nextCall"/>), on a batch of this shape. Why not every call: a
    /// workload that alternates pipelines, draws its seeds or batches clips of other lengths every call (a folder of
    /// files) would plan a call that never comes, every call, on the host.
    /// </summary>
    public bool Follows(Transform pipeline, AudioBatch batch, long seed, long call, out long nextSeed, out long nextCall)
    {
        bool follows = ReferenceEquals(pipeline, _lastPipeline)
            && ((seed == _lastSeed && call == _lastCall + 1) || (call == _lastCall && seed == _lastSeed + 1))
            && _lastShape.Matches(batch);
        _lastShape.Keep(batch);
        nextSeed = seed + (seed - _lastSeed);
        nextCall = call + (call - _lastCall);
        _lastPipeline = pipeline;
        _lastSeed = seed;
        _lastCall = call;
        return follows;
    }

    /// <summary>
    /// The plan sampled ahead for call <paramref name="call"/> of <paramref name="pipeline"/> with <paramref name="seed"/>
    /// over a batch of <paramref name="batch"/>'s shape, or null when the call sampled ahead was another. Either way
    /// nothing stays sampled ahead.
    /// </summary>
    public AugmentationPlan? Take(Transform pipeline, AudioBatch batch, long seed, long call)
    {
        AugmentationPlan? next = _next;
        _next = null;
        return next is not null && ReferenceEquals(pipeline, _pipeline) && seed == _seed && call == _call && _shape.Matches(batch)
            ? next
            : null;
    }

    /// <summary>
    /// Samples call <paramref name="call"/> of <paramref name="pipeline"/> over a batch of <paramref name="batch"/>'s shape
    /// into one of the pipeline's plans other than <paramref name="current"/> (the plan this call returns), and returns it.
    /// </summary>
    public AugmentationPlan Sample(Transform pipeline, AugmentationPlan current, AudioBatch batch, long seed, long call)
    {
        if (!_pairs.TryGetValue(pipeline, out Pair? pair))
        {
            pair = new Pair();
            _pairs.AddOrUpdate(pipeline, pair);
        }

        if (pair.First is null || pair.First.BatchSize != batch.BatchSize || pair.First.Channels != batch.Channels)
        {
            pair.First = AugmentationPlan.Create(pipeline, batch.BatchSize, batch.Channels);
            pair.Second = AugmentationPlan.Create(pipeline, batch.BatchSize, batch.Channels);
        }

        AugmentationPlan next = ReferenceEquals(current, pair.First) ? pair.Second! : pair.First;
        next.Sample(batch, seed, call);
        _pipeline = pipeline;
        _next = next;
        _seed = seed;
        _call = call;
        _shape.Keep(batch);
        return next;
    }

    private sealed class Pair
    {
        public AugmentationPlan? First;
        public AugmentationPlan? Second;
    }
}
