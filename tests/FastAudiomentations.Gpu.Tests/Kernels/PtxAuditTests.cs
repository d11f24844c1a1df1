using System.Reflection;
using System.Text.RegularExpressions;
using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Transforms.Filters;
using FastAudiomentations.Gpu.Transforms.Noise;
using FastAudiomentations.Gpu.Transforms.Time;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Tests.Kernels;

/// <summary>
/// Every kernel compiled to PTX for the H100 (sm_90) by ILGPU's PTX backend, which needs no GPU, with the device's
/// context settings: what CI can check of the CUDA code without running it.
/// </summary>
/// <remarks>
/// <para>No 64-bit float instruction outside the design kernels: a double in a per-row helper cost 30x in the fused
/// kernels (bench/gpu-notes.md, run 20), and the context keeps doubles (MathMode.Fast) for the designs.</para>
/// <para>No double or float constant that is a small integer's bits: ILGPU 1.5.3 compiled <c>(double)(k == 0 ? 1 : 0)</c>
/// to <c>selp.b64 %fd, 0d0000000000000001, 0d0000000000000000</c> (1 became 4.9e-324), which removed the delta from the
/// device's high-pass and band-stop FIR taps and failed 10 CUDA tests (run 55). The ILGPU CPU accelerator runs the IL,
/// so only the PTX shows it.</para>
/// </remarks>
public class PtxAuditTests
{
    private static readonly Lazy<(Context Context, PTXBackend Backend)> Compiler = new(() =>
    {
        Context context = Context.Create(builder => builder.Math(MathMode.Fast).Optimize(OptimizationLevel.O2).Profiling().EnableAlgorithms());
        var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_90), CudaArchitecture.SM_90, CudaInstructionSet.ISA_80, null);
        return (context, backend);
    });

    private static readonly Dictionary<string, MethodInfo> Kernels = new()
    {
        ["FusedPointwiseKernel.Run"] = Method(typeof(FusedPointwiseKernel), nameof(FusedPointwiseKernel.Run)),
        ["FusedPointwiseKernel.RunOneChunk"] = Method(typeof(FusedPointwiseKernel), nameof(FusedPointwiseKernel.RunOneChunk)).MakeGenericMethod(typeof(CopiedTable)),
        ["FusedPointwiseKernel.RunOneChunk inline"] = Method(typeof(FusedPointwiseKernel), nameof(FusedPointwiseKernel.RunOneChunk)).MakeGenericMethod(typeof(InlineTable)),
        ["FusedPointwiseKernel.Measure"] = Method(typeof(FusedPointwiseKernel), nameof(FusedPointwiseKernel.Measure)),
        ["IirCascadeKernel.Run"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.Run)),
        ["IirCascadeKernel.RunCausal"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunCausal)).MakeGenericMethod(typeof(IirCascadeKernel.GroupOf256), typeof(IirCascadeKernel.CausalPass)),
        ["IirCascadeKernel.RunCausal zero phase"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunCausal)).MakeGenericMethod(typeof(IirCascadeKernel.GroupOf256), typeof(IirCascadeKernel.ZeroPhasePass)),
        ["IirCascadeKernel.RunWarmUp"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunWarmUp)).MakeGenericMethod(typeof(CopiedTable), typeof(IirCascadeKernel.GroupOf128), typeof(IirCascadeKernel.CausalPass)),
        ["IirCascadeKernel.RunWarmUp inline"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunWarmUp)).MakeGenericMethod(typeof(InlineTable), typeof(IirCascadeKernel.GroupOf256), typeof(IirCascadeKernel.CausalPass)),
        ["IirCascadeKernel.RunWarmUp zero phase"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunWarmUp)).MakeGenericMethod(typeof(CopiedTable), typeof(IirCascadeKernel.GroupOf128), typeof(IirCascadeKernel.ZeroPhasePass)),
        ["IirCascadeKernel.RunZeroPhaseWindow"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunZeroPhaseWindow)).MakeGenericMethod(typeof(CopiedTable), typeof(IirCascadeKernel.GroupOf256)),
        ["IirCascadeKernel.RunZeroPhaseWindow inline"] = Method(typeof(IirCascadeKernel), nameof(IirCascadeKernel.RunZeroPhaseWindow)).MakeGenericMethod(typeof(InlineTable), typeof(IirCascadeKernel.GroupOf128)),
        ["FirKernel.Run"] = Method(typeof(FirKernel), nameof(FirKernel.Run)),
        ["FirKernel.Halo"] = Method(typeof(FirKernel), nameof(FirKernel.Halo)),
        ["AddColorNoiseKernel.Colour"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.Colour)),
        ["AddColorNoiseKernel.Mix"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.Mix)),
        ["AddColorNoiseKernel.ColourAndMix"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.ColourAndMix)).MakeGenericMethod(typeof(CopiedTable)),
        ["AddColorNoiseKernel.ColourAndMix inline"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.ColourAndMix)).MakeGenericMethod(typeof(InlineTable)),
        ["AddColorNoiseKernel.ColourAhead"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.ColourAhead)).MakeGenericMethod(typeof(CopiedTable)),
        ["AddColorNoiseKernel.ColourAhead inline"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.ColourAhead)).MakeGenericMethod(typeof(InlineTable)),
        ["AddColorNoiseKernel.MeasureAndMix inline"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.MeasureAndMix)).MakeGenericMethod(typeof(InlineTable)),
        ["AddColorNoiseKernel.Measure"] = Method(typeof(AddColorNoiseKernel), nameof(AddColorNoiseKernel.Measure)),
        ["ReverseKernel.Run"] = Method(typeof(ReverseKernel), nameof(ReverseKernel.Run)),
        ["ButterworthDesignKernel.Run"] = Method(typeof(ButterworthDesignKernel), nameof(ButterworthDesignKernel.Run)),
        ["FirKernel.Prepare"] = Method(typeof(FirKernel), nameof(FirKernel.Prepare)),
    };

    /// <summary>The kernels that run in float end to end (all but the two design kernels).</summary>
    public static TheoryData<string> FloatKernels => [.. Kernels.Keys.Where(name => name is not ("ButterworthDesignKernel.Run" or "FirKernel.Prepare"))];

    /// <summary>Every kernel.</summary>
    public static TheoryData<string> AllKernels => [.. Kernels.Keys];

    [Theory]
    [MemberData(nameof(FloatKernels))]
    public void FloatKernel_HasNoDoubleInstruction(string name)
    {
        string[] doubles = [.. Instructions(Ptx(name)).Where(line => Regex.IsMatch(line, @"\.f64\b"))];
        Assert.True(doubles.Length == 0, $"{name}: {doubles.Length} f64 instructions, first: {doubles.FirstOrDefault()}");
    }

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void Kernel_HasNoIntegerBitsAsFloatConstants(string name)
    {
        // 0d / 0f literals whose value is a small positive integer's bits (a denormal no source writes on purpose).
        var integerBits = new Regex(@"\b0d0{13}[0-9A-Fa-f]{3}\b|\b0f0{5}[0-9A-Fa-f]{3}\b");
        string[] suspects = [.. Instructions(Ptx(name)).Where(line => integerBits.Matches(line).Any(m => !m.Value.EndsWith("000", StringComparison.Ordinal)))];
        Assert.True(suspects.Length == 0, $"{name}: {suspects.Length} constants that are an integer's bits, first: {suspects.FirstOrDefault()}");
    }

    /// <summary>The kernels that read a call's table from the device or, in their inline instances, from its staging.</summary>
    [Theory]
    [MemberData(nameof(AllKernels))]
    public void Kernel_HasNoGenericLoadsOrStores(string name)
    {
        // A view that the compiler cannot place in one state space is a generic pointer, whose loads and stores may alias
        // the kernel's shared memory traffic and wait behind it: the fused one-chunk kernel lost 3-8% at batch 128 when
        // its table view was either the shared staging or the device table (run 162), and the zero-phase IIR kernels
        // loaded and stored every sample that way while their input and output views were chosen by the pass's mode
        // (ILGPU then makes both buffers generic everywhere; session 14). Each kernel instance reads one address space
        // per view (ITableSource, IirSignal's In and Out).
        string[] generic = [.. Instructions(Ptx(name)).Where(line => Regex.IsMatch(line, @"^(@%p\d+\s+)?(ld|st)(\.volatile|\.relaxed\.\w+|\.acquire\.\w+|\.release\.\w+)?\.(b|u|s|f)\d+\b"))];
        Assert.True(generic.Length == 0, $"{name}: {generic.Length} loads or stores through generic pointers, first: {generic.FirstOrDefault()}");
    }

    [Fact]
    public void DesignKernels_DesignInDouble()
    {
        // The audit would pass vacuously if the design kernels had lost their doubles (a context lowering them to float).
        foreach (string name in new[] { "ButterworthDesignKernel.Run", "FirKernel.Prepare" })
        {
            Assert.Contains(Instructions(Ptx(name)), line => Regex.IsMatch(line, @"\b(fma\.rn|div\.rn|mul|add)\.f64\b"));
        }
    }

    /// <summary>The kernel <paramref name="name"/> of <paramref name="type"/>: the entry point where a generic body shares its name (ColourAndMix).</summary>
    private static MethodInfo Method(Type type, string name)
    {
        MethodInfo[] methods = [.. type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(m => m.Name == name)];
        return methods.Length == 1 ? methods[0] : methods.SingleOrDefault(m => !m.IsGenericMethodDefinition) ?? throw new InvalidOperationException($"No kernel {type.Name}.{name}.");
    }

    private static string Ptx(string name)
    {
        lock (Compiler)
        {
            var kernel = (PTXCompiledKernel)Compiler.Value.Backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(Kernels[name]), KernelSpecialization.Empty);
            return kernel.PTXAssembly;
        }
    }

    /// <summary>The PTX's instruction lines: no comments, no register declarations.</summary>
    private static IEnumerable<string> Instructions(string ptx) =>
        ptx.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith(".reg", StringComparison.Ordinal));
}
