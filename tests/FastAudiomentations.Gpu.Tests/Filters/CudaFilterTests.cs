using FastAudiomentations.Gpu.Tests.Backends;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>The filter kernel tests on CUDA (skipped where no CUDA device exists).</summary>
[Trait("Backend", "Cuda")]
public sealed class CudaFilterTests(CudaFixture fixture) : GpuFilterTests(fixture), IClassFixture<CudaFixture>
{
    /// <inheritdoc/>
    protected override int LongLength => 100_000;
}
