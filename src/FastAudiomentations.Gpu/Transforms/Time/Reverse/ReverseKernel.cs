using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Transforms.Time;

/// <summary><see cref="Reverse"/> on the GPU: its own kernel, in place, exact.</summary>
/// <remarks>
/// <para>Each applied row swaps sample t with sample <see cref="Reverse.SourceIndex"/>(t, L) for t &lt; L / 2 (the middle
/// sample of an odd length stays): only the valid samples move, so padding stays zero. One read and one write of
/// the valid samples, like a copy.</para>
/// <para>Block b works on row b / ChunksPerRow: a front tile [a, a + n) of the first half and its mirror
/// [L - a - n, L - a). Both tiles go through shared memory, so that every store is laid out by its own address:
/// the front tile's stores start at a (aligned), and the mirror's stores are issued from the 32-byte boundary at or
/// below its start, so each warp writes whole 32-byte sectors except at the tile's two ends. Mirroring in the
/// registers instead (thread i storing at L - 1 - t) leaves nearly every warp's mirrored store straddling a sector
/// boundary when L - 1 is not a multiple of 8, and partial sectors cost the memory a read-modify-write.</para>
/// </remarks>
internal sealed class ReverseKernel : StepKernel<Reverse, ReverseParameters>
{
    /// <summary>Floats per 32-byte sector.</summary>
    private const int SectorFloats = 8;

    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ReversePass> _kernel;

    /// <summary>Compiles the kernel on <paramref name="accelerator"/>.</summary>
    public ReverseKernel(Accelerator accelerator)
        : base(accelerator) =>
        _kernel = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ReversePass>(Run);

    /// <inheritdoc/>
    public override ulong? GraphKey(PlannedStep step, AudioBatch batch) => 0; // no settings: the launch is the batch's shape

    /// <inheritdoc/>
    public override void Launch(in StepLaunch launch)
    {
        int rows = launch.Batch.Rows;
        int chunk = launch.GroupSize * Lanes.Count;
        int half = (launch.Batch.Capacity + 1) / 2;
        int chunksPerRow = Math.Max(1, (half + chunk - 1) / chunk);
        var pass = new ReversePass
        {
            Pitch = launch.Pitch,
            ChunksPerRow = chunksPerRow,
            LengthsOffset = launch.LengthsOffset,
            AppliedOffset = launch.AppliedOffset,
        };
        _kernel(launch.Stream, new KernelConfig(rows * chunksPerRow, launch.GroupSize), launch.Samples, launch.Ints, pass);
    }

    /// <summary>The kernel: swaps a front tile of an applied row with its mirror.</summary>
    internal static void Run(ArrayView<float> samples, ArrayView<int> ints, ReversePass pass)
    {
        int block = Grid.IdxX;
        int row = block / pass.ChunksPerRow;
        int chunk = block - (row * pass.ChunksPerRow);
        if (ints[pass.AppliedOffset + row] == 0)
        {
            return;
        }

        int stride = Group.DimX;
        int tid = Group.IdxX;
        int tile = stride * Lanes.Count;
        int length = ints[pass.LengthsOffset + row];
        int a = chunk * tile;
        int n = Math.Min(tile, (length / 2) - a);
        if (n <= 0)
        {
            return;
        }

        // front[i] = x[a + i], mirror[i] = x[L - 1 - (a + i)] for i < n.
        ArrayView<float> front = SharedMemory.Allocate<float>(FusedPointwiseKernel.MaxGroupSize * Lanes.Count);
        ArrayView<float> mirror = SharedMemory.Allocate<float>(FusedPointwiseKernel.MaxGroupSize * Lanes.Count);
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var x = default(Lanes);
        x.Load(rowView.SubView(a, n), tid, stride, n);
        var y = default(Lanes);
        int mirrorStart = length - a - n;
        y.Load(rowView.SubView(mirrorStart, n), tid, stride, n);
        Put(front, x, tid, stride, n);
        // y holds x[mirrorStart + i]; mirror[i] = x[L - 1 - a - i] = x[mirrorStart + (n - 1 - i)].
        PutReversed(mirror, y, tid, stride, n);
        Group.Barrier();

        // Front tile: x'[a + i] = mirror[i], from a (aligned).
        for (int i = tid; i < n; i += stride)
        {
            rowView[a + i] = mirror[i];
        }

        // Mirror tile: x'[p] = x[L - 1 - p] = front[L - 1 - p - a] for p in [mirrorStart, mirrorStart + n), issued from
        // the sector boundary at or below mirrorStart so that warps write whole sectors.
        int from = mirrorStart - (mirrorStart % SectorFloats);
        for (int p = from + tid; p < mirrorStart + n; p += stride)
        {
            if (p >= mirrorStart)
            {
                rowView[p] = front[Reverse.SourceIndex(p, length) - a];
            }
        }
    }

    private static void Put(ArrayView<float> tile, in Lanes lanes, int first, int stride, int n)
    {
        Set(tile, first, n, lanes.V0);
        Set(tile, first + stride, n, lanes.V1);
        Set(tile, first + (2 * stride), n, lanes.V2);
        Set(tile, first + (3 * stride), n, lanes.V3);
        Set(tile, first + (4 * stride), n, lanes.V4);
        Set(tile, first + (5 * stride), n, lanes.V5);
        Set(tile, first + (6 * stride), n, lanes.V6);
        Set(tile, first + (7 * stride), n, lanes.V7);
    }

    private static void PutReversed(ArrayView<float> tile, in Lanes lanes, int first, int stride, int n)
    {
        Set(tile, n - 1 - first, n, lanes.V0, first);
        Set(tile, n - 1 - (first + stride), n, lanes.V1, first + stride);
        Set(tile, n - 1 - (first + (2 * stride)), n, lanes.V2, first + (2 * stride));
        Set(tile, n - 1 - (first + (3 * stride)), n, lanes.V3, first + (3 * stride));
        Set(tile, n - 1 - (first + (4 * stride)), n, lanes.V4, first + (4 * stride));
        Set(tile, n - 1 - (first + (5 * stride)), n, lanes.V5, first + (5 * stride));
        Set(tile, n - 1 - (first + (6 * stride)), n, lanes.V6, first + (6 * stride));
        Set(tile, n - 1 - (first + (7 * stride)), n, lanes.V7, first + (7 * stride));
    }

    private static void Set(ArrayView<float> tile, int i, int n, float value)
    {
        if (i < n)
        {
            tile[i] = value;
        }
    }

    /// <summary>tile[i] = value where lane index <paramref name="lane"/> is below n.</summary>
    private static void Set(ArrayView<float> tile, int i, int n, float value, int lane)
    {
        if (lane < n)
        {
            tile[i] = value;
        }
    }
}
