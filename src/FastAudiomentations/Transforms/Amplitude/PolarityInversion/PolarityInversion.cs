using System.Runtime.CompilerServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Flips the sign of every sample (audiomentations' PolarityInversion).</summary>
/// <remarks>y[t] = -x[t]; exact.</remarks>
public sealed class PolarityInversion : AudioTransform<PolarityInversionParameters>
{
    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a polarity inversion.</summary>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel.</param>
    public PolarityInversion(double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
    }

    /// <inheritdoc/>
    public override string Name => nameof(PolarityInversion);

    /// <summary>Describes PolarityInversion for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(PolarityInversion),
        "Flips the sign of the audio.",
        [CommonParameters.Probability(DefaultP), CommonParameters.Mode],
        a => new PolarityInversion(a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() => CommonParameters.Values(P, Mode);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override PolarityInversionParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) => default;

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<PolarityInversionParameters> parameters, ReadOnlySpan<bool> applied)
    {
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                // Multiplying by -1 is exact and equals negation bit for bit (signed zeros included).
                CacheFriendlyKernels.Multiply(clip.Channel(c), -1f);
            }
        }
    }
}
