namespace FastAudiomentations;

/// <summary>How finely a transform draws its probability decision and parameters (as in torch-audiomentations).</summary>
public enum TransformMode
{
    /// <summary>One decision and one parameter set per clip, shared by its channels (default).</summary>
    PerExample = 0,

    /// <summary>One decision and one parameter set for the whole batch.</summary>
    PerBatch = 1,

    /// <summary>One decision and one parameter set per channel of each clip.</summary>
    PerChannel = 2,
}
