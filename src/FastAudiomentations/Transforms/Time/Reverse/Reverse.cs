using System.Runtime.CompilerServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Plays each clip backwards (audiomentations' Reverse, also known as time inversion).</summary>
/// <remarks>
/// y[t] = x[L - 1 - t] for t in [0, L), L the clip's valid length (<see cref="SourceIndex"/>): only the valid
/// samples move, so the padding stays zero and stays at the end. Exact; applying it twice is the identity.
/// </remarks>
public sealed class Reverse : AudioTransform<ReverseParameters>
{
    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a reverse transform.</summary>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel: only the decision is drawn.</param>
    public Reverse(double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
    }

    /// <inheritdoc/>
    public override string Name => nameof(Reverse);

    /// <summary>Describes Reverse for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(Reverse),
        "Reverses the audio in time.",
        [CommonParameters.Probability(DefaultP), CommonParameters.Mode],
        a => new Reverse(a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <summary>Where output sample <paramref name="index"/> comes from in a clip of <paramref name="length"/> valid samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SourceIndex(int index, int length) => length - 1 - index;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() => CommonParameters.Values(P, Mode);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override ReverseParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) => default;

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<ReverseParameters> parameters, ReadOnlySpan<bool> applied)
    {
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                clip.Channel(c).Reverse();
            }
        }
    }
}
