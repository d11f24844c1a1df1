using System.Runtime.InteropServices;

namespace FastAudiomentations.Gpu.Execution;

/// <summary>
/// The kernel nodes of a call's graph whose first argument is the call's <see cref="InlineTable"/>, with the argument
/// buffers through which each replay gives them its table (cuGraphExecKernelNodeSetParams).
/// </summary>
/// <remarks>
/// A node's arguments are read once, when the graph is captured (cuGraphKernelNodeGetParams): ILGPU launches with one
/// packed argument buffer (the driver's "extra" form); the per-argument form is handled too, through
/// cuFuncGetParamInfo. Either way the table sits at offset 0 of the arguments, so a replay overwrites its first bytes
/// and hands the node the whole buffer again.
/// </remarks>
internal sealed unsafe class InlineTableNodes : IDisposable
{
    private const int KernelNodeType = 0; // CU_GRAPH_NODE_TYPE_KERNEL
    private static readonly void* BufferPointer = (void*)1; // CU_LAUNCH_PARAM_BUFFER_POINTER
    private static readonly void* BufferSize = (void*)2; // CU_LAUNCH_PARAM_BUFFER_SIZE

    // The graph-node entry points (also the benchmark's table probes'; null where the driver lacks them).
    internal static readonly delegate* unmanaged<nint, nint*, nuint*, int> GraphGetNodes = (delegate* unmanaged<nint, nint*, nuint*, int>)CudaDriver.Export("cuGraphGetNodes");
    internal static readonly delegate* unmanaged<nint, int*, int> GraphNodeGetType = (delegate* unmanaged<nint, int*, int>)CudaDriver.Export("cuGraphNodeGetType");
    internal static readonly delegate* unmanaged<nint, KernelNodeParameters*, int> KernelNodeGetParams = (delegate* unmanaged<nint, KernelNodeParameters*, int>)CudaDriver.Export("cuGraphKernelNodeGetParams");
    internal static readonly delegate* unmanaged<nint, nint, KernelNodeParameters*, int> ExecKernelNodeSetParams = (delegate* unmanaged<nint, nint, KernelNodeParameters*, int>)CudaDriver.Export("cuGraphExecKernelNodeSetParams");
    private static readonly delegate* unmanaged<nint, nuint, nuint*, nuint*, int> FuncGetParamInfo = (delegate* unmanaged<nint, nuint, nuint*, nuint*, int>)CudaDriver.Export("cuFuncGetParamInfo");

    private readonly Node[] _nodes;
    private nint _graph;

    private InlineTableNodes(nint graph, Node[] nodes) => (_graph, _nodes) = (graph, nodes);

    /// <summary>Whether the driver has the entry points a node update needs.</summary>
    public static bool Available => GraphGetNodes != null && GraphNodeGetType != null && KernelNodeGetParams != null && ExecKernelNodeSetParams != null;

    /// <summary>
    /// The kernel nodes of <paramref name="graph"/> (every one takes the table first), owning the graph from then on (an
    /// instance's updates name its graph's nodes), or null, the graph left to the caller, when a node's arguments cannot
    /// be read back or the driver has no node entry points (<see cref="Available"/>).
    /// </summary>
    public static InlineTableNodes? From(nint graph)
    {
        if (!Available)
        {
            return null;
        }

        nuint count = 0;
        CudaDriver.Check(GraphGetNodes(graph, null, &count), "cuGraphGetNodes");
        nint* handles = stackalloc nint[(int)count];
        CudaDriver.Check(GraphGetNodes(graph, handles, &count), "cuGraphGetNodes");
        var nodes = new List<Node>();
        for (int i = 0; i < (int)count; i++)
        {
            int type;
            CudaDriver.Check(GraphNodeGetType(handles[i], &type), "cuGraphNodeGetType");
            if (type != KernelNodeType)
            {
                continue;
            }

            KernelNodeParameters parameters;
            CudaDriver.Check(KernelNodeGetParams(handles[i], &parameters), "cuGraphKernelNodeGetParams");
            Node? node = Node.Copy(handles[i], parameters);
            if (node is null)
            {
                foreach (Node made in nodes)
                {
                    made.Dispose();
                }

                return null;
            }

            nodes.Add(node);
        }

        return new InlineTableNodes(graph, [.. nodes]);
    }

    /// <summary>Gives every node of <paramref name="exec"/> (the graph's instance) the table <paramref name="table"/>.</summary>
    public void Update(nint exec, ref InlineTable table)
    {
        // The header (Count, FloatsAt) and the words in use; the rest is never read. Through a span: the table may live
        // in a managed object, which a pointer would not pin.
        ReadOnlySpan<byte> words = MemoryMarshal.AsBytes(new ReadOnlySpan<InlineTable>(ref table))[..((2 + table.Count) * sizeof(int))];
        foreach (Node node in _nodes)
        {
            words.CopyTo(new Span<byte>(node.Arguments, (int)node.Size));
            KernelNodeParameters parameters = node.Parameters;
            CudaDriver.Check(ExecKernelNodeSetParams(exec, node.Handle, &parameters), "cuGraphExecKernelNodeSetParams");
        }
    }

    /// <summary>
    /// Launches every node's kernel on <paramref name="stream"/> with the table <paramref name="table"/>, by cuLaunchKernel
    /// and the arguments read from the graph, without the graph: one driver call a node, where a replay takes a node
    /// update and a graph launch (the side stream's work ahead, GpuExecutor.AheadSteps).
    /// </summary>
    public void Launch(nint stream, ref InlineTable table)
    {
        ReadOnlySpan<byte> words = MemoryMarshal.AsBytes(new ReadOnlySpan<InlineTable>(ref table))[..((2 + table.Count) * sizeof(int))];
        foreach (Node node in _nodes)
        {
            words.CopyTo(new Span<byte>(node.Arguments, (int)node.Size));
            KernelNodeParameters p = node.Parameters;
            CudaDriver.Check(CudaDriver.LaunchKernel(p.Function, p.GridX, p.GridY, p.GridZ, p.BlockX, p.BlockY, p.BlockZ, p.SharedBytes, stream, p.Arguments, p.Extra), "cuLaunchKernel");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Node node in _nodes)
        {
            node.Dispose();
        }

        if (_graph != 0)
        {
            CudaDriver.GraphDestroy(_graph);
            _graph = 0;
        }
    }

    /// <summary>CUDA_KERNEL_NODE_PARAMS (the first version, which cuGraphKernelNodeGetParams and cuGraphExecKernelNodeSetParams take).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct KernelNodeParameters
    {
        public nint Function;
        public uint GridX, GridY, GridZ, BlockX, BlockY, BlockZ, SharedBytes;
        public void** Arguments;
        public void** Extra;
    }

    /// <summary>One kernel node: its launch, and its arguments copied into native memory this object owns.</summary>
    private sealed class Node : IDisposable
    {
        public nint Handle;
        public KernelNodeParameters Parameters;
        public byte* Arguments;
        public nuint Size;
        private void** _pointers;
        private nuint* _size;

        /// <summary>The node's launch with its arguments copied, or null when they cannot be read.</summary>
        public static Node? Copy(nint handle, KernelNodeParameters parameters)
        {
            var node = new Node { Handle = handle, Parameters = parameters };
            if (parameters.Extra != null)
            {
                // [BUFFER_POINTER, buffer, BUFFER_SIZE, &size, END]
                void* buffer = null;
                nuint size = 0;
                for (void** entry = parameters.Extra; *entry != null; entry += 2)
                {
                    if (entry[0] == BufferPointer)
                    {
                        buffer = entry[1];
                    }
                    else if (entry[0] == BufferSize)
                    {
                        size = *(nuint*)entry[1];
                    }
                }

                if (buffer == null || size < (nuint)sizeof(InlineTable))
                {
                    return null;
                }

                node.Size = size;
                node.Arguments = (byte*)NativeMemory.Alloc(size);
                Buffer.MemoryCopy(buffer, node.Arguments, (long)size, (long)size);
                node._size = (nuint*)NativeMemory.Alloc((nuint)sizeof(nuint));
                *node._size = size;
                node._pointers = (void**)NativeMemory.Alloc((nuint)(5 * sizeof(void*)));
                node._pointers[0] = BufferPointer;
                node._pointers[1] = node.Arguments;
                node._pointers[2] = BufferSize;
                node._pointers[3] = node._size;
                node._pointers[4] = null;
                node.Parameters.Arguments = null;
                node.Parameters.Extra = node._pointers;
                return node;
            }

            return parameters.Arguments == null || FuncGetParamInfo == null ? null : CopyArguments(node, parameters);
        }

        /// <summary>The per-argument form: each argument's offset and size from cuFuncGetParamInfo, copied into one buffer.</summary>
        private static Node? CopyArguments(Node node, KernelNodeParameters parameters)
        {
            var offsets = new List<(nuint Offset, nuint Size)>();
            nuint offset, size;
            while (FuncGetParamInfo(parameters.Function, (nuint)offsets.Count, &offset, &size) == CudaDriver.Success)
            {
                offsets.Add((offset, size));
            }

            if (offsets.Count == 0 || offsets[0].Offset != 0 || offsets[0].Size < (nuint)sizeof(InlineTable))
            {
                return null;
            }

            node.Size = offsets[^1].Offset + offsets[^1].Size;
            node.Arguments = (byte*)NativeMemory.Alloc(node.Size);
            node._pointers = (void**)NativeMemory.Alloc((nuint)(offsets.Count * sizeof(void*)));
            for (int i = 0; i < offsets.Count; i++)
            {
                byte* at = node.Arguments + offsets[i].Offset;
                Buffer.MemoryCopy(parameters.Arguments[i], at, (long)offsets[i].Size, (long)offsets[i].Size);
                node._pointers[i] = at;
            }

            node.Parameters.Arguments = node._pointers;
            node.Parameters.Extra = null;
            return node;
        }

        public void Dispose()
        {
            NativeMemory.Free(Arguments);
            NativeMemory.Free(_pointers);
            NativeMemory.Free(_size);
            Arguments = null;
            _pointers = null;
            _size = null;
        }
    }
}
