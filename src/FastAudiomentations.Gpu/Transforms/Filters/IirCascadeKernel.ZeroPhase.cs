using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// The zero-phase passes' way in and out for the compiled-shape kernels (<see cref="RunCausal{TGroup, TKind}"/> and
/// <see cref="RunWarmUp{TTable, TGroup, TKind}"/>): the forward pass reads the row through scipy's odd extension into the padded
/// scratch, the backward pass reads the scratch from its end and writes the row's middle.
/// </summary>
/// <remarks>
/// A tile (or window) that lies inside the row (forward) or inside the scratch (backward) is a contiguous span of one
/// buffer, read by <see cref="ChunkLanes.IssueWhole"/> at constant offsets as a causal tile is: the forward pass's at the
/// row shifted by the padding, the backward pass's from the span's end, with the lanes reversed after the load (and
/// before the store) so that every thread holds its samples in the coalesced order. Only the tiles at a row's ends, a
/// few padding samples of them, take <see cref="IirSignal"/>'s per-sample index and bounds checks, as
/// <see cref="Run"/> does everywhere. Input and output are different buffers in both passes, so no group overwrites
/// what another still reads.
/// </remarks>
internal static partial class IirCascadeKernel
{
    /// <summary>
    /// What a compiled-shape kernel's passes filter, known when it compiles (<see cref="RunCausal{TGroup, TKind}"/>'s and
    /// <see cref="RunWarmUp{TTable, TGroup, TKind}"/>'s type argument): the causal instantiations carry none of zero phase's way in
    /// and out, which in one kernel cost the default filters' warm-up launches 0.45-0.9 us at batch 1
    /// (bench/gpu-notes.md, run 136).
    /// </summary>
    public interface IPassKind
    {
        /// <summary>Whether the passes are zero phase's (<see cref="IirPass.Mode"/> forward or backward), not causal.</summary>
        bool ZeroPhase { get; }
    }

    /// <summary>Causal passes: the row filtered in place.</summary>
    public struct CausalPass : IPassKind
    {
        /// <inheritdoc/>
        public readonly bool ZeroPhase => false;
    }

    /// <summary>Zero phase's forward and backward passes (<see cref="IirPass.Mode"/> says which).</summary>
    public struct ZeroPhasePass : IPassKind
    {
        /// <inheritdoc/>
        public readonly bool ZeroPhase => true;
    }

    /// <summary>The signal of a zero-phase pass (<paramref name="mode"/> forward or backward) over a row of <paramref name="length"/> valid samples.</summary>
    private static IirSignal PaddedSignal(int mode, ArrayView<float> data, ArrayView<float> padded, int length, int padding) => new()
    {
        Row = data,
        Scratch = padded,
        Count = length + (2 * padding),
        Length = length,
        Padding = padding,
        Mode = mode,
    };

    /// <summary>
    /// Issues this thread's loads of the pass's samples [<paramref name="start"/>, start + G K) in the coalesced order
    /// (<see cref="ChunkLanes.Issue"/>'s layout), zero past the signal; returns whether they came reversed, for
    /// <see cref="ChunkLanes.Reverse"/> once they arrive.
    /// </summary>
    private static bool IssuePadded(ref ChunkLanes chunk, in IirSignal signal, int start, int tid, int groupSize)
    {
        int span = groupSize * ChunkLength;
        if (signal.Mode == IirSignal.Forward && start >= signal.Padding && start + span <= signal.Padding + signal.Length)
        {
            chunk.IssueWhole(signal.Row.SubView(start - signal.Padding + tid), groupSize);
            return false;
        }

        if (signal.Mode == IirSignal.Backward && start + span <= signal.Count)
        {
            // Sample start + p sits at Count - 1 - start - p: thread tid's lane j' reads the span's element
            // (G - 1 - tid) + j' G, which is sample (31 - j') G + tid, lane 31 - j' of the coalesced order.
            chunk.IssueWhole(signal.Scratch.SubView(signal.Count - start - span + (groupSize - 1 - tid)), groupSize);
            return true;
        }

        float first = signal.Mode == IirSignal.Forward ? signal.Row[0] : 0f;
        float last = signal.Mode == IirSignal.Forward ? signal.Row[signal.Length - 1] : 0f;
        chunk.Issue(signal, start, tid, groupSize);
        chunk.Finish(signal, start, tid, groupSize, first, last);
        return false;
    }

    /// <summary>
    /// Writes a tile's output, which <see cref="ChunkLanes.CollectOwn"/> read in the coalesced order: the forward pass's
    /// to the scratch at the same positions, the backward pass's reversed into the row's middle (those past the signal
    /// or in the padding are not stored).
    /// </summary>
    private static void EmitPadded(ref ChunkLanes chunk, in IirSignal signal, int tileStart, int tid, int groupSize)
    {
        int span = groupSize * ChunkLength;
        if (signal.Mode == IirSignal.Forward)
        {
            if (tileStart + span <= signal.Count)
            {
                chunk.EmitWhole(signal.Scratch.SubView(tileStart + tid), groupSize);
            }
            else
            {
                chunk.EmitTail(signal.Scratch, tileStart + tid, groupSize, signal.Count);
            }

            return;
        }

        if (tileStart >= signal.Padding && tileStart + span <= signal.Padding + signal.Length)
        {
            // Sample tileStart + p goes to Count - 1 - Padding - tileStart - p: reversed, lane j holds the span's element
            // (G - 1 - tid) + j G.
            chunk.Reverse();
            chunk.EmitWhole(signal.Row.SubView(signal.Count - signal.Padding - tileStart - span + (groupSize - 1 - tid)), groupSize);
            return;
        }

        chunk.EmitLanes(signal, tileStart + tid, groupSize, 0, ChunkLength);
    }
}
