using System.Runtime.CompilerServices;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// Peak normalisation (audiomentations' Normalize): scales each clip so that its largest absolute sample
/// becomes 1 (0 dBFS).
/// </summary>
/// <remarks>
/// <para>
/// y = x * k with k = <see cref="PeakFactor"/>(peak): the reciprocal of the peak, nudged up one ulp when that
/// makes peak * k round to exactly 1. So the new peak is 1 (or, in rare cases, 1 - 2^-24) and never above:
/// |x| &lt;= peak implies |x * k| &lt;= fl(peak * k) &lt;= 1, because rounding is monotonic. (A division would give
/// the same guarantee at several times the cost.)
/// </para>
/// <para>
/// The peak is max |x| over the valid samples of all channels of the clip in per-example and per-batch
/// modes (one gain per clip keeps the channels' balance, as audiomentations does), and over each channel
/// alone in per-channel mode. A silent clip (peak 0) stays silent: k = 1, nothing is divided by zero. With
/// <see cref="NormalizeApplyTo.OnlyTooLoudSounds"/>, a clip whose peak is below 1 is left bit-identical.
/// NaN or infinite input (kept by <see cref="NonFiniteInputPolicy.Propagate"/>) gives a NaN or infinite
/// peak and IEEE arithmetic carries it through (the clip becomes NaN or zeros, as numpy's division would).
/// </para>
/// </remarks>
public sealed class Normalize : AudioTransform<NormalizeParameters>
{
    /// <summary>Default target set.</summary>
    public const NormalizeApplyTo DefaultApplyTo = NormalizeApplyTo.All;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Makes a peak normalisation.</summary>
    /// <param name="applyTo">All clips (default) or only those whose peak is at least 1.</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default) and per batch: one gain per clip; per channel: one gain per channel.</param>
    public Normalize(NormalizeApplyTo applyTo = DefaultApplyTo, double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
        if (!Enum.IsDefined(applyTo))
        {
            throw new ArgumentOutOfRangeException(nameof(applyTo), applyTo, "Unknown apply_to value.");
        }

        ApplyTo = applyTo;
    }

    /// <summary>Which clips are changed.</summary>
    public NormalizeApplyTo ApplyTo { get; }

    /// <inheritdoc/>
    public override string Name => nameof(Normalize);

    /// <summary>Describes Normalize for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(Normalize),
        "Scales the audio so that its peak is 1 (peak normalisation).",
        [
            new("apply_to", ParameterKind.Choice, "all", "all, or only_too_loud_sounds: scale only clips whose peak is at least 1."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new Normalize(a.Choice("apply_to", DefaultApplyTo), a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <summary>
    /// The factor a clip (or channel) with peak |x| <paramref name="peak"/> is multiplied by: 1 when it must stay as
    /// it is (peak 0, or below 1 with <see cref="NormalizeApplyTo.OnlyTooLoudSounds"/>), else the reciprocal of
    /// the peak, rounded so that peak * factor is 1 whenever a float allows it. What the GPU computes per clip
    /// after its peak reduction.
    /// </summary>
    public static float PeakFactor(float peak, NormalizeApplyTo applyTo)
    {
        if (peak == 0 || (applyTo == NormalizeApplyTo.OnlyTooLoudSounds && peak < 1))
        {
            return 1f;
        }

        float factor = 1f / peak;
        if (peak * factor > 1f)
        {
            // Never with a correctly rounded division (peak * fl(1 / peak) rounds to 1 or 1 - 2^-24), but a GPU's
            // fast reciprocal may be an ulp high; step down so that the new peak stays at most 1 on every device.
            factor = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(factor) - 1);
        }

        if (peak * factor != 1f)
        {
            // fl(1/peak) can leave peak * factor at 1 - 2^-24; the next float up often lands on exactly 1.
            float up = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(factor) + 1);
            if (peak * up == 1f)
            {
                factor = up;
            }
        }

        return factor;
    }

    /// <summary>One output sample; what each GPU thread computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NormalizeSample(float sample, float factor) => sample * factor;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("apply_to", Naming.ToSnakeCase(ApplyTo.ToString())), .. CommonParameters.Values(P, Mode)];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override NormalizeParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) => default;

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<NormalizeParameters> parameters, ReadOnlySpan<bool> applied)
    {
        if (Mode == TransformMode.PerChannel)
        {
            for (int c = 0; c < clip.Channels; c++)
            {
                if (applied[c])
                {
                    Scale(clip.Channel(c), PeakFactor(Peak(clip.Channel(c)), ApplyTo));
                }
            }

            return;
        }

        float peak = 0;
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                float channelPeak = Peak(clip.Channel(c));

                // MathF.Max propagates NaN, so a NaN anywhere makes the whole clip's peak NaN.
                peak = MathF.Max(peak, channelPeak);
            }
        }

        float factor = PeakFactor(peak, ApplyTo);
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                Scale(clip.Channel(c), factor);
            }
        }
    }

    /// <summary>max |x| (NaN if any sample is NaN; 0 for an empty span).</summary>
    private static float Peak(ReadOnlySpan<float> samples) => CacheFriendlyKernels.MaxMagnitude(samples);

    private static void Scale(Span<float> samples, float factor)
    {
        // Factor 1 means "leave as is": skipping keeps the clip bit-identical and saves a pass.
        if (factor != 1f)
        {
            CacheFriendlyKernels.Multiply(samples, factor);
        }
    }
}
