namespace FastAudiomentations;

/// <summary>The samples of one batch as a device keeps them (host array, GPU buffer, ...).</summary>
internal abstract class BatchStorage : IDisposable
{
    /// <summary>Floats held: rows x capacity.</summary>
    public abstract long Length { get; }

    /// <summary>Replaces every sample from a host array laid out as the batch is.</summary>
    public abstract void CopyFrom(ReadOnlySpan<float> source);

    /// <summary>Copies every sample to a host array laid out as the batch is.</summary>
    public abstract void CopyTo(Span<float> destination);

    /// <inheritdoc/>
    public virtual void Dispose()
    {
    }
}
