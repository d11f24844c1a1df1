namespace FastAudiomentations.Gpu.Tests.Backends;

/// <summary>One <see cref="GpuDevice"/> per backend and test class (kernels compile once), or none where absent.</summary>
public abstract class GpuDeviceFixture : IDisposable
{
    private readonly Lazy<GpuDevice?> _device;

    /// <summary>Makes the device on first use.</summary>
    protected GpuDeviceFixture(GpuBackend backend)
    {
        Backend = backend;
        _device = new Lazy<GpuDevice?>(() => GpuDevice.IsAvailable(backend) ? GpuDevice.Create(backend) : null);
    }

    /// <summary>The backend under test.</summary>
    public GpuBackend Backend { get; }

    /// <summary>The device, or null when the machine has none of this backend.</summary>
    public GpuDevice? Device => _device.Value;

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_device.IsValueCreated)
        {
            _device.Value?.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>ILGPU's CPU accelerator: runs everywhere, CI included.</summary>
public sealed class CpuSimulatorFixture() : GpuDeviceFixture(GpuBackend.CpuSimulator);

/// <summary>An NVIDIA GPU through CUDA; absent on CI, where its tests skip.</summary>
public sealed class CudaFixture() : GpuDeviceFixture(GpuBackend.Cuda);
