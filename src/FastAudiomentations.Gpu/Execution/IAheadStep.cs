using ILGPU;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// A step kernel with work that reads none of the batch's samples (AddColorNoise's coloured noise: it depends on the
/// call's key, example ids, lengths and parameters only), which a call planned ahead does while the call before it runs
/// (<see cref="SideStreamWork"/>); the call's own launches then read what it left (<see cref="StepLaunch.Ahead"/>).
/// </summary>
internal interface IAheadStep
{
    /// <summary>
    /// Whether the step's call over <paramref name="batch"/> does its work ahead: where its kernels run beside the running
    /// call (<paramref name="beside"/>: on CUDA), and on what they read, which must be known at planning: the table as the
    /// kernels' argument (<paramref name="inline"/>), or, elsewhere, its copy into the buffer.
    /// </summary>
    bool RunsAhead(PlannedStep step, AudioBatch batch, bool inline, bool beside);

    /// <summary>Floats of one of the two buffers the work writes and the call's launches read.</summary>
    long AheadFloats(PlannedStep step, AudioBatch batch, int pitch);

    /// <summary>
    /// Where among the step's launch integers (<see cref="IStepKernel.LaunchInts"/>) the executor writes two: which buffer
    /// the work went to and the count its done counter reaches once the work is done (<see cref="SideStreamWork.Issue"/>),
    /// for launches that take both buffers and read these from the table (so that a call replayed from a graph reads each
    /// call's); -1 where the launches take the buffer's view.
    /// </summary>
    int AheadBufferInt(PlannedStep step, AudioBatch batch);

    /// <summary>Groups of the work's launch, each of which advances its buffer's done counter by one when done.</summary>
    int AheadGroups(PlannedStep step, AudioBatch batch);

    /// <summary>
    /// Enqueues the work on <paramref name="launch"/>'s stream, into its <see cref="StepLaunch.Ahead"/> buffer, its groups
    /// counting themselves done in <paramref name="done"/>[0] (after their writes).
    /// </summary>
    void LaunchAhead(in StepLaunch launch, ArrayView<int> done);
}
