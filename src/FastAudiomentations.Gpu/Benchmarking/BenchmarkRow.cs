namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>One measured (case, batch size, device) cell.</summary>
/// <param name="Case">The case's name.</param>
/// <param name="Device">The device's name.</param>
/// <param name="BatchSize">Clips per batch.</param>
/// <param name="MedianMicroseconds">Median wall time of one Apply call (host sampling, uploads, kernels, synchronisation).</param>
/// <param name="MedianKernelMicroseconds">Median device time of the call's kernels (GPU only; null on the CPU).</param>
/// <param name="MicrosecondsPerClip">Median wall time / batch size.</param>
/// <param name="GigabytesPerSecond">Bytes read and written (nominal passes x 2 x batch floats x 4) / median wall time.</param>
/// <param name="CopyShare">Kernel bandwidth (bytes / median kernel time) over the device's measured device-to-device copy bandwidth.</param>
/// <param name="Error">Why the cell was not measured, else null.</param>
/// <param name="Note">"host fallback" when a leaf of the case has no GPU kernel yet, else null.</param>
/// <param name="MedianHostMicroseconds">Median host time inside the GPU executor up to the last launch (preparing steps, tables, launches; GPU only).</param>
/// <param name="MedianEventMicroseconds">
/// Median device time between events recorded before and after one asynchronous call on an idle stream: the Python
/// libraries' harness's measure (<see cref="CallClock"/>; CUDA only).
/// </param>
/// <param name="PipelinedMicroseconds">Wall time of back-to-back asynchronous calls and the wait for the last, divided by their number: a training loop's cost per call (GPU only).</param>
/// <param name="PipelinedCaptures">Calls among the pipelined ones that captured a new CUDA graph (each costs tens of microseconds; a steady workload captures none).</param>
public sealed record BenchmarkRow(
    string Case,
    string Device,
    int BatchSize,
    double MedianMicroseconds,
    double? MedianKernelMicroseconds,
    double MicrosecondsPerClip,
    double GigabytesPerSecond,
    double? CopyShare,
    string? Error = null,
    string? Note = null,
    double? MedianHostMicroseconds = null,
    double? MedianEventMicroseconds = null,
    double? PipelinedMicroseconds = null,
    long? PipelinedCaptures = null)
{
    /// <summary>
    /// One cell's figures over its rounds: each the median of that figure's rounds, so that a round in which the host
    /// stalled one way of timing (a round's events at 59 us against 14 in the other two: bench/gpu-notes.md, run 177)
    /// moves no other figure. The wall time's median round gives the figures derived from it (per clip, GB/s); the copy
    /// share follows the median kernel time; captures are the most any round counted.
    /// </summary>
    /// <param name="rounds">The cell's rows, one per round (at least one, of one case, batch size and device).</param>
    internal static BenchmarkRow AcrossRounds(IReadOnlyList<BenchmarkRow> rounds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rounds.Count);
        BenchmarkRow[] byWall = [.. rounds.OrderBy(row => row.MedianMicroseconds)];
        BenchmarkRow middle = byWall[(byWall.Length - 1) / 2];
        double? kernel = Median(rounds.Select(row => row.MedianKernelMicroseconds));
        double? share = middle.CopyShare is double s && middle.MedianKernelMicroseconds is double k && kernel is double m && m > 0 ? s * k / m : middle.CopyShare;
        return middle with
        {
            MedianKernelMicroseconds = kernel,
            CopyShare = share,
            MedianHostMicroseconds = Median(rounds.Select(row => row.MedianHostMicroseconds)),
            MedianEventMicroseconds = Median(rounds.Select(row => row.MedianEventMicroseconds)),
            PipelinedMicroseconds = Median(rounds.Select(row => row.PipelinedMicroseconds)),
            PipelinedCaptures = rounds.Max(row => row.PipelinedCaptures),
        };
    }

    /// <summary>The median of the rounds that have a figure (the lower middle of an even count, as the wall time's); null where none has.</summary>
    private static double? Median(IEnumerable<double?> figures)
    {
        double[] values = [.. figures.OfType<double>().Order()];
        return values.Length == 0 ? null : values[(values.Length - 1) / 2];
    }
}
