using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// Adds white Gaussian noise at a random signal-to-noise ratio drawn uniformly in dB (audiomentations'
/// AddGaussianSNR; pipeline files and the CLI call it "AddGaussianSNR").
/// </summary>
/// <remarks>
/// <para>
/// y = x + k n, with n[t] = <see cref="GaussianNoise.Sample"/>(key, node, example id, channel, t) (its own
/// stream per channel) and k = <see cref="NoiseMixing.SnrNoiseScale"/>(sum x^2, sum n^2, snr): the sums run
/// over the valid samples of all the clip's channels in per-example and per-batch modes (one SNR for the
/// clip) and of each channel alone in per-channel mode. snr ~ U[MinSnrDb, MaxSnrDb].
/// </para>
/// <para>
/// Why scale by the generated noise's measured power rather than its theoretical one (k = rms(x) 10^(-snr/20),
/// as audiomentations does): the measured power of N Gaussian samples has a relative spread of sqrt(2 / N),
/// about 0.013 dB at 5 s of 44.1 kHz audio and 0.2 dB at 20 ms, so the theoretical scale misses the requested
/// SNR by a random amount. Measuring makes the achieved SNR (10 log10 of the signal's power over the power of
/// the noise actually added) equal the drawn one up to float rounding. The noise is a pure function of its
/// coordinates, so a GPU can generate it once for the power reduction and again for the addition; the CPU
/// keeps it in per-worker scratch between the two passes.
/// </para>
/// <para>A silent clip (zero power) gets no noise and stays silent, as in audiomentations.</para>
/// </remarks>
public sealed class AddGaussianSnr : AudioTransform<AddGaussianSnrParameters>
{
    /// <summary>The transform's name in pipeline files and the CLI (audiomentations' spelling).</summary>
    public const string TransformName = "AddGaussianSNR";

    /// <summary>Default smallest SNR, dB.</summary>
    public const double DefaultMinSnrDb = 5;

    /// <summary>Default largest SNR, dB.</summary>
    public const double DefaultMaxSnrDb = 40;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a Gaussian-noise-at-an-SNR transform.</summary>
    /// <param name="minSnrDb">Smallest signal-to-noise ratio in dB (lower means more noise), finite.</param>
    /// <param name="maxSnrDb">Largest signal-to-noise ratio in dB, finite, at least <paramref name="minSnrDb"/>.</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default) or per batch: one SNR per clip over all channels; per channel: per channel.</param>
    public AddGaussianSnr(double minSnrDb = DefaultMinSnrDb, double maxSnrDb = DefaultMaxSnrDb, double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
        Check.Range(minSnrDb, maxSnrDb, nameof(minSnrDb), nameof(maxSnrDb));
        MinSnrDb = minSnrDb;
        MaxSnrDb = maxSnrDb;
    }

    /// <summary>Smallest SNR, dB.</summary>
    public double MinSnrDb { get; }

    /// <summary>Largest SNR, dB.</summary>
    public double MaxSnrDb { get; }

    /// <inheritdoc/>
    public override string Name => TransformName;

    /// <summary>Describes AddGaussianSNR for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        TransformName,
        "Adds white Gaussian noise at a random signal-to-noise ratio.",
        [
            new("min_snr_db", ParameterKind.Number, DefaultMinSnrDb, "Smallest signal-to-noise ratio, dB (lower means more noise)."),
            new("max_snr_db", ParameterKind.Number, DefaultMaxSnrDb, "Largest signal-to-noise ratio, dB, >= min_snr_db."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new AddGaussianSnr(a.Number("min_snr_db", DefaultMinSnrDb), a.Number("max_snr_db", DefaultMaxSnrDb), a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("min_snr_db", MinSnrDb), new("max_snr_db", MaxSnrDb), .. CommonParameters.Values(P, Mode)];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override AddGaussianSnrParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) =>
        new() { SnrDb = (float)random.Uniform(MinSnrDb, MaxSnrDb) };

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<AddGaussianSnrParameters> parameters, ReadOnlySpan<bool> applied)
    {
        int length = clip.Length;
        if (Mode == TransformMode.PerChannel)
        {
            Span<float> noise = clip.Scratch.Floats(length);
            for (int c = 0; c < clip.Channels; c++)
            {
                if (applied[c])
                {
                    Span<float> x = clip.Channel(c);
                    GaussianNoise.Fill(noise, clip.Key, clip.Node, clip.ExampleId, (uint)c, 0);
                    float scale = NoiseMixing.SnrNoiseScale(TensorPrimitives.SumOfSquares(x), TensorPrimitives.SumOfSquares(noise), parameters[c].SnrDb);
                    CacheFriendlyKernels.MultiplyAdd(x, noise, scale);
                }
            }

            return;
        }

        // One SNR for the clip: both powers over all its (applied) channels, the noise kept per channel.
        Span<float> all = clip.Scratch.Floats(clip.Channels * length);
        float signal = 0, noisePower = 0, snrDb = 0;
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                Span<float> noise = all.Slice(c * length, length);
                GaussianNoise.Fill(noise, clip.Key, clip.Node, clip.ExampleId, (uint)c, 0);
                signal += TensorPrimitives.SumOfSquares(clip.Channel(c));
                noisePower += TensorPrimitives.SumOfSquares(noise);
                snrDb = parameters[c].SnrDb;
            }
        }

        float k = NoiseMixing.SnrNoiseScale(signal, noisePower, snrDb);
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                Span<float> x = clip.Channel(c);
                CacheFriendlyKernels.MultiplyAdd(x, all.Slice(c * length, length), k);
            }
        }
    }
}
