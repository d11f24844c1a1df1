using FastAudiomentations.Gpu.Execution;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>
/// The ways to stage a small call's table on the device without a copy node that <see cref="MappedTable"/> times
/// (bench/gpu-notes.md, runs 142-144): a fetch kernel, an unpack kernel whose parameters carry the table, group 0 of the
/// reading kernel fetching for the others behind a flag, the copies on a branch beside the kernel.
/// </summary>
/// <remarks>The unpack kernel is PTX written here: ILGPU passes no by-value parameter block a thread can index.</remarks>
internal static unsafe partial class HostProbe
{
    private const string UnpackPtx = """
        .version 8.0
        .target sm_90
        .address_size 64
        .visible .entry unpack(.param .align 8 .b8 words[1024], .param .u64 dst, .param .u32 n)
        {
            .reg .b32 %r<4>;
            .reg .b64 %rd<6>;
            .reg .pred %p;
            mov.u32 %r1, %tid.x;
            ld.param.u32 %r2, [n];
            setp.ge.u32 %p, %r1, %r2;
            @%p bra DONE;
            mov.u64 %rd1, words;
            mul.wide.u32 %rd2, %r1, 4;
            add.u64 %rd3, %rd1, %rd2;
            ld.param.u32 %r3, [%rd3];
            ld.param.u64 %rd4, [dst];
            cvta.to.global.u64 %rd4, %rd4;
            add.u64 %rd5, %rd4, %rd2;
            st.global.u32 [%rd5], %r3;
        DONE:
            ret;
        }
        """;

    private static readonly delegate* unmanaged<nint*, void*, int> ModuleLoadData = (delegate* unmanaged<nint*, void*, int>)CudaDriver.Export("cuModuleLoadData");
    private static readonly delegate* unmanaged<nint*, nint, byte*, int> ModuleGetFunction = (delegate* unmanaged<nint*, nint, byte*, int>)CudaDriver.Export("cuModuleGetFunction");
    private static readonly delegate* unmanaged<nint*, uint, int> StreamCreate = (delegate* unmanaged<nint*, uint, int>)CudaDriver.Export("cuStreamCreate");
    private static readonly delegate* unmanaged<nint, int> StreamDestroy = (delegate* unmanaged<nint, int>)CudaDriver.Export("cuStreamDestroy_v2");
    private static readonly delegate* unmanaged<nint, int> ModuleUnload = (delegate* unmanaged<nint, int>)CudaDriver.Export("cuModuleUnload");

    /// <summary>
    /// Ways to stage the table in device memory before the kernel that reads it (247 groups reading 256 words): a copy
    /// node; a one-group kernel that reads the mapped table; a one-group kernel that takes the table as its by-value
    /// parameter, updated in the instantiated graph each call (the update's host time inside the events).
    /// </summary>
    private static void Staging(TextWriter log, nint start, nint end, nint stream, Accelerator accelerator, nint readTable, void* mapped, ulong mappedDevice, ulong deviceTable, ViewParameter sinkView)
    {
        if (ModuleLoadData == null || !InlineTableNodes.Available)
        {
            log.WriteLine("  staging probe: entry points missing");
            return;
        }

        nint module, unpackOut;
        byte[] ptx = System.Text.Encoding.ASCII.GetBytes(UnpackPtx + "\0");
        fixed (byte* text = ptx)
        {
            CudaDriver.Check(ModuleLoadData(&module, text), "cuModuleLoadData");
        }

        byte[] name = "unpack\0"u8.ToArray();
        fixed (byte* entry = name)
        {
            CudaDriver.Check(ModuleGetFunction(&unpackOut, module, entry), "cuModuleGetFunction");
        }

        nint unpack = unpackOut;

        nint fetch = Function(accelerator.LoadKernel<ArrayView<int>, ArrayView<int>, int>(Fetch));
        const int Words = 256;
        var deviceView = new ViewParameter(deviceTable, 1024);
        Report2(log, "stage: copy node + read 247x256", Events(start, end, stream, Capture(stream, () =>
        {
            CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(deviceTable, mapped, Words * sizeof(int), stream), "cuMemcpyHtoDAsync");
            Launch(readTable, 247, stream, deviceView, sinkView, Words);
        })));
        Report2(log, "stage: 1-group fetch of the mapped table + read 247x256", Events(start, end, stream, Capture(stream, () =>
        {
            Launch(fetch, 1, stream, new ViewParameter(mappedDevice, 1024), deviceView, Words);
            Launch(readTable, 247, stream, deviceView, sinkView, Words);
        })));

        byte* words = stackalloc byte[1024];
        ulong destination = deviceTable;
        int count = Words;
        void** parameters = stackalloc void*[3];
        parameters[0] = words;
        parameters[1] = &destination;
        parameters[2] = &count;
        nint graph = CaptureGraph(stream, () =>
        {
            CudaDriver.Check(CudaDriver.LaunchKernel(unpack, 1, 1, 1, 256, 1, 1, 0, stream, parameters, null), "cuLaunchKernel");
            Launch(readTable, 247, stream, deviceView, sinkView, Words);
        });
        nint* nodes = stackalloc nint[8];
        nuint nodeCount = 8;
        CudaDriver.Check(InlineTableNodes.GraphGetNodes(graph, nodes, &nodeCount), "cuGraphGetNodes");
        nint unpackNode = 0;
        for (int i = 0; i < (int)nodeCount && unpackNode == 0; i++)
        {
            // The captured graph's nodes come in capture order; the first kernel node is the unpack launch.
            int type;
            CudaDriver.Check(InlineTableNodes.GraphNodeGetType(nodes[i], &type), "cuGraphNodeGetType");
            if (type == 0)
            {
                unpackNode = nodes[i];
            }
        }

        nint instantiated;
        CudaDriver.Check(CudaDriver.GraphInstantiate(&instantiated, graph, 0), "cuGraphInstantiateWithFlags");
        nint exec = instantiated;
        var node = new InlineTableNodes.KernelNodeParameters { Function = unpack, GridX = 1, GridY = 1, GridZ = 1, BlockX = 256, BlockY = 1, BlockZ = 1, Arguments = parameters };
        InlineTableNodes.KernelNodeParameters* nodeParameters = &node;
        log.WriteLine($"  stage: unpack node {unpackNode:X} of {nodeCount}");
        var update = new double[Repetitions];
        double updated = Events(start, end, stream, exec, i =>
        {
            long before = System.Diagnostics.Stopwatch.GetTimestamp();
            words[0] = (byte)i;
            CudaDriver.Check(InlineTableNodes.ExecKernelNodeSetParams(exec, unpackNode, nodeParameters), "cuGraphExecKernelNodeSetParams");
            update[i] = (System.Diagnostics.Stopwatch.GetTimestamp() - before) * 1e6 / System.Diagnostics.Stopwatch.Frequency;
        }, destroy: false);
        Report2(log, "stage: unpack kernel's parameters set each call + read", updated);
        log.WriteLine($"  stage: cuGraphExecKernelNodeSetParams host {CopyProbe.Median(update):F2} us");
        Report2(log, "stage: unpack kernel, parameters not set + read", Events(start, end, stream, exec));
        CudaDriver.Check(CudaDriver.GraphDestroy(graph), "cuGraphDestroy");
        Report2(log, "stage: read 247x256 alone (floor)", Events(start, end, stream, Capture(stream, () =>
            Launch(readTable, 247, stream, deviceView, sinkView, Words))));
        CudaDriver.Check(ModuleUnload(module), "cuModuleUnload");
    }

    /// <summary>
    /// The gain-like pass with its table staged while it runs: (E) block 0 fetches the mapped table and flags it, the
    /// others load their samples and wait for the flag; (F) a copy node and a flag copy after it run beside the kernel,
    /// which loads its samples and waits for the flag.
    /// </summary>
    private static void Overlap(TextWriter log, nint start, nint end, nint stream, Accelerator accelerator, void* mapped, ulong mappedDevice, ulong deviceTable, ViewParameter clipView, uint clipBlocks)
    {
        const int Words = 256;
        using MemoryBuffer1D<int, Stride1D.Dense> state = accelerator.Allocate1D<int>(64);
        state.MemSetToZero(accelerator.DefaultStream);
        accelerator.Synchronize();
        ulong statePtr = (ulong)((ArrayView<int>)state.View).LoadEffectiveAddressAsPtr();
        var stateView = new ViewParameter(statePtr, 64);
        var deviceView = new ViewParameter(deviceTable, 1024);
        var mappedView = new ViewParameter(mappedDevice, 1024);
        nint fetchFirst = Function(accelerator.LoadKernel<ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, int>(ScaleFetchedByFirst));
        nint awaitFlag = Function(accelerator.LoadKernel<ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<float>, int>(ScaleAfterFlag));
        nint plain = Function(accelerator.LoadKernel<ArrayView<int>, ArrayView<float>, int>(ScaleByTable));
        Report2(log, "overlap: floor (gain-like, device table, no copy)", Events(start, end, stream, Capture(stream, () => Launch(plain, clipBlocks, stream, deviceView, clipView, Words))));
        Report2(log, "overlap: copy node + gain-like", Events(start, end, stream, Capture(stream, () =>
        {
            CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(deviceTable, mapped, Words * sizeof(int), stream), "cuMemcpyHtoDAsync");
            Launch(plain, clipBlocks, stream, deviceView, clipView, Words);
        })));
        Report2(log, "overlap (E): block 0 fetches the mapped table, flag", Events(start, end, stream, Capture(stream, () => Launch5(fetchFirst, clipBlocks, stream, mappedView, deviceView, stateView, clipView, Words))));

        // (F): a forked capture: the copies on a second stream that waits for the origin's event, joined at the end.
        int* flagSource = (int*)mapped + 1000;
        *flagSource = 0;
        nint sideOut, forkOut, joinOut;
        CudaDriver.Check(StreamCreate(&sideOut, 1), "cuStreamCreate"); // CU_STREAM_NON_BLOCKING
        CudaDriver.Check(CudaDriver.EventCreate(&forkOut, 2), "cuEventCreate");
        CudaDriver.Check(CudaDriver.EventCreate(&joinOut, 2), "cuEventCreate");
        nint side = sideOut, fork = forkOut, join = joinOut;
        nint exec = Capture(stream, () =>
        {
            CudaDriver.Check(CudaDriver.EventRecord(fork, stream), "cuEventRecord");
            CudaDriver.Check(CudaDriver.StreamWaitEvent(side, fork, 0), "cuStreamWaitEvent");
            CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(deviceTable, mapped, Words * sizeof(int), side), "cuMemcpyHtoDAsync");
            CudaDriver.Check(CudaDriver.MemcpyHtoDAsync(statePtr + 8, flagSource, sizeof(int), side), "cuMemcpyHtoDAsync");
            CudaDriver.Check(CudaDriver.EventRecord(join, side), "cuEventRecord");
            Launch5(awaitFlag, clipBlocks, stream, mappedView, deviceView, stateView, clipView, Words);
            CudaDriver.Check(CudaDriver.StreamWaitEvent(stream, join, 0), "cuStreamWaitEvent");
        });
        // The kernel expects launch n's flag to be n + 1 (its tickets count launches); the host sets it before each launch.
        state.MemSetToZero(accelerator.DefaultStream);
        accelerator.Synchronize();
        int launch = 0;
        Report2(log, "overlap (F): copy + flag copy beside the kernel", Events(start, end, stream, exec, _ => *flagSource = ++launch));
        CudaDriver.Check(StreamDestroy(side), "cuStreamDestroy");
        CudaDriver.Check(CudaDriver.EventDestroy(fork), "cuEventDestroy");
        CudaDriver.Check(CudaDriver.EventDestroy(join), "cuEventDestroy");
    }

    private static void Launch5(nint function, uint blocks, nint stream, ViewParameter a, ViewParameter b, ViewParameter c, ViewParameter d, int words)
    {
        void** parameters = stackalloc void*[5];
        parameters[0] = &a;
        parameters[1] = &b;
        parameters[2] = &c;
        parameters[3] = &d;
        parameters[4] = &words;
        CudaDriver.Check(CudaDriver.LaunchKernel(function, blocks, 1, 1, 256, 1, 1, 0, stream, parameters, null), "cuLaunchKernel");
    }

    /// <summary>(E) state[0]: tickets; state[2]: the flag.</summary>
    private static void ScaleFetchedByFirst(ArrayView<int> mapped, ArrayView<int> table, ArrayView<int> state, ArrayView<float> clip, int words)
    {
        var shared = SharedMemory.Allocate<int>(1);
        if (Group.IdxX == 0)
        {
            shared[0] = (Atomic.Add(ref state[0], 1) / Grid.DimX) + 1;
        }

        if (Grid.IdxX == 0)
        {
            for (int i = Group.IdxX; i < words; i += Group.DimX)
            {
                table[i] = mapped[i];
            }
        }

        FourSamples samples = FourSamples.Load(clip);
        Group.Barrier();
        int expected = shared[0];
        if (Grid.IdxX == 0 && Group.IdxX == 0)
        {
            MemoryFence.DeviceLevel();
            Atomic.Exchange(ref state[2], expected);
        }

        if (Group.IdxX == 0)
        {
            while (Atomic.CompareExchange(ref state[2], -1, -1) != expected)
            {
            }
        }

        Group.Barrier();
        WriteScaled(table, clip, words, samples);
    }

    /// <summary>(F) state[0]: tickets; state[2]: the flag the second copy writes.</summary>
    private static void ScaleAfterFlag(ArrayView<int> mapped, ArrayView<int> table, ArrayView<int> state, ArrayView<float> clip, int words)
    {
        FourSamples samples = FourSamples.Load(clip);
        if (Group.IdxX == 0)
        {
            int expected = (Atomic.Add(ref state[0], 1) / Grid.DimX) + 1;
            while (Atomic.CompareExchange(ref state[2], -1, -1) != expected)
            {
            }
        }

        Group.Barrier();
        if (mapped.Length < 0)
        {
            return;
        }

        WriteScaled(table, clip, words, samples);
    }

    /// <summary>One group copies the first <paramref name="words"/> words of <paramref name="source"/> to <paramref name="target"/>.</summary>
    private static void Fetch(ArrayView<int> source, ArrayView<int> target, int words)
    {
        for (int i = Group.IdxX; i < words; i += Group.DimX)
        {
            target[i] = source[i];
        }
    }
}
