using System.Numerics.Tensors;

namespace FastAudiomentations;

/// <summary>
/// A band-limited sample-rate converter for any pair of integer rates: a Kaiser-windowed sinc low-pass
/// evaluated in polyphase form.
/// </summary>
/// <remarks>
/// <para>Output sample k sits at input time tau = k * InputRate / OutputRate and is
/// y[k] = sum over j of x[j] * h(tau - j), with x = 0 outside the input and
/// h(t) = 2 fc sinc(2 fc t) * w(t / W), where fc = <see cref="CutoffHz"/> / InputRate (cycles per input
/// sample), sinc(u) = sin(pi u) / (pi u), and w is the Kaiser window I0(beta sqrt(1 - u^2)) / I0(beta) on
/// |u| &lt;= 1 (zero outside). The filter is zero-phase, so output time k / OutputRate lines up with the
/// input. Each phase's taps are normalised to sum to 1, so DC passes exactly.</para>
/// <para>Design (Kaiser's formulas, Oppenheim and Schafer, "Discrete-Time Signal Processing", 3rd ed.,
/// section 7.6): stopband from the lower of the two Nyquist frequencies up, attenuated by at least
/// <see cref="StopbandAttenuationDb"/> dB (beta = 0.1102 (A - 8.7)); passband flat to
/// <see cref="PassbandEdge"/> of that Nyquist frequency (ripple about 1e-4 dB); cutoff midway between.
/// Half-width W = (A - 7.95) / (2 * 14.36 * transition) samples of the lower rate.</para>
/// <para>With L = OutputRate / g and M = InputRate / g (g their greatest common divisor) the output times fall
/// on L phases between input samples. When L &lt;= <see cref="MaxExactPhases"/> each phase has its own exact
/// taps; otherwise a table of <see cref="InterpolatedPhases"/> + 1 phases is interpolated linearly between
/// neighbours (error below -100 dB). Output length: round(n * OutputRate / InputRate), halves rounded up.
/// Equal rates copy the input. Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class Resampler
{
    /// <summary>Minimum attenuation above the lower Nyquist frequency, dB.</summary>
    public const double StopbandAttenuationDb = 80;

    /// <summary>The passband ends at this fraction of the lower Nyquist frequency.</summary>
    public const double PassbandEdge = 0.9;

    /// <summary>Rate pairs needing more phases than this use an interpolated table.</summary>
    public const int MaxExactPhases = 1024;

    /// <summary>Phases of the interpolated table.</summary>
    public const int InterpolatedPhases = 512;

    private readonly int _l;
    private readonly int _m;
    private readonly int _k;
    private readonly int _phases;
    private readonly bool _interpolate;
    private readonly float[] _taps;

    /// <summary>Designs the filter for one rate pair.</summary>
    /// <param name="inputRate">Input sample rate, Hz, positive.</param>
    /// <param name="outputRate">Output sample rate, Hz, positive.</param>
    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        InputRate = inputRate;
        OutputRate = outputRate;
        int g = (int)System.Numerics.BigInteger.GreatestCommonDivisor(inputRate, outputRate);
        _l = outputRate / g;
        _m = inputRate / g;
        double lowerNyquist = Math.Min(inputRate, outputRate) / 2.0;
        CutoffHz = lowerNyquist * (1 + PassbandEdge) / 2;
        if (inputRate == outputRate)
        {
            _taps = [];
            return;
        }

        // Half-width in samples of the lower rate, then in input samples.
        double transition = (1 - PassbandEdge) / 2;
        double halfWidthLow = (StopbandAttenuationDb - 7.95) / (2 * 14.36 * transition);
        double halfWidth = halfWidthLow * inputRate / Math.Min(inputRate, outputRate);
        _k = (int)Math.Ceiling(halfWidth) + 1;
        TapsPerPhase = 2 * _k;
        _interpolate = _l > MaxExactPhases;
        _phases = _interpolate ? InterpolatedPhases : _l;
        int rows = _interpolate ? _phases + 1 : _phases;
        _taps = new float[rows * TapsPerPhase];
        double fc = CutoffHz / inputRate;
        double beta = 0.1102 * (StopbandAttenuationDb - 8.7);
        double i0Beta = BesselI0(beta);
        var row = new double[TapsPerPhase];
        for (int p = 0; p < rows; p++)
        {
            // Tap i multiplies x[q - K + 1 + i]; its distance from tau = q + phi is t = phi + K - 1 - i.
            double phi = (double)p / _phases;
            double sum = 0;
            for (int i = 0; i < TapsPerPhase; i++)
            {
                double t = phi + _k - 1 - i;
                double u = t / halfWidth;
                double window = Math.Abs(u) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - (u * u))) / i0Beta;
                double arg = 2 * fc * t;
                double sinc = arg == 0 ? 1 : Math.Sin(Math.PI * arg) / (Math.PI * arg);
                row[i] = 2 * fc * sinc * window;
                sum += row[i];
            }

            for (int i = 0; i < TapsPerPhase; i++)
            {
                _taps[(p * TapsPerPhase) + i] = (float)(row[i] / sum);
            }
        }
    }

    /// <summary>Input sample rate, Hz.</summary>
    public int InputRate { get; }

    /// <summary>Output sample rate, Hz.</summary>
    public int OutputRate { get; }

    /// <summary>The low-pass cutoff (the sinc's edge), Hz: midway between the passband edge and the lower Nyquist frequency.</summary>
    public double CutoffHz { get; }

    /// <summary>Taps per output sample (0 when the rates are equal).</summary>
    public int TapsPerPhase { get; }

    /// <summary>round(<paramref name="inputLength"/> * outputRate / inputRate), halves rounded up.</summary>
    public static long OutputLength(long inputLength, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        return (long)((((Int128)inputLength * outputRate * 2) + inputRate) / ((Int128)inputRate * 2));
    }

    /// <summary>Output samples for <paramref name="inputLength"/> input samples.</summary>
    public int GetOutputLength(int inputLength)
    {
        long length = OutputLength(inputLength, InputRate, OutputRate);
        return length > Array.MaxLength ? throw new ArgumentOutOfRangeException(nameof(inputLength), inputLength, "The output would be too long for one array.") : (int)length;
    }

    /// <summary>Resamples one channel in a single call (designs a filter each time; keep a <see cref="Resampler"/> to reuse it).</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int inputRate, int outputRate) =>
        new Resampler(inputRate, outputRate).Process(input);

    /// <summary>Resamples one channel into a new array.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        var output = new float[GetOutputLength(input.Length)];
        Process(input, output);
        return output;
    }

    /// <summary>Resamples every channel of <paramref name="audio"/>, whose rate must be <see cref="InputRate"/>.</summary>
    public AudioData Process(AudioData audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.SampleRate != InputRate)
        {
            throw new ArgumentException($"The audio is at {audio.SampleRate} Hz; this resampler takes {InputRate} Hz.", nameof(audio));
        }

        var channels = new float[audio.ChannelCount][];
        for (int c = 0; c < channels.Length; c++)
        {
            channels[c] = Process(audio.Channels[c]);
        }

        return new AudioData(channels, OutputRate);
    }

    /// <summary>Resamples <paramref name="input"/> into <paramref name="output"/>, which must hold exactly <see cref="GetOutputLength"/> samples.</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        int expected = GetOutputLength(input.Length);
        if (output.Length != expected)
        {
            throw new ArgumentException($"The output must hold {expected} samples for {input.Length} input samples; it holds {output.Length}.", nameof(output));
        }

        if (InputRate == OutputRate)
        {
            input.CopyTo(output);
            return;
        }

        int taps = TapsPerPhase;
        long q = 0;
        int r = 0;
        int stepWhole = _m / _l;
        int stepPart = _m % _l;
        for (int k = 0; k < output.Length; k++)
        {
            // tau = q + r / L, kept exact in integers.
            long first = q - _k + 1;
            int lo = (int)Math.Max(0, -first);
            int hi = (int)Math.Min(taps, input.Length - first);
            float y = 0;
            if (hi > lo)
            {
                ReadOnlySpan<float> x = input.Slice((int)(first + lo), hi - lo);
                if (_interpolate)
                {
                    double position = (double)r * _phases / _l;
                    int p = (int)position;
                    float a = (float)(position - p);
                    float y0 = TensorPrimitives.Dot(x, _taps.AsSpan((p * taps) + lo, hi - lo));
                    float y1 = TensorPrimitives.Dot(x, _taps.AsSpan(((p + 1) * taps) + lo, hi - lo));
                    y = y0 + (a * (y1 - y0));
                }
                else
                {
                    y = TensorPrimitives.Dot(x, _taps.AsSpan((r * taps) + lo, hi - lo));
                }
            }

            output[k] = y;
            q += stepWhole;
            r += stepPart;
            if (r >= _l)
            {
                r -= _l;
                q++;
            }
        }
    }

    /// <summary>The modified Bessel function of the first kind, order 0, by its power series (converges for all x).</summary>
    private static double BesselI0(double x)
    {
        double sum = 1;
        double term = 1;
        double quarter = x * x / 4;
        for (int n = 1; n < 200 && term > sum * 1e-17; n++)
        {
            term *= quarter / ((double)n * n);
            sum += term;
        }

        return sum;
    }
}
