using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// Adds coloured noise, Gaussian noise whose power spectral density falls or rises by a random number of
/// dB per octave, at a random signal-to-noise ratio (audiomentations' AddColorNoise).
/// </summary>
/// <remarks>
/// <para>
/// Per example: snr ~ U[MinSnrDb, MaxSnrDb], d ~ U[MinFDecayDbPerOctave, MaxFDecayDbPerOctave] (-3.01 pink,
/// -6.02 brown, 0 white, +3.01 blue, +6.02 violet), and A-weighting with probability PApplyAWeighting,
/// drawn in that order.
/// </para>
/// <para>
/// Noise: the white stream w[i] = <see cref="GaussianNoise.Sample"/>(key, node, example id, channel, i)
/// (its own stream per channel) through the shaping filter g of <see cref="ColorNoiseShaping"/>
/// (nFft + 1 symmetric taps designed from the f^(d / 6.02) envelope):
/// n[t] = sum_{m=0}^{nFft} g[m] w[t + m], t in [0, L). No FFT over the whole clip (audiomentations convolves
/// by FFT): a short FIR that a GPU runs per example in shared memory.
/// </para>
/// <para>
/// Mixing: y = x + k n with k = <see cref="NoiseMixing.SnrNoiseScale"/>(sum x^2, sum n^2, snr), the sums over
/// the valid samples of all the clip's channels (per-example and per-batch modes) or of each channel
/// (per-channel mode). Scaling by the noise's measured power (as audiomentations normalises its coloured
/// noise to unit RMS) makes the achieved SNR equal the drawn one up to float rounding; coloured noise needs
/// it even more than white, because its power estimate converges more slowly. A silent clip stays silent.
/// </para>
/// </remarks>
public sealed class AddColorNoise : AudioTransform<AddColorNoiseParameters>
{
    /// <summary>Default smallest SNR, dB.</summary>
    public const double DefaultMinSnrDb = 5;

    /// <summary>Default largest SNR, dB.</summary>
    public const double DefaultMaxSnrDb = 40;

    /// <summary>Default smallest spectral slope, dB per octave.</summary>
    public const double DefaultMinFDecayDbPerOctave = -6;

    /// <summary>Default largest spectral slope, dB per octave.</summary>
    public const double DefaultMaxFDecayDbPerOctave = 6;

    /// <summary>Default probability of A-weighting the noise.</summary>
    public const double DefaultPApplyAWeighting = 0;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    /// <summary>Default envelope DFT size (the filter has one tap more).</summary>
    public const int DefaultNFft = 128;

    /// <summary>Largest accepted nFft: the filter costs nFft + 1 multiply-adds per sample.</summary>
    public const int MaxNFft = 4096;

    /// <summary>Makes a coloured-noise transform.</summary>
    /// <param name="minSnrDb">Smallest signal-to-noise ratio in dB (lower means more noise), finite.</param>
    /// <param name="maxSnrDb">Largest signal-to-noise ratio in dB, at least <paramref name="minSnrDb"/>.</param>
    /// <param name="minFDecayDbPerOctave">Smallest slope of the noise's power spectrum, dB per octave, finite.</param>
    /// <param name="maxFDecayDbPerOctave">Largest slope, dB per octave, at least <paramref name="minFDecayDbPerOctave"/>.</param>
    /// <param name="pApplyAWeighting">Probability of A-weighting the noise as well, in [0, 1] (grey noise when the slope is 0).</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="nFft">Size of the DFT on whose bins the spectral envelope is sampled: even, in [2, 4096]. The slope holds from about 2 sampleRate / nFft up to Nyquist; larger values reach lower frequencies (and suit A-weighting) at nFft + 1 multiply-adds per sample.</param>
    /// <param name="mode">Per example (default) or per batch: one draw and one SNR per clip over all channels; per channel: per channel.</param>
    public AddColorNoise(
        double minSnrDb = DefaultMinSnrDb,
        double maxSnrDb = DefaultMaxSnrDb,
        double minFDecayDbPerOctave = DefaultMinFDecayDbPerOctave,
        double maxFDecayDbPerOctave = DefaultMaxFDecayDbPerOctave,
        double pApplyAWeighting = DefaultPApplyAWeighting,
        double p = DefaultP,
        int nFft = DefaultNFft,
        TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
        Check.Range(minSnrDb, maxSnrDb, nameof(minSnrDb), nameof(maxSnrDb));
        Check.Range(minFDecayDbPerOctave, maxFDecayDbPerOctave, nameof(minFDecayDbPerOctave), nameof(maxFDecayDbPerOctave));
        if (!(pApplyAWeighting >= 0 && pApplyAWeighting <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pApplyAWeighting), pApplyAWeighting, "pApplyAWeighting is a probability and must lie in [0, 1].");
        }

        if (nFft < 2 || nFft > MaxNFft || (nFft & 1) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nFft), nFft, $"nFft must be even and in [2, {MaxNFft}].");
        }

        MinSnrDb = minSnrDb;
        MaxSnrDb = maxSnrDb;
        MinFDecayDbPerOctave = minFDecayDbPerOctave;
        MaxFDecayDbPerOctave = maxFDecayDbPerOctave;
        PApplyAWeighting = pApplyAWeighting;
        NFft = nFft;
    }

    /// <summary>Smallest SNR, dB.</summary>
    public double MinSnrDb { get; }

    /// <summary>Largest SNR, dB.</summary>
    public double MaxSnrDb { get; }

    /// <summary>Smallest spectral slope, dB per octave.</summary>
    public double MinFDecayDbPerOctave { get; }

    /// <summary>Largest spectral slope, dB per octave.</summary>
    public double MaxFDecayDbPerOctave { get; }

    /// <summary>Probability of A-weighting the noise.</summary>
    public double PApplyAWeighting { get; }

    /// <summary>The envelope's DFT size; the shaping filter has NFft + 1 taps.</summary>
    public int NFft { get; }

    /// <inheritdoc/>
    public override string Name => nameof(AddColorNoise);

    /// <summary>Describes AddColorNoise for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(AddColorNoise),
        "Adds coloured (pink, brown, blue, ...) Gaussian noise at a random signal-to-noise ratio.",
        [
            new("min_snr_db", ParameterKind.Number, DefaultMinSnrDb, "Smallest signal-to-noise ratio, dB (lower means more noise)."),
            new("max_snr_db", ParameterKind.Number, DefaultMaxSnrDb, "Largest signal-to-noise ratio, dB, >= min_snr_db."),
            new("min_f_decay_db_per_octave", ParameterKind.Number, DefaultMinFDecayDbPerOctave, "Smallest slope of the noise's power spectrum, dB/octave (-3.01 pink, -6.02 brown, 3.01 blue)."),
            new("max_f_decay_db_per_octave", ParameterKind.Number, DefaultMaxFDecayDbPerOctave, "Largest slope, dB/octave, >= min_f_decay_db_per_octave."),
            new("p_apply_a_weighting", ParameterKind.Number, DefaultPApplyAWeighting, "Probability of A-weighting the noise too, in [0, 1]."),
            CommonParameters.Probability(DefaultP),
            new("n_fft", ParameterKind.Integer, DefaultNFft, "DFT size of the spectral envelope: even, in [2, 4096]; the slope holds from about 2 * sample_rate / n_fft upwards."),
            CommonParameters.Mode,
        ],
        a => new AddColorNoise(
            a.Number("min_snr_db", DefaultMinSnrDb),
            a.Number("max_snr_db", DefaultMaxSnrDb),
            a.Number("min_f_decay_db_per_octave", DefaultMinFDecayDbPerOctave),
            a.Number("max_f_decay_db_per_octave", DefaultMaxFDecayDbPerOctave),
            a.Number("p_apply_a_weighting", DefaultPApplyAWeighting),
            a.Number("p", DefaultP),
            a.Integer("n_fft", DefaultNFft),
            a.Choice("mode", TransformMode.PerExample)));

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
    [
        new("min_snr_db", MinSnrDb),
        new("max_snr_db", MaxSnrDb),
        new("min_f_decay_db_per_octave", MinFDecayDbPerOctave),
        new("max_f_decay_db_per_octave", MaxFDecayDbPerOctave),
        new("p_apply_a_weighting", PApplyAWeighting),
        new("n_fft", NFft),
        .. CommonParameters.Values(P, Mode),
    ];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override AddColorNoiseParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) => new()
    {
        SnrDb = (float)random.Uniform(MinSnrDb, MaxSnrDb),
        DecayDbPerOctave = (float)random.Uniform(MinFDecayDbPerOctave, MaxFDecayDbPerOctave),
        AWeighting = random.Bernoulli(PApplyAWeighting) ? 1f : 0f,
    };

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<AddColorNoiseParameters> parameters, ReadOnlySpan<bool> applied)
    {
        int length = clip.Length;
        int tapCount = ColorNoiseShaping.TapCount(NFft);
        Span<double> work = clip.Scratch.Doubles(ColorNoiseShaping.WorkLength(NFft));
        Span<float> both = clip.Scratch.Floats(tapCount + length + NFft);
        Span<float> taps = both[..tapCount];
        Span<float> white = both[tapCount..];
        if (Mode == TransformMode.PerChannel)
        {
            Span<float> noise = clip.Scratch.MoreFloats(length);
            for (int c = 0; c < clip.Channels; c++)
            {
                if (applied[c])
                {
                    Design(taps, work, parameters[c], clip.SampleRate);
                    Colour(clip, c, taps, white, noise);
                    Span<float> x = clip.Channel(c);
                    float scale = NoiseMixing.SnrNoiseScale(TensorPrimitives.SumOfSquares(x), TensorPrimitives.SumOfSquares(noise), parameters[c].SnrDb);
                    CacheFriendlyKernels.MultiplyAdd(x, noise, scale);
                }
            }

            return;
        }

        // One draw for the clip: one filter, both powers over all its (applied) channels, the noise kept per channel.
        int first = applied.IndexOf(true);
        Design(taps, work, parameters[first], clip.SampleRate);
        Span<float> all = clip.Scratch.MoreFloats(clip.Channels * length);
        float signal = 0, noisePower = 0;
        for (int c = first; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                Span<float> noise = all.Slice(c * length, length);
                Colour(clip, c, taps, white, noise);
                signal += TensorPrimitives.SumOfSquares(clip.Channel(c));
                noisePower += TensorPrimitives.SumOfSquares(noise);
            }
        }

        float k = NoiseMixing.SnrNoiseScale(signal, noisePower, parameters[first].SnrDb);
        for (int c = first; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                Span<float> x = clip.Channel(c);
                CacheFriendlyKernels.MultiplyAdd(x, all.Slice(c * length, length), k);
            }
        }
    }

    private void Design(Span<float> taps, Span<double> work, in AddColorNoiseParameters parameters, int sampleRate) =>
        ColorNoiseShaping.Design(taps, work, parameters.DecayDbPerOctave, parameters.AWeighting != 0, sampleRate, NFft);

    /// <summary>Channel <paramref name="channel"/>'s white stream, samples [0, L + nFft), through the filter into <paramref name="noise"/>.</summary>
    private static void Colour(in CpuClip clip, int channel, ReadOnlySpan<float> taps, Span<float> white, Span<float> noise)
    {
        GaussianNoise.Fill(white, clip.Key, clip.Node, clip.ExampleId, (uint)channel, 0);
        FirCorrelation.Apply(white, taps, noise);
    }
}
