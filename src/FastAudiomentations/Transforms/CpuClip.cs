using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>One clip of a batch on the CPU device, as a transform's CPU path sees it.</summary>
internal readonly ref struct CpuClip
{
    private readonly Span<float> _rows;

    public CpuClip(Span<float> rows, int channels, int capacity, int length, int sampleRate, int example, uint exampleId, RandomKey key, int node, ScratchArena scratch, object? stepState = null)
    {
        StepState = stepState;
        _rows = rows;
        Channels = channels;
        Capacity = capacity;
        Length = length;
        SampleRate = sampleRate;
        Example = example;
        ExampleId = exampleId;
        Key = key;
        Node = node;
        Scratch = scratch;
    }

    public int Channels { get; }

    public int Capacity { get; }

    /// <summary>Valid samples per channel.</summary>
    public int Length { get; }

    public int SampleRate { get; }

    /// <summary>Position of the clip in its batch.</summary>
    public int Example { get; }

    /// <summary>The clip's identity in the random streams.</summary>
    public uint ExampleId { get; }

    /// <summary>The call's Philox key, for random signals.</summary>
    public RandomKey Key { get; }

    /// <summary>The pipeline node being applied, for random signals.</summary>
    public int Node { get; }

    /// <summary>The worker thread's reusable scratch memory.</summary>
    public ScratchArena Scratch { get; }

    /// <summary>What the transform's Prepare left for this step (<see cref="PlannedStep.State"/>), or null.</summary>
    public object? StepState { get; }

    /// <summary>The valid samples of channel <paramref name="channel"/>.</summary>
    public Span<float> Channel(int channel) => _rows.Slice(channel * Capacity, Length);

    /// <summary>The whole row of channel <paramref name="channel"/>, padding included.</summary>
    public Span<float> Row(int channel) => _rows.Slice(channel * Capacity, Capacity);
}
