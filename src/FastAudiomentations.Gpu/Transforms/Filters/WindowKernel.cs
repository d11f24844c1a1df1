using FastAudiomentations.Gpu.Execution;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// A windowed IIR kernel of one group shape (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/> or
/// <see cref="IirCascadeKernel.RunZeroPhaseWindow{TTable, TGroup}"/>) in its two instances: one reads the table copied to
/// the device, the other takes it as its first argument (<see cref="InlineTable"/>), which a call gives where its table
/// travels so (a warm-up call at batch 1 reads 38-62 words: its compact record).
/// </summary>
internal sealed class WindowKernel
{
    private readonly Action<AcceleratorStream, KernelConfig, CopiedTable, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass> _copied;
    private readonly Action<AcceleratorStream, KernelConfig, InlineTable, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass> _inline;

    private WindowKernel(
        Action<AcceleratorStream, KernelConfig, CopiedTable, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass> copied,
        Action<AcceleratorStream, KernelConfig, InlineTable, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass> inline) =>
        (_copied, _inline) = (copied, inline);

    /// <summary>The instance that reads the copied table: the one whose resources (registers, shared memory) set how many groups the device holds.</summary>
    public Delegate Copied => _copied;

    /// <summary>
    /// Compiles both instances on <paramref name="accelerator"/>, on CUDA with the warm-up launch bounds
    /// (<see cref="IirCascadeKernel.WarmUpGroupsPerMultiprocessor"/>).
    /// </summary>
    public static WindowKernel Load(
        Accelerator accelerator,
        Action<CopiedTable, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass> copied,
        Action<InlineTable, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<long>, IirPass> inline)
    {
        KernelSpecialization bounds = accelerator.AcceleratorType == AcceleratorType.Cuda
            ? new KernelSpecialization(IirCascadeKernel.MaxGroupSize, IirCascadeKernel.WarmUpGroupsPerMultiprocessor)
            : KernelSpecialization.Empty;
        return new WindowKernel(accelerator.LoadKernel(copied, bounds), accelerator.LoadKernel(inline, bounds));
    }

    /// <summary>Launches the instance that reads the call's table where it is: <paramref name="table"/> where it travels inline (Count &gt; 0), else the device table.</summary>
    public void Launch(AcceleratorStream stream, KernelConfig config, in InlineTable table, ArrayView<float> samples, ArrayView<float> scratch, ArrayView<int> ints, ArrayView<float> floats, ArrayView<long> sync, IirPass pass)
    {
        if (table.Count > 0)
        {
            _inline(stream, config, table, samples, scratch, ints, floats, sync, pass);
        }
        else
        {
            _copied(stream, config, default, samples, scratch, ints, floats, sync, pass);
        }
    }
}
