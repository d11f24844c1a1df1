using System.Runtime.CompilerServices;
using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Transforms.Time;

/// <summary><see cref="Reverse"/> on the GPU: its own kernel, in place, exact.</summary>
/// <remarks>
/// Each applied row swaps sample t with sample <see cref="Reverse.SourceIndex"/>(t, L) for t &lt; L / 2 (the middle
/// sample of an odd length stays): only the valid samples move, so padding stays zero. Block b works on row
/// b / ChunksPerRow and a chunk of the first half; a thread loads its 8 front lanes (coalesced) and the 8 mirrored
/// ones (coalesced too, in reverse order) before storing any, so 16 loads are in flight. One read and one write of
/// the valid samples, like a copy.
/// </remarks>
internal sealed class ReverseKernel : StepKernel<Reverse, ReverseParameters>
{
    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ReversePass> _kernel;

    /// <summary>Compiles the kernel on <paramref name="accelerator"/>.</summary>
    public ReverseKernel(Accelerator accelerator)
        : base(accelerator) =>
        _kernel = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ReversePass>(Run);

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

    /// <summary>The kernel: swaps the mirrored halves of every applied row.</summary>
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
        int first = (chunk * stride * Lanes.Count) + Group.IdxX;
        int length = ints[pass.LengthsOffset + row];
        int half = length / 2;
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var front = default(Lanes);
        front.Load(rowView, first, stride, half);
        Lanes back = LoadMirrored(rowView, first, stride, half, length);
        StoreMirrored(rowView, front, first, stride, half, length);
        back.Store(rowView, first, stride, half);
    }

    /// <summary>Lane j holds x[SourceIndex(first + j stride)] where first + j stride &lt; half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Lanes LoadMirrored(ArrayView<float> row, int first, int stride, int half, int length) => new()
    {
        V0 = Mirror(row, first, half, length),
        V1 = Mirror(row, first + stride, half, length),
        V2 = Mirror(row, first + (2 * stride), half, length),
        V3 = Mirror(row, first + (3 * stride), half, length),
        V4 = Mirror(row, first + (4 * stride), half, length),
        V5 = Mirror(row, first + (5 * stride), half, length),
        V6 = Mirror(row, first + (6 * stride), half, length),
        V7 = Mirror(row, first + (7 * stride), half, length),
    };

    /// <summary>Stores lane j at SourceIndex(first + j stride) where first + j stride &lt; half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreMirrored(ArrayView<float> row, in Lanes lanes, int first, int stride, int half, int length)
    {
        Put(row, first, half, length, lanes.V0);
        Put(row, first + stride, half, length, lanes.V1);
        Put(row, first + (2 * stride), half, length, lanes.V2);
        Put(row, first + (3 * stride), half, length, lanes.V3);
        Put(row, first + (4 * stride), half, length, lanes.V4);
        Put(row, first + (5 * stride), half, length, lanes.V5);
        Put(row, first + (6 * stride), half, length, lanes.V6);
        Put(row, first + (7 * stride), half, length, lanes.V7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Mirror(ArrayView<float> row, int t, int half, int length) => t < half ? row[Reverse.SourceIndex(t, length)] : 0f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(ArrayView<float> row, int t, int half, int length, float value)
    {
        if (t < half)
        {
            row[Reverse.SourceIndex(t, length)] = value;
        }
    }
}
