using System.Runtime.CompilerServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Multiplies each clip by a random gain drawn uniformly in decibels (audiomentations' Gain).</summary>
/// <remarks>y[t] = x[t] * 10^(g / 20), g ~ U[MinGainDb, MaxGainDb]. Exact in float: one multiply per sample.</remarks>
public sealed class Gain : AudioTransform<GainParameters>
{
    /// <summary>Default smallest gain, dB.</summary>
    public const double DefaultMinGainDb = -12;

    /// <summary>Default largest gain, dB.</summary>
    public const double DefaultMaxGainDb = 12;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a gain transform.</summary>
    /// <param name="minGainDb">Smallest gain in dB, finite.</param>
    /// <param name="maxGainDb">Largest gain in dB, finite, at least <paramref name="minGainDb"/>.</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel.</param>
    public Gain(double minGainDb = DefaultMinGainDb, double maxGainDb = DefaultMaxGainDb, double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
        Check.Range(minGainDb, maxGainDb, nameof(minGainDb), nameof(maxGainDb));
        MinGainDb = minGainDb;
        MaxGainDb = maxGainDb;
    }

    /// <summary>Smallest gain, dB.</summary>
    public double MinGainDb { get; }

    /// <summary>Largest gain, dB.</summary>
    public double MaxGainDb { get; }

    /// <inheritdoc/>
    public override string Name => nameof(Gain);

    /// <summary>Describes Gain for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(Gain),
        "Multiplies the audio by a random gain in dB.",
        [
            new("min_gain_db", ParameterKind.Number, DefaultMinGainDb, "Smallest gain, dB."),
            new("max_gain_db", ParameterKind.Number, DefaultMaxGainDb, "Largest gain, dB, >= min_gain_db."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new Gain(a.Number("min_gain_db", DefaultMinGainDb), a.Number("max_gain_db", DefaultMaxGainDb), a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("min_gain_db", MinGainDb), new("max_gain_db", MaxGainDb), .. CommonParameters.Values(P, Mode)];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override GainParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) =>
        new() { GainDb = (float)random.Uniform(MinGainDb, MaxGainDb) };

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<GainParameters> parameters, ReadOnlySpan<bool> applied)
    {
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                CacheFriendlyKernels.Multiply(clip.Channel(c), parameters[c].Factor);
            }
        }
    }
}
