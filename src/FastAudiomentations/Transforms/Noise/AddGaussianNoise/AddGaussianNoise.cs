using System.Runtime.CompilerServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Adds white Gaussian noise of a random amplitude (audiomentations' AddGaussianNoise).</summary>
/// <remarks>
/// <para>
/// y[t] = x[t] + a n[t], a ~ U[MinAmplitude, MaxAmplitude] per example (or channel, or batch), and
/// n[t] = <see cref="GaussianNoise.Sample"/>(key, node, example id, channel, t): standard normal, its own
/// stream per channel, so channels get independent noise (audiomentations also draws a separate row per
/// channel). The sum is one fused multiply-add on the CPU.
/// </para>
/// <para>
/// The same (seed, call, node, example id, channel) gives the same noise on every device, in any batch,
/// with any thread count; the GPU regenerates it per sample with the same function.
/// </para>
/// </remarks>
public sealed class AddGaussianNoise : AudioTransform<AddGaussianNoiseParameters>
{
    /// <summary>Default smallest amplitude (standard deviation).</summary>
    public const double DefaultMinAmplitude = 0.001;

    /// <summary>Default largest amplitude (standard deviation).</summary>
    public const double DefaultMaxAmplitude = 0.015;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a Gaussian noise transform.</summary>
    /// <param name="minAmplitude">Smallest noise standard deviation, positive (full scale is 1).</param>
    /// <param name="maxAmplitude">Largest noise standard deviation, at least <paramref name="minAmplitude"/>.</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel: how finely the amplitude is drawn.</param>
    public AddGaussianNoise(double minAmplitude = DefaultMinAmplitude, double maxAmplitude = DefaultMaxAmplitude, double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
        Check.Positive(minAmplitude, nameof(minAmplitude));
        Check.Positive(maxAmplitude, nameof(maxAmplitude));
        Check.Range(minAmplitude, maxAmplitude, nameof(minAmplitude), nameof(maxAmplitude));
        MinAmplitude = minAmplitude;
        MaxAmplitude = maxAmplitude;
    }

    /// <summary>Smallest noise standard deviation.</summary>
    public double MinAmplitude { get; }

    /// <summary>Largest noise standard deviation.</summary>
    public double MaxAmplitude { get; }

    /// <inheritdoc/>
    public override string Name => nameof(AddGaussianNoise);

    /// <summary>Describes AddGaussianNoise for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(AddGaussianNoise),
        "Adds white Gaussian noise with a random standard deviation.",
        [
            new("min_amplitude", ParameterKind.Number, DefaultMinAmplitude, "Smallest noise standard deviation, > 0 (full scale is 1)."),
            new("max_amplitude", ParameterKind.Number, DefaultMaxAmplitude, "Largest noise standard deviation, >= min_amplitude."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new AddGaussianNoise(a.Number("min_amplitude", DefaultMinAmplitude), a.Number("max_amplitude", DefaultMaxAmplitude), a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("min_amplitude", MinAmplitude), new("max_amplitude", MaxAmplitude), .. CommonParameters.Values(P, Mode)];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override AddGaussianNoiseParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) =>
        new() { Amplitude = (float)random.Uniform(MinAmplitude, MaxAmplitude) };

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<AddGaussianNoiseParameters> parameters, ReadOnlySpan<bool> applied)
    {
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                GaussianNoise.AddScaled(clip.Channel(c), parameters[c].Amplitude, clip.Key, clip.Node, clip.ExampleId, (uint)c, 0);
            }
        }
    }
}
