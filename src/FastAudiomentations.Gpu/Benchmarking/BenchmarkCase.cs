namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>One pipeline the benchmark times: a transform at p = 1, or a chain.</summary>
/// <param name="Name">The name the table shows.</param>
/// <param name="Pipeline">The pipeline to apply.</param>
/// <param name="Passes">Nominal passes over the batch (1 for a transform or a fused chain): the bytes counted are Passes x (read + write).</param>
/// <param name="SelfTestBound">The normalised error `fastaug selftest` accepts against the CPU path (default <see cref="GpuSelfTest.Bound"/>).</param>
public sealed record BenchmarkCase(string Name, Transform Pipeline, int Passes = 1, double SelfTestBound = GpuSelfTest.Bound);
