using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Limits every sample to [AMin, AMax] (audiomentations' Clip): a cheap, harsh limiter.</summary>
/// <remarks>
/// y = x &lt; AMin ? AMin : (x &gt; AMax ? AMax : x), exact (<see cref="ClipSample"/>). NaN stays NaN (both comparisons are
/// false), like numpy.clip; -0 stays -0 when AMin = 0. The bounds are given as doubles and applied as the
/// nearest floats.
/// </remarks>
public sealed class Clip : AudioTransform<ClipParameters>
{
    /// <summary>Default lower bound.</summary>
    public const double DefaultAMin = -1;

    /// <summary>Default upper bound.</summary>
    public const double DefaultAMax = 1;

    /// <summary>Default probability.</summary>
    public const double DefaultP = 0.5;

    private readonly float _min;
    private readonly float _max;

    /// <summary>Makes a clip transform.</summary>
    /// <param name="aMin">Lower bound (full scale is 1), finite.</param>
    /// <param name="aMax">Upper bound, finite, at least <paramref name="aMin"/> (audiomentations asks for more; equal bounds give a constant, which is allowed here).</param>
    /// <param name="p">Probability of applying, in [0, 1].</param>
    /// <param name="mode">Per example (default), per batch or per channel: only the decision is drawn.</param>
    public Clip(double aMin = DefaultAMin, double aMax = DefaultAMax, double p = DefaultP, TransformMode mode = TransformMode.PerExample)
        : base(p, mode)
    {
        Check.Range(aMin, aMax, nameof(aMin), nameof(aMax));
        AMin = aMin;
        AMax = aMax;
        _min = (float)aMin;
        _max = (float)aMax;
    }

    /// <summary>Lower bound.</summary>
    public double AMin { get; }

    /// <summary>Upper bound.</summary>
    public double AMax { get; }

    /// <inheritdoc/>
    public override string Name => nameof(Clip);

    /// <summary>Describes Clip for pipeline files and the CLI.</summary>
    public static TransformDescriptor Descriptor { get; } = new(
        nameof(Clip),
        "Limits the samples to [a_min, a_max].",
        [
            new("a_min", ParameterKind.Number, DefaultAMin, "Lower bound (full scale is 1)."),
            new("a_max", ParameterKind.Number, DefaultAMax, "Upper bound, >= a_min."),
            CommonParameters.Probability(DefaultP),
            CommonParameters.Mode,
        ],
        a => new Clip(a.Number("a_min", DefaultAMin), a.Number("a_max", DefaultAMax), a.Number("p", DefaultP), a.Choice("mode", TransformMode.PerExample)));

    /// <summary>One output sample: <paramref name="sample"/> limited to [<paramref name="min"/>, <paramref name="max"/>]; what each GPU thread computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ClipSample(float sample, float min, float max) => sample < min ? min : sample > max ? max : sample;

    /// <inheritdoc/>
    public override IReadOnlyList<KeyValuePair<string, object>> GetParameterValues() =>
        [new("a_min", AMin), new("a_max", AMax), .. CommonParameters.Values(P, Mode)];

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // sampled every call: see PlanSampler
    protected internal override ClipParameters SampleParameters(ref ParameterRandom random, in SamplingContext context) => default;

    internal override void ProcessCpu(in CpuClip clip, ReadOnlySpan<ClipParameters> parameters, ReadOnlySpan<bool> applied)
    {
        for (int c = 0; c < clip.Channels; c++)
        {
            if (applied[c])
            {
                ClipInPlace(clip.Channel(c), _min, _max);
            }
        }
    }

    /// <summary>Applies <see cref="ClipSample"/> to every sample, eight at a time.</summary>
    internal static void ClipInPlace(Span<float> samples, float min, float max)
    {
        ref float x = ref MemoryMarshal.GetReference(samples);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> low = Vector256.Create(min), high = Vector256.Create(max);
            for (; samples.Length - i >= Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref x, (nuint)i);
                v = Vector256.ConditionalSelect(Vector256.LessThan(v, low), low, Vector256.ConditionalSelect(Vector256.GreaterThan(v, high), high, v));
                v.StoreUnsafe(ref x, (nuint)i);
            }
        }

        for (; i < samples.Length; i++)
        {
            Unsafe.Add(ref x, i) = ClipSample(Unsafe.Add(ref x, i), min, max);
        }
    }
}
