namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>The GPU suite on ILGPU's CPU accelerator (CI).</summary>
[Trait("Backend", "Cpu")]
public sealed class CpuSimulatorBackendTests(CpuSimulatorFixture fixture) : GpuBackendTests(fixture), IClassFixture<CpuSimulatorFixture>
{
    /// <inheritdoc/>
    protected override int[] LargeLengths => [5000, 4097, 1, 3333];

    /// <inheritdoc/>
    protected override int CallsPerWindow => 3;
}
