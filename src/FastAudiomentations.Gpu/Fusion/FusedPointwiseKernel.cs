using FastAudiomentations.Gpu.Transforms.Amplitude;
using FastAudiomentations.Random;
using ILGPU;

namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// One pass over the batch that runs a whole run of pointwise steps: each thread loads
/// <see cref="Lanes.Count"/> samples of one row, applies every op of the pass whose applied flag is set for
/// that row, and stores them once. A chain of k pointwise transforms costs one read and one write.
/// </summary>
/// <remarks>
/// Layout: block b works on row b / ChunksPerRow, on a chunk of GroupSize x <see cref="Lanes.Count"/> samples;
/// lane j of thread i is sample chunkStart + i + j x GroupSize (coalesced). The block first resolves its row's
/// program (op code, or 0 where the row's applied flag is off; node; parameter index) into shared memory,
/// one op per thread; the switch is uniform across a block, so it costs no divergence. A block whose row applies no op and writes no statistics returns at
/// once, so a transform with p = 0.5 moves half the bytes. Statistics (max |x| and sum x^2 of the pass's
/// output) are reduced per block into partial slots; the next pass sums its row's partials in a fixed order,
/// so results are deterministic. See docs/architecture/fusion.md.
/// </remarks>
internal static class FusedPointwiseKernel
{
    /// <summary>The largest group size the kernel's shared memory is sized for.</summary>
    public const int MaxGroupSize = 256;

    /// <summary>The most ops one pass runs; the executor starts a new pass after this many.</summary>
    public const int MaxOpsPerPass = 64;

    /// <summary>The kernel.</summary>
    public static void Run(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partialsIn, ArrayView<float> partialsOut, FusedPass pass)
    {
        int block = Grid.IdxX;
        int row = block / pass.ChunksPerRow;
        int chunk = block - (row * pass.ChunksPerRow);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int first = (chunk * groupSize * Lanes.Count) + tid;
        int length = ints[pass.LengthsOffset + row];

        // Resolve the op table for this row once per block, one op per thread, into shared memory: every thread
        // then reads its program from shared memory instead of chasing table entries in global memory.
        ArrayView<int> codes = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<int> nodes = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<int> parameterIndices = SharedMemory.Allocate<int>(MaxOpsPerPass);
        ArrayView<int> constantIndices = SharedMemory.Allocate<int>(MaxOpsPerPass);
        for (int k = tid; k < pass.OpCount; k += groupSize)
        {
            int entry = pass.OpsOffset + (k * PointwiseOp.Ints);
            bool applied = ints[ints[entry + 4] + row] != 0;
            codes[k] = applied ? ints[entry] : 0;
            nodes[k] = ints[entry + 1];
            parameterIndices[k] = ints[entry + 2] + (row * ints[entry + 3]);
            constantIndices[k] = ints[entry + 5];
        }

        Group.Barrier();
        bool any = false;
        for (int k = 0; k < pass.OpCount; k++)
        {
            any |= codes[k] != 0;
        }

        if (!any && pass.WriteStatistics == 0)
        {
            return;
        }

        var context = new RowContext
        {
            Row = row,
            Channel = row % pass.Channels,
            ExampleId = (uint)ints[pass.ExampleIdsOffset + row],
            Length = length,
            Key = new RandomKey(pass.KeyLow, pass.KeyHigh),
        };
        if (pass.ReadStatistics != 0)
        {
            float peak = 0f, energy = 0f;
            for (int c = tid; c < pass.ChunksPerRow; c += groupSize)
            {
                peak = MathF.Max(peak, partialsIn[(row * pass.ChunksPerRow) + c]);
                energy += partialsIn[pass.PartialCount + (row * pass.ChunksPerRow) + c];
            }

            BlockReduce(ref peak, ref energy);
            context.Peak = peak;
            context.Energy = energy;
        }

        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        var lanes = default(Lanes);
        lanes.Load(rowView, first, groupSize, length);
        for (int k = 0; k < pass.OpCount; k++)
        {
            int code = codes[k];
            if (code != 0)
            {
                Dispatch(ref lanes, code, nodes[k], floats, parameterIndices[k], constantIndices[k], context, first, groupSize);
            }
        }

        if (pass.WriteStatistics != 0)
        {
            float peak = 0f, energy = 0f;
            lanes.Accumulate(first, groupSize, length, ref peak, ref energy);
            BlockReduce(ref peak, ref energy);
            if (Group.IdxX == 0)
            {
                partialsOut[block] = peak;
                partialsOut[pass.PartialCount + block] = energy;
            }
        }

        if (pass.Store != 0)
        {
            lanes.Store(rowView, first, groupSize, length);
        }
    }

    /// <summary>Runs op <paramref name="code"/> over the lanes: the one place that lists every pointwise op.</summary>
    private static void Dispatch(ref Lanes lanes, int code, int node, ArrayView<float> floats, int parameters, int constants, in RowContext context, int first, int stride)
    {
        switch ((PointwiseOpCode)code)
        {
            case PointwiseOpCode.Gain:
            {
                GainKernel.Function function = GainKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.PolarityInversion:
            {
                PolarityInversionKernel.Function function = PolarityInversionKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            case PointwiseOpCode.Clip:
            {
                ClipKernel.Function function = ClipKernel.Prepare(floats, parameters, constants, node, context);
                lanes.Map(ref function, first, stride);
                break;
            }

            default:
                break;
        }
    }

    /// <summary>Max and sum over the group (a power of two), left in every thread's arguments.</summary>
    private static void BlockReduce(ref float peak, ref float energy)
    {
        ArrayView<float> peaks = SharedMemory.Allocate<float>(MaxGroupSize);
        ArrayView<float> energies = SharedMemory.Allocate<float>(MaxGroupSize);
        int tid = Group.IdxX;
        peaks[tid] = peak;
        energies[tid] = energy;
        Group.Barrier();
        for (int half = Group.DimX / 2; half > 0; half /= 2)
        {
            if (tid < half)
            {
                peaks[tid] = MathF.Max(peaks[tid], peaks[tid + half]);
                energies[tid] += energies[tid + half];
            }

            Group.Barrier();
        }

        peak = peaks[0];
        energy = energies[0];
        Group.Barrier();
    }
}
