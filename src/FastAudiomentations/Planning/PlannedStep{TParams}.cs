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

        for (int b = 0; b < BatchSize; b++)
        {
            uint id = batch.ExampleIdArray[b];
            var context = new SamplingContext(batch.SampleRate, batch.LengthArray[b], channels);
            if (leaf.Mode == TransformMode.PerExample)
            {
                if (!active[b * channels])
                {
                    continue;
                }

                var decide = new ParameterRandom(sampler.Key, Node, id, RandomCoordinates.AllChannels, RandomPurpose.Probability);
                if (!decide.Bernoulli(leaf.P))
                {
                    continue;
                }

                var draw = new ParameterRandom(sampler.Key, Node, id, RandomCoordinates.AllChannels, RandomPurpose.Parameters);
                TParams values = leaf.SampleParameters(ref draw, context);
                for (int c = 0; c < channels; c++)
                {
                    Applied[(b * channels) + c] = true;
                    Parameters[(b * channels) + c] = values;
                }

                continue;
            }

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
