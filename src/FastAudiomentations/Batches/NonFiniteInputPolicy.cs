namespace FastAudiomentations;

/// <summary>What an upload does with NaN or infinite samples.</summary>
/// <remarks>
/// Transforms never check samples: a NaN stays NaN through gain and filters, and poisons the
/// statistics (peak, RMS) of its clip. So the default refuses such input at the door, naming the clip,
/// channel and sample, before any device work starts.
/// </remarks>
public enum NonFiniteInputPolicy
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the first non-finite sample (default).</summary>
    Reject = 0,

    /// <summary>Replace NaN and infinities by zero.</summary>
    ReplaceWithZero = 1,

    /// <summary>Keep them: IEEE arithmetic carries them through every transform.</summary>
    Propagate = 2,
}
