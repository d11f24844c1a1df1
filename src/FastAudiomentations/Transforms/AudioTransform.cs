using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// A leaf transform whose per-example random values are a small struct of floats, <typeparamref name="TParams"/>.
/// </summary>
/// <typeparam name="TParams">
/// The values sampled for one example (or channel): an unmanaged struct of public float fields only, so
/// that a plan can be serialised field by field and uploaded to a GPU as-is.
/// </typeparam>
public abstract class AudioTransform<TParams> : Transform
    where TParams : unmanaged
{
    /// <summary>Validates the probability and the mode.</summary>
    protected AudioTransform(double p, TransformMode mode)
        : base(p)
    {
        if (!Enum.IsDefined(mode))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown transform mode.");
        }

        Mode = mode;
    }

    /// <summary>Whether decisions and parameters are drawn per example, per channel or per batch.</summary>
    public TransformMode Mode { get; }

    /// <summary>
    /// Checks, once per call on the host before any draw or device work, that the transform can run at the
    /// batch's sample rate (a filter whose cutoff range reaches Nyquist cannot). Throws an ArgumentException
    /// naming the offending constructor parameter. The default accepts every rate.
    /// </summary>
    /// <param name="sampleRate">The batch's sample rate in Hz.</param>
    protected internal virtual void ValidateSampleRate(int sampleRate)
    {
    }

    /// <summary>Draws the parameters of one example (or channel, or batch) from <paramref name="random"/>.</summary>
    protected internal abstract TParams SampleParameters(ref ParameterRandom random, in SamplingContext context);

    /// <summary>
    /// The CPU path: transforms one clip in place. <paramref name="parameters"/> and <paramref name="applied"/>
    /// hold one entry per channel; a channel whose entry is false must be left unchanged. Only the first
    /// <see cref="CpuClip.Length"/> samples of each channel may be touched.
    /// </summary>
    internal abstract void ProcessCpu(in CpuClip clip, ReadOnlySpan<TParams> parameters, ReadOnlySpan<bool> applied);

    /// <summary>
    /// Called on the device's thread after sampling and before the step runs, for a transform that needs
    /// resources for the values it drew (e.g. the files a step mixes in, loaded and resampled). It may keep
    /// per-step state in <see cref="PlannedStep.State"/>, which the CPU path sees as <see cref="CpuClip.StepState"/>.
    /// The default does nothing.
    /// </summary>
    internal virtual void Prepare(PlannedStep<TParams> step, AudioBatch batch)
    {
    }

    /// <inheritdoc/>
    internal sealed override PlannedStep CreateStep(int node, int batchSize, int channels) =>
        new PlannedStep<TParams>(this, node, batchSize, channels);
}
