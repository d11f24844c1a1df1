using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>How a step's sampled parameter structs go into the per-call float table: as they are, one struct per row.</summary>
/// <typeparam name="TParams">The transform's parameter struct (public float fields only).</typeparam>
internal static class ParameterTable<TParams>
    where TParams : unmanaged
{
    /// <summary>Floats per row: the struct's size in floats (0 for an empty struct, whose size is 1 byte).</summary>
    public static readonly int Stride = Unsafe.SizeOf<TParams>() / sizeof(float);

    /// <summary>Copies the step's parameters into <paramref name="destination"/> (rows x <see cref="Stride"/> floats).</summary>
    public static void Write(PlannedStep step, Span<float> destination)
    {
        if (Stride == 0)
        {
            return;
        }

        TParams[] parameters = ((PlannedStep<TParams>)step).Parameters;
        MemoryMarshal.Cast<TParams, float>(parameters.AsSpan()).CopyTo(destination);
    }
}
