using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>Validation and draws shared by the four filter transforms.</summary>
internal static class FilterChecks
{
    /// <summary>The steepest roll-off, dB/octave: Butterworth order <see cref="Dsp.ButterworthDesign.MaxOrder"/>.</summary>
    public const int MaxRolloffDbPerOctave = 6 * Dsp.ButterworthDesign.MaxOrder;

    /// <summary>The most FIR taps (direct convolution costs one multiply-add per tap and sample).</summary>
    public const int MaxFirTaps = 4095;

    /// <summary>
    /// Roll-offs are positive multiples of 6 dB/octave (of 12 for zero-phase Butterworth, whose two passes
    /// double the roll-off of an order rolloff/12 design, as audiomentations requires), min &lt;= max &lt;= 96.
    /// </summary>
    public static void Rolloff(int minRolloffDbPerOctave, int maxRolloffDbPerOctave, bool zeroPhase, FilterDesign design)
    {
        int step = Step(zeroPhase, design);
        RolloffValue(minRolloffDbPerOctave, step, nameof(minRolloffDbPerOctave));
        RolloffValue(maxRolloffDbPerOctave, step, nameof(maxRolloffDbPerOctave));
        if (minRolloffDbPerOctave > maxRolloffDbPerOctave)
        {
            throw new ArgumentException($"minRolloffDbPerOctave ({minRolloffDbPerOctave}) must not exceed maxRolloffDbPerOctave ({maxRolloffDbPerOctave}).", nameof(minRolloffDbPerOctave));
        }
    }

    /// <summary>A known design and, for FIR, an odd tap count in [3, <see cref="MaxFirTaps"/>].</summary>
    public static void Design(FilterDesign design, int firTaps)
    {
        if (!Enum.IsDefined(design))
        {
            throw new ArgumentOutOfRangeException(nameof(design), design, "Unknown filter design.");
        }

        if (firTaps < 3 || firTaps > MaxFirTaps || firTaps % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(firTaps), firTaps, $"firTaps must be odd and in [3, {MaxFirTaps}] (odd, so that the linear-phase kernel has a centre tap).");
        }
    }

    /// <summary>Positive, finite frequencies with min &lt;= max.</summary>
    public static void FrequencyRange(double min, double max, string minName, string maxName)
    {
        Check.Positive(min, minName);
        Check.Positive(max, maxName);
        Check.Range(min, max, minName, maxName);
    }

    /// <summary>Bandwidth fractions in (0, 2) with min &lt;= max (at 2 the lower edge would reach 0 Hz).</summary>
    public static void BandwidthFractions(double minBandwidthFraction, double maxBandwidthFraction)
    {
        Check.Finite(minBandwidthFraction, nameof(minBandwidthFraction));
        Check.Finite(maxBandwidthFraction, nameof(maxBandwidthFraction));
        if (!(minBandwidthFraction > 0 && minBandwidthFraction < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(minBandwidthFraction), minBandwidthFraction, "minBandwidthFraction must lie in (0, 2).");
        }

        if (!(maxBandwidthFraction > 0 && maxBandwidthFraction < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(maxBandwidthFraction), maxBandwidthFraction, "maxBandwidthFraction must lie in (0, 2): at 2 the band's lower edge reaches 0 Hz.");
        }

        Check.Range(minBandwidthFraction, maxBandwidthFraction, nameof(minBandwidthFraction), nameof(maxBandwidthFraction));
    }

    /// <summary>Throws when <paramref name="highestHz"/> is at or above the Nyquist frequency of <paramref name="sampleRate"/>.</summary>
    public static void BelowNyquist(double highestHz, int sampleRate, string parameter, string what)
    {
        if (!(highestHz < sampleRate / 2.0))
        {
            throw new ArgumentException(
                $"{what} ({highestHz} Hz) must lie below the Nyquist frequency ({sampleRate / 2.0} Hz) of the batch's sample rate ({sampleRate} Hz); lower {parameter} or resample the audio.",
                parameter);
        }
    }

    /// <summary>
    /// A roll-off drawn as audiomentations draws it: an integer k uniform in [min / step, max / step],
    /// times step (12 for zero-phase Butterworth, else 6).
    /// </summary>
    public static float DrawRolloff(ref ParameterRandom random, int min, int max, bool zeroPhase, FilterDesign design)
    {
        int step = Step(zeroPhase, design);
        return step * ((min / step) + random.NextInt((max / step) - (min / step) + 1));
    }

    /// <summary>The Butterworth order of a drawn roll-off: rolloff / 6, or rolloff / 12 for the two passes of zero phase.</summary>
    public static int Order(float rolloffDbPerOctave, bool zeroPhase) => (int)rolloffDbPerOctave / (zeroPhase ? 12 : 6);

    private static int Step(bool zeroPhase, FilterDesign design) => zeroPhase && design == FilterDesign.Butterworth ? 12 : 6;

    private static void RolloffValue(int value, int step, string name)
    {
        if (value < step || value % step != 0 || value > MaxRolloffDbPerOctave)
        {
            string which = step == 12 ? "a multiple of 12 (zero-phase Butterworth filters run twice)" : "a multiple of 6";
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be {which} in [{step}, {MaxRolloffDbPerOctave}] dB/octave.");
        }
    }
}
