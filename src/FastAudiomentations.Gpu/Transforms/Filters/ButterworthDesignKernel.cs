using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// Designs every applied row's Butterworth cascade on the device, into the <see cref="IirRecord"/> that
/// <see cref="IirCascadeKernel"/> then reads: one group per row, one thread per section. The design is the
/// core's own (<see cref="ButterworthDesign.SectionPoles"/>, <see cref="ButterworthDesign.Section"/>), the very
/// static methods the CPU path runs, from the tangents of the edges the host computed
/// (<see cref="IirDesignInput"/>).
/// </summary>
/// <remarks>
/// Thread i computes section i's poles (design order), and for band designs its radius, which goes to shared
/// memory: its place is the number of sections that precede it (<see cref="ButterworthDesign.Precedes"/>, a
/// stable sort by radius as a rank). A band-pass design's first section is negated when the sections' phases at
/// the centre multiply to -1 (<see cref="ButterworthDesign.CentrePhase"/>, multiplied in design order like the
/// host). Then the thread realises its section and writes its record entry: the section, the steady state per
/// unit input, the DC gain and the 16 transition levels A^(K 2^d) (<see cref="BiquadChunkScan.ChunkPower"/>,
/// squared level by level in double). All in double; + - * / and sqrt only.
/// </remarks>
internal static class ButterworthDesignKernel
{
    /// <summary>Threads per group: one per section of the largest design.</summary>
    public const int GroupSize = ButterworthDesign.MaxOrder;

    /// <summary>The kernel: one group of <see cref="GroupSize"/> threads per row; grid = rows.</summary>
    /// <param name="floats">The per-call float table (the rows' <see cref="IirDesignInput"/>).</param>
    /// <param name="prototypes">The prototype poles, <see cref="ButterworthDesign.PrototypeTable"/>.</param>
    /// <param name="records">Receives each designed row's record at row x <see cref="ButterworthDesignPass.RecordStride"/>.</param>
    /// <param name="pass">The launch's arguments.</param>
    public static void Run(ArrayView<float> floats, ArrayView<double> prototypes, ArrayView<float> records, ButterworthDesignPass pass)
    {
        ArrayView<double> radii = SharedMemory.Allocate<double>(ButterworthDesign.MaxOrder);
        ArrayView<double> phases = SharedMemory.Allocate<double>(2 * ButterworthDesign.MaxOrder);
        int row = Grid.IdxX;
        int index = Group.IdxX;
        long input = pass.InputOffset + ((long)row * IirDesignInput.Stride);
        int order = (int)floats[input];
        if (order == 0)
        {
            return;
        }

        var edges = new ButterworthEdges((ButterworthBand)pass.Band, order, DoubleBits.Read(floats, input + IirDesignInput.W1Offset), DoubleBits.Read(floats, input + IirDesignInput.W2Offset));
        int count = ButterworthDesign.SectionCount(edges.Band, order);
        bool active = index < count;
        DoubleComplex p1 = default, p2 = default;
        if (active)
        {
            int at = 2 * ButterworthDesign.PrototypeIndex(order, ButterworthDesign.PrototypeOf(edges.Band, order, index));
            ButterworthDesign.SectionPoles(edges, index, new DoubleComplex(prototypes[at], prototypes[at + 1]), out p1, out p2);
        }

        int place = index;
        bool negate = false;
        if (edges.TwoSided)
        {
            // The same for every thread of the group: all reach the barrier.
            double radius = active ? ButterworthDesign.Radius(p1, p2) : 0;
            DoubleComplex phase = active && edges.Band == ButterworthBand.BandPass ? ButterworthDesign.CentrePhase(edges, p1, p2) : default;
            if (active)
            {
                radii[index] = radius;
                phases[2 * index] = phase.Re;
                phases[(2 * index) + 1] = phase.Im;
            }

            Group.Barrier();
            place = 0;
            for (int j = 0; j < count; j++)
            {
                place += ButterworthDesign.Precedes(radii[j], j, radius, index) ? 1 : 0;
            }

            if (active && place == 0 && edges.Band == ButterworthBand.BandPass)
            {
                var product = new DoubleComplex(1, 0);
                for (int j = 0; j < count; j++)
                {
                    product *= new DoubleComplex(phases[2 * j], phases[(2 * j) + 1]);
                }

                negate = product.Re < 0;
            }
        }

        if (!active)
        {
            return;
        }

        long record = (long)row * pass.RecordStride;
        if (index == 0)
        {
            records[record] = count;
            records[record + 1] = floats[input + IirDesignInput.PaddingOffset];
            records[record + 2] = 0;
            records[record + 3] = 0;
        }

        IirRecord.WriteSection(records, record + IirRecord.HeaderFloats + (place * IirRecord.SectionFloats), ButterworthDesign.Section(edges, index, p1, p2, negate));
    }
}
