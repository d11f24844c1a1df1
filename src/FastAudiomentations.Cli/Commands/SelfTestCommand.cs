using FastAudiomentations.Gpu;
using FastAudiomentations.Gpu.Benchmarking;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>
/// `fastaug selftest`: runs every transform on each GPU device ILGPU finds and on the CPU device with the same seed,
/// and compares (<see cref="GpuSelfTest"/>). Exit code 0 when every check passes, 1 when one fails, 2 when no device
/// of the asked backend exists.
/// </summary>
internal sealed class SelfTestCommand(IAnsiConsole console) : Command<SelfTestSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, SelfTestSettings settings, CancellationToken cancellationToken)
    {
        GpuBackend[] backends;
        if (string.Equals(settings.Backend, "all", StringComparison.OrdinalIgnoreCase))
        {
            backends = [GpuBackend.Cuda, GpuBackend.OpenCL, GpuBackend.CpuSimulator];
        }
        else if (GpuBackends.Parse(settings.Backend) is GpuBackend one)
        {
            backends = [one];
        }
        else
        {
            console.MarkupLine($"[red]Unknown backend '{Markup.Escape(settings.Backend)}'.[/] Use all, cuda, opencl or cpu.");
            return ExitCodes.InvalidUsage;
        }

        TextWriter output = console.Profile.Out.Writer;
        var devices = new List<GpuDevice>();
        try
        {
            foreach (GpuBackend backend in backends)
            {
                if (!GpuDevice.IsAvailable(backend))
                {
                    output.WriteLine($"SKIP  no {backend} device");
                    continue;
                }

                try
                {
                    devices.Add(GpuDevice.Create(backend));
                }
                catch (Exception error) when (error is InvalidOperationException or NotSupportedException)
                {
                    output.WriteLine($"SKIP  {backend}: {error.Message}");
                }
            }

            if (devices.Count == 0)
            {
                console.MarkupLine("[red]No GPU device to test.[/]");
                return ExitCodes.InvalidUsage;
            }

            IReadOnlyList<SelfTestResult> results = GpuSelfTest.Run(devices, output, settings.Noise ?? GpuBackends.BundledNoise, settings.Filter);
            int failed = results.Count(r => !r.Passed);
            output.WriteLine($"selftest: {results.Count - failed} passed, {failed} failed");
            return failed == 0 ? ExitCodes.Success : ExitCodes.SomeFailed;
        }
        finally
        {
            foreach (GpuDevice device in devices)
            {
                device.Dispose();
            }
        }
    }
}
