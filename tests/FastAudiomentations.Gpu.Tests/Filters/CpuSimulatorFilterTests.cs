using FastAudiomentations.Gpu.Tests.Backends;

namespace FastAudiomentations.Gpu.Tests.Filters;

/// <summary>The filter kernel tests on ILGPU's CPU accelerator (CI).</summary>
[Trait("Backend", "Cpu")]
public sealed class CpuSimulatorFilterTests(CpuSimulatorFixture fixture) : GpuFilterTests(fixture), IClassFixture<CpuSimulatorFixture>
{
    /// <inheritdoc/>
    protected override int LongLength => 24_000;
}
