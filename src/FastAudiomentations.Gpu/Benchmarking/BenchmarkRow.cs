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
    long? PipelinedCaptures = null);
