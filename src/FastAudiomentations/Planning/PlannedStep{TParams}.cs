using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>The plan step of an <see cref="AudioTransform{TParams}"/>, holding its parameter structs.</summary>
/// <typeparam name="TParams">The transform's sampled-parameter struct.</typeparam>
public sealed class PlannedStep<TParams> : PlannedStep
    where TParams : unmanaged
{
    private static readonly string[] FieldNames = ParameterFields();

    // Sampling scratch (SamplePerExample): the examples' decision draws, their prefetched parameter draws, and
    // how many parameter draws an example took last call.
    private ulong[] _decisions = [];
    private ulong[] _draws = [];
    private int _drawsPerExample;

    internal PlannedStep(AudioTransform<TParams> transform, int node, int batchSize, int channels)
        : base(transform, node, batchSize, channels)
    {
        Parameters = new TParams[batchSize * channels];
    }

    /// <summary>The parameters of row b * Channels + c (meaningful where <see cref="PlannedStep.Applied"/> is true).</summary>
    public TParams[] Parameters { get; }

    /// <summary>The transform, typed.</summary>
    public AudioTransform<TParams> Leaf => (AudioTransform<TParams>)Transform;

    /// <inheritdoc/>
    public override IReadOnlyList<string> ParameterNames => FieldNames;

    /// <inheritdoc/>
    public override float GetParameter(int row, int index) => Floats(row)[index];

    /// <inheritdoc/>
    public override void SetParameter(int row, int index, float value) => Floats(row)[index] = value;

    private Span<float> Floats(int row) => FieldNames.Length == 0 ? [] : MemoryMarshal.Cast<TParams, float>(Parameters.AsSpan(row, 1));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    internal override void Sample(PlanSampler sampler, ReadOnlySpan<bool> active)
    {
        AudioTransform<TParams> leaf = Leaf;
        AudioBatch batch = sampler.Batch;
        int channels = Channels;
        Applied.AsSpan().Clear();
        leaf.ValidateSampleRate(batch.SampleRate);
        if (leaf.Mode == TransformMode.PerBatch)
        {
            var decide = new ParameterRandom(sampler.Key, Node, RandomCoordinates.WholeBatch, RandomCoordinates.AllChannels, RandomPurpose.Probability);
            if (!decide.Bernoulli(leaf.P))
            {
                return;
            }

            var draw = new ParameterRandom(sampler.Key, Node, RandomCoordinates.WholeBatch, RandomCoordinates.AllChannels, RandomPurpose.Parameters);
            TParams shared = leaf.SampleParameters(ref draw, new SamplingContext(batch.SampleRate, batch.Capacity, channels));
            for (int row = 0; row < Applied.Length; row++)
            {
                Applied[row] = active[row];
                Parameters[row] = shared;
            }

            return;
        }

        if (leaf.Mode == TransformMode.PerExample)
        {
            SamplePerExample(sampler, active);
            return;
        }

        // Per channel: each channel its own decision and parameters.
        for (int b = 0; b < BatchSize; b++)
        {
            uint id = batch.ExampleIdArray[b];
            var context = new SamplingContext(batch.SampleRate, batch.LengthArray[b], channels);
            for (int c = 0; c < channels; c++)
            {
                int row = (b * channels) + c;
                var decide = new ParameterRandom(sampler.Key, Node, id, (uint)c, RandomPurpose.Probability);
                if (!active[row] || !decide.Bernoulli(leaf.P))
                {
                    continue;
                }

                var draw = new ParameterRandom(sampler.Key, Node, id, (uint)c, RandomPurpose.Parameters);
                Applied[row] = true;
                Parameters[row] = leaf.SampleParameters(ref draw, context);
            }
        }
    }

    /// <summary>
    /// Per-example sampling, with the Philox blocks computed eight at a time where the CPU can (<see cref="ParameterDraws"/>):
    /// every example's decision in one sweep (none at p = 0 or 1, where it does not depend on the draw), then as many
    /// parameter draws as the transform took per example last call (up to eight), one sweep each. Examples that end up
    /// not applied waste their draws, which costs less than breaking the sweeps. Without AVX2 every draw is computed when
    /// taken; the values are the same, block for block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    private void SamplePerExample(PlanSampler sampler, ReadOnlySpan<bool> active)
    {
        AudioTransform<TParams> leaf = Leaf;
        AudioBatch batch = sampler.Batch;
        int channels = Channels;
        ReadOnlySpan<uint> ids = batch.ExampleIdArray.AsSpan(0, BatchSize);
        bool vectorised = ParameterDraws.Vectorised;
        bool decideAll = vectorised && leaf.P > 0 && leaf.P < 1;
        if (decideAll)
        {
            EnsureLength(ref _decisions, BatchSize);
            ParameterDraws.Across(sampler.Key, Node, RandomPurpose.Probability, RandomCoordinates.AllChannels, 0, ids, _decisions);
        }

        // The draws each example took last call (at most eight: later ones are computed one at a time), draw i of every
        // example in one sweep; example b's stream reads them at [b * prefetched, (b + 1) * prefetched).
        int prefetched = vectorised ? Math.Min(_drawsPerExample, ParameterDraws.Width) : 0;
        EnsureLength(ref _draws, prefetched * BatchSize);
        for (int i = 0; i < prefetched; i++)
        {
            ParameterDraws.Across(sampler.Key, Node, RandomPurpose.Parameters, RandomCoordinates.AllChannels, (uint)i, ids, _draws.AsSpan(i), prefetched);
        }

        int drawn = 0;
        for (int b = 0; b < BatchSize; b++)
        {
            if (!active[b * channels])
            {
                continue;
            }

            var decide = decideAll
                ? new ParameterRandom(sampler.Key, Node, ids[b], RandomCoordinates.AllChannels, RandomPurpose.Probability, _decisions, b, 1)
                : new ParameterRandom(sampler.Key, Node, ids[b], RandomCoordinates.AllChannels, RandomPurpose.Probability);
            if (!decide.Bernoulli(leaf.P))
            {
                continue;
            }

            var draw = prefetched > 0
                ? new ParameterRandom(sampler.Key, Node, ids[b], RandomCoordinates.AllChannels, RandomPurpose.Parameters, _draws, b * prefetched, prefetched)
                : new ParameterRandom(sampler.Key, Node, ids[b], RandomCoordinates.AllChannels, RandomPurpose.Parameters);
            SetExample(b, leaf.SampleParameters(ref draw, new SamplingContext(batch.SampleRate, batch.LengthArray[b], channels)));
            drawn = Math.Max(drawn, draw.Drawn);
        }

        // Learned, not declared: a transform's draws can depend on its settings (e.g. AddColorNoise's A-weighting).
        _drawsPerExample = drawn;
    }

    private void SetExample(int example, TParams values)
    {
        int channels = Channels;
        for (int c = 0; c < channels; c++)
        {
            Applied[(example * channels) + c] = true;
            Parameters[(example * channels) + c] = values;
        }
    }

    private static void EnsureLength(ref ulong[] array, int length)
    {
        if (array.Length < length)
        {
            array = new ulong[length];
        }
    }

    internal override void Prepare(AudioBatch batch) => Leaf.Prepare(this, batch);

    internal override void RunCpu(AudioBatch batch, CpuBatchView view, int example, ScratchArena scratch)
    {
        int channels = Channels;
        ReadOnlySpan<bool> applied = Applied.AsSpan(example * channels, channels);
        if (!applied.Contains(true) || batch.LengthArray[example] == 0)
        {
            return;
        }

        var clip = new CpuClip(
            view.Samples.AsSpan(example * channels * batch.Capacity, channels * batch.Capacity),
            channels,
            batch.Capacity,
            batch.LengthArray[example],
            batch.SampleRate,
            example,
            batch.ExampleIdArray[example],
            view.Key,
            Node,
            scratch,
            State);
        Leaf.ProcessCpu(clip, Parameters.AsSpan(example * channels, channels), applied);
    }

    private static string[] ParameterFields()
    {
        FieldInfo[] fields = typeof(TParams).GetFields(BindingFlags.Public | BindingFlags.Instance);
        // An empty struct (a transform that draws nothing) has size 1 and no fields.
        bool empty = fields.Length == 0 && Unsafe.SizeOf<TParams>() <= 1;
        if (!empty && (fields.Any(f => f.FieldType != typeof(float)) || Unsafe.SizeOf<TParams>() != fields.Length * sizeof(float)))
        {
            throw new InvalidOperationException($"{typeof(TParams).Name} must hold public float fields only.");
        }

        return [.. fields.OrderBy(f => Marshal.OffsetOf<TParams>(f.Name).ToInt64()).Select(f => f.Name)];
    }
}
