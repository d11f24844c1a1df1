namespace FastAudiomentations;

/// <summary>A batch kept in one managed array on the host.</summary>
internal sealed class HostStorage : BatchStorage
{
    public HostStorage(int rows, int capacity) => Samples = new float[(long)rows * capacity];

    public float[] Samples { get; }

    public override long Length => Samples.LongLength;

    public override void CopyFrom(ReadOnlySpan<float> source) => source.CopyTo(Samples);

    public override void CopyTo(Span<float> destination) => Samples.AsSpan(0, destination.Length).CopyTo(destination);
}
