using FastAudiomentations.Random;

namespace FastAudiomentations.Gpu.Tests.Helpers;

/// <summary>A test-only transform with no GPU kernel: y = max(x, 0) x s, s ~ U[0.5, 2]. Exercises the host fallback.</summary>
public sealed class HalfWaveRectifier() : AudioTransform<HalfWaveRectifierParameters>(1.0, TransformMode.PerExample)
{
    /// <inheritdoc/>
    public override string Name => nameof(HalfWaveRectifier);

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() => [];

    /// <inheritdoc/>
    protected internal override HalfWaveRectifierParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) =>
        new() { Scale = (float)random.Uniform(0.5, 2) };

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<HalfWaveRectifierParameters> parameters, ReadOnlySpan<bool> applied)
    {
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                Span<float> x = clip.Channel(c);
                for (int t = 0; t < x.Length; t++)
                {
                    x[t] = MathF.Max(x[t], 0f) * parameters[c].Scale;
                }
            }
        }
    }
}

/// <summary>What <see cref="HalfWaveRectifier"/> draws (a plain float field, as every parameter struct has).</summary>
#pragma warning disable CA1051 // The plan uploads parameter structs as flat floats: public fields by design.
public struct HalfWaveRectifierParameters
{
    /// <summary>The factor after rectification.</summary>
    public float Scale;
}
#pragma warning restore CA1051
