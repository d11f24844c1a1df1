namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>The GPU suite on CUDA (run on the GPU machine with -trait "Backend=Cuda"; skipped where no CUDA device exists).</summary>
[Trait("Backend", "Cuda")]
public sealed class CudaBackendTests(CudaFixture fixture) : GpuBackendTests(fixture), IClassFixture<CudaFixture>
{
    /// <inheritdoc/>
    protected override int[] LargeLengths => [252_046, 100_000, 1, 44_100, 252_046, 131_071, 0, 65_536];

    /// <inheritdoc/>
    protected override int[] NoiseLengths => [1 << 20, 1 << 20, 1 << 20, 1 << 20, 1_000_003, 7];
}
