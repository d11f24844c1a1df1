namespace FastAudiomentations.Random;

/// <summary>
/// The stream of random draws one transform node makes for one example (or channel, or the whole
/// batch): draw i is Philox at counter (i, channel, example, node | purpose).
/// </summary>
/// <remarks>
/// Host-side and cheap: a few draws per example. Skipping a draw never shifts later ones, because
/// each draw has its own counter.
/// </remarks>
public struct ParameterRandom
{
    private readonly RandomKey _key;
    private readonly uint _channel;
    private readonly uint _example;
    private readonly int _node;
    private readonly RandomPurpose _purpose;
    private uint _index;

    /// <summary>Starts the stream of <paramref name="purpose"/> draws at the given coordinates.</summary>
    public ParameterRandom(RandomKey key, int node, uint example, uint channel, RandomPurpose purpose)
    {
        _key = key;
        _node = node;
        _example = example;
        _channel = channel;
        _purpose = purpose;
        _index = 0;
    }

    /// <summary>The next 32 random bits.</summary>
    public uint NextBits()
    {
        UInt4 block = Philox4x32.Generate(RandomCoordinates.Counter(_index++, _channel, _example, _node, _purpose), _key);
        return block.X;
    }

    /// <summary>A uniform double in [0, 1), with 53 bits of resolution.</summary>
    public double NextDouble()
    {
        UInt4 block = Philox4x32.Generate(RandomCoordinates.Counter(_index++, _channel, _example, _node, _purpose), _key);
        return RandomCoordinates.ToUnitDouble(block.X, block.Y);
    }

    /// <summary>A uniform value in [<paramref name="min"/>, <paramref name="max"/>]; exactly <paramref name="min"/> when the range is empty.</summary>
    public double Uniform(double min, double max) => min == max ? min : min + (NextDouble() * (max - min));

    /// <summary>True with probability <paramref name="p"/>; p = 0 is never, p = 1 is always.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>A uniform integer in [0, <paramref name="count"/>).</summary>
    public int NextInt(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)Math.Min(count - 1, Math.Floor(NextDouble() * count));
    }

    /// <summary>A uniform 64-bit integer in [0, <paramref name="count"/>).</summary>
    public long NextLong(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (long)Math.Min(count - 1, Math.Floor(NextDouble() * count));
    }

    /// <summary>A standard normal value (Box-Muller over two draws).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
