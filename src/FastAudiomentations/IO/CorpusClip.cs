using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations;

/// <summary>
/// One decoded, resampled clip of an <see cref="AudioCorpus"/>, with its energy computed once: what the
/// cache holds and what transforms that mix files in read.
/// </summary>
/// <remarks>
/// Energy is kept as running sums of x^2 (in double) at every <see cref="EnergyBlock"/>-th sample of each
/// channel, so the energy of any segment, wrapped around the end as a tiled (looped) clip would be, costs
/// O(<see cref="EnergyBlock"/>) instead of a pass over the segment. The overhead is 8 / 256 bytes per sample.
/// The samples are shared with the cache: never modify them.
/// </remarks>
public sealed class CorpusClip
{
    /// <summary>Samples between stored running sums of energy.</summary>
    public const int EnergyBlock = 256;

    private readonly double[][] _runningEnergy;
    private readonly double[] _channelEnergy;

    internal CorpusClip(int index, string path, AudioData audio)
    {
        Index = index;
        Path = path;
        Audio = audio;
        int blocks = (audio.Length / EnergyBlock) + 1;
        _runningEnergy = new double[audio.ChannelCount][];
        _channelEnergy = new double[audio.ChannelCount];
        double total = 0;
        for (int c = 0; c < audio.ChannelCount; c++)
        {
            ReadOnlySpan<float> x = audio.Channels[c];
            double[] running = _runningEnergy[c] = new double[blocks];
            double sum = 0;
            for (int b = 0; b < blocks; b++)
            {
                running[b] = sum;
                int end = Math.Min(x.Length, (b + 1) * EnergyBlock);
                for (int t = b * EnergyBlock; t < end; t++)
                {
                    sum += (double)x[t] * x[t];
                }
            }

            _channelEnergy[c] = sum;
            total += sum;
        }

        long count = (long)audio.Length * audio.ChannelCount;
        Rms = count == 0 ? 0 : Math.Sqrt(total / count);
        SizeBytes = 256 + (count * sizeof(float)) + ((long)blocks * audio.ChannelCount * sizeof(double));
    }

    /// <summary>The file's position in <see cref="AudioCorpus.Files"/>.</summary>
    public int Index { get; }

    /// <summary>The file it was decoded from.</summary>
    public string Path { get; }

    /// <summary>The samples, at the rate and channel layout that were asked for.</summary>
    public AudioData Audio { get; }

    /// <summary>Samples per channel.</summary>
    public int Length => Audio.Length;

    /// <summary>Channels.</summary>
    public int ChannelCount => Audio.ChannelCount;

    /// <summary>Sample rate, Hz.</summary>
    public int SampleRate => Audio.SampleRate;

    /// <summary>Root mean square over every sample of every channel: sqrt(sum x^2 / (C * T)); 0 for an empty clip.</summary>
    public double Rms { get; }

    /// <summary>Bytes the clip holds (samples, energy sums and a fixed overhead), as the cache budget counts them.</summary>
    public long SizeBytes { get; }

    /// <summary>The samples of one channel.</summary>
    public ReadOnlySpan<float> Channel(int channel) => Audio.Channels[channel];

    /// <summary>Root mean square of one channel over its whole length.</summary>
    public double ChannelRms(int channel) => Length == 0 ? 0 : Math.Sqrt(_channelEnergy[channel] / Length);

    /// <summary>
    /// Sum of x^2 over <paramref name="length"/> samples of <paramref name="channel"/> starting at
    /// <paramref name="start"/>, the clip repeated end to end (so a segment may wrap around any number of times).
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="start">First sample, in [0, <see cref="Length"/>).</param>
    /// <param name="length">Samples, at least 0.</param>
    public double SegmentEnergy(int channel, int start, long length)
    {
        int n = Length;
        if (length <= 0 || n == 0)
        {
            return 0;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(start, n);
        double total = _channelEnergy[channel];
        long cycles = length / n;
        int rest = (int)(length % n);
        double energy = cycles * total;
        if (rest == 0)
        {
            return energy;
        }

        int end = start + rest;
        (double head, double tail) = EnergiesBefore(channel, start, end <= n ? end : end - n);
        return end <= n
            ? energy + (tail - head)
            : energy + (total - head) + tail;
    }

    /// <summary><see cref="EnergyBefore"/> at two positions, the same sums (each in its own order) in one loop.</summary>
    /// <remarks>
    /// Each tail's sum is a chain of dependent vector additions; running the two chains side by side overlaps their
    /// latencies (AddBackgroundNoise's Prepare computes two tails per row and call). Bit-identical to two calls of
    /// <see cref="EnergyBefore"/>: every accumulator adds the same values in the same order.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see ParameterDraws.Across
    private (double First, double Second) EnergiesBefore(int channel, int first, int second)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            return (EnergyBefore(channel, first), EnergyBefore(channel, second));
        }

        ReadOnlySpan<float> x = Tail(channel, first);
        ReadOnlySpan<float> y = Tail(channel, second);
        const int Width = 8; // Vector256<float>.Count
        Vector256<double> lowX = Vector256<double>.Zero, highX = Vector256<double>.Zero;
        Vector256<double> lowY = Vector256<double>.Zero, highY = Vector256<double>.Zero;
        int common = Math.Min(x.Length, y.Length) / Width * Width;
        int t = 0;
        for (; t < common; t += Width)
        {
            (Vector256<double> a, Vector256<double> b) = Vector256.Widen(Vector256.Create(x.Slice(t, Width)));
            (Vector256<double> c, Vector256<double> d) = Vector256.Widen(Vector256.Create(y.Slice(t, Width)));
            lowX = Vector256.FusedMultiplyAdd(a, a, lowX);
            highX = Vector256.FusedMultiplyAdd(b, b, highX);
            lowY = Vector256.FusedMultiplyAdd(c, c, lowY);
            highY = Vector256.FusedMultiplyAdd(d, d, highY);
        }

        double sumX = Finish(x, t, lowX, highX);
        double sumY = Finish(y, t, lowY, highY);
        return (RunningEnergy(channel, first) + sumX, RunningEnergy(channel, second) + sumY);

        static double Finish(ReadOnlySpan<float> x, int t, Vector256<double> low, Vector256<double> high)
        {
            for (; t + Width <= x.Length; t += Width)
            {
                (Vector256<double> a, Vector256<double> b) = Vector256.Widen(Vector256.Create(x.Slice(t, Width)));
                low = Vector256.FusedMultiplyAdd(a, a, low);
                high = Vector256.FusedMultiplyAdd(b, b, high);
            }

            double sum = Vector256.Sum(low + high);
            for (; t < x.Length; t++)
            {
                sum += (double)x[t] * x[t];
            }

            return sum;
        }
    }

    /// <summary>Samples [block start, <paramref name="position"/>) of one channel: the part after the last stored sum.</summary>
    private ReadOnlySpan<float> Tail(int channel, int position)
    {
        int block = position / EnergyBlock;
        return Audio.Channels[channel].AsSpan(block * EnergyBlock, position - (block * EnergyBlock));
    }

    /// <summary>Sum of x^2 over one whole channel, as <see cref="SegmentEnergy"/> counts whole cycles.</summary>
    internal double ChannelEnergy(int channel) => _channelEnergy[channel];

    /// <summary>The stored sum of x^2 before <paramref name="position"/>'s block.</summary>
    private double RunningEnergy(int channel, int position) => _runningEnergy[channel][position / EnergyBlock];

    /// <summary>Sum of x^2 over samples [0, <paramref name="position"/>) of one channel.</summary>
    /// <remarks>
    /// The tail after the last stored sum (under <see cref="EnergyBlock"/> samples) is summed eight at a time, widened
    /// to double: a scalar loop is a chain of dependent additions, and a transform calls this twice per row and call
    /// (AddBackgroundNoise's Prepare: measured 330 ns per tail of 128 samples scalar, 21 ns vectorised).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // SIMD: see ParameterDraws.Across
    internal double EnergyBefore(int channel, int position)
    {
        int block = position / EnergyBlock;
        ReadOnlySpan<float> x = Audio.Channels[channel].AsSpan(block * EnergyBlock, position - (block * EnergyBlock));
        double sum = 0;
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> low = Vector256<double>.Zero, high = Vector256<double>.Zero;
            for (; t + Vector256<float>.Count <= x.Length; t += Vector256<float>.Count)
            {
                (Vector256<double> a, Vector256<double> b) = Vector256.Widen(Vector256.Create(x.Slice(t, Vector256<float>.Count)));
                low = Vector256.FusedMultiplyAdd(a, a, low);
                high = Vector256.FusedMultiplyAdd(b, b, high);
            }

            sum = Vector256.Sum(low + high);
        }

        for (; t < x.Length; t++)
        {
            sum += (double)x[t] * x[t];
        }

        return _runningEnergy[channel][block] + sum;
    }
}
