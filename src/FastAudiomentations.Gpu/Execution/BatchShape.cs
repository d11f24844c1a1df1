using FastAudiomentations.Gpu.Memory;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// What a call's plan and table derive from in a batch besides its samples: clips, channels, capacity, row pitch, sample
/// rate, each clip's length and example id. Work prepared for one batch is valid for any batch of the same shape.
/// </summary>
/// <remarks>Kept in arrays reused from call to call, so that keeping and comparing allocate nothing in steady state.</remarks>
internal sealed class BatchShape
{
    private int[] _lengths = [];
    private uint[] _ids = [];
    private int _channels;
    private int _capacity;
    private int _pitch;
    private int _sampleRate;

    /// <summary>Records <paramref name="batch"/>'s shape.</summary>
    public void Keep(AudioBatch batch)
    {
        if (_lengths.Length != batch.BatchSize)
        {
            _lengths = new int[batch.BatchSize];
            _ids = new uint[batch.BatchSize];
        }

        batch.LengthArray.CopyTo(_lengths, 0);
        batch.ExampleIdArray.CopyTo(_ids, 0);
        _channels = batch.Channels;
        _capacity = batch.Capacity;
        _pitch = PitchOf(batch);
        _sampleRate = batch.SampleRate;
    }

    /// <summary>Whether <paramref name="batch"/> has the shape last kept.</summary>
    public bool Matches(AudioBatch batch) =>
        batch.BatchSize == _lengths.Length && batch.Channels == _channels && batch.Capacity == _capacity
        && batch.SampleRate == _sampleRate && PitchOf(batch) == _pitch
        && batch.LengthArray.AsSpan().SequenceEqual(_lengths) && batch.ExampleIdArray.AsSpan().SequenceEqual(_ids);

    private static int PitchOf(AudioBatch batch) => batch.Storage is GpuStorage gpu ? gpu.Pitch : batch.Capacity;
}
