using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>
/// AddColorNoise's noise coloured ahead (<see cref="IAheadStep"/>): a call planned while the call before it runs colours
/// its noise and the noise's energy per tile beside that call (<see cref="ColourAhead{TTable}"/>), and its own launch then
/// measures the signal and mixes (<see cref="MeasureAndMix{TTable}"/>, or <see cref="Measure"/> and <see cref="Mix"/>).
/// </summary>
/// <remarks>
/// <para>The noise depends on the call's key, its rows' example ids, lengths and applied flags and the filter's inputs,
/// never on the signal, so colouring it early changes no bit: the same tiles, the same sums in the same order as
/// <see cref="ColourAndMix{TTable}"/> and the two kernels.</para>
/// <para>Where: on CUDA, calls that take the single pass with their table inline and whose colouring fits on the device
/// beside the call (batch 1 of the benchmark clip: <see cref="RunsAhead"/>); the side stream runs the colouring while the
/// call before runs. On ILGPU's CPU accelerator
/// every call that designs on the host or in its groups (so that CI runs these kernels), on the device's stream. Not for
/// calls that design on the device: their taps are made by the call's own design kernel.</para>
/// <para>Buffers: two, used in turn (GpuExecutor.AheadSteps), each [noise, rows x pitch | partials, 2 x rows x tiles]; the
/// colouring writes the noise and the noise's partials (the second half), the call's measurement the signal's (the first
/// half), as the two kernels do. The single pass takes both buffers and reads which from its table, so that calls
/// replay one graph whichever buffer they read.</para>
/// </remarks>
internal sealed partial class AddColorNoiseKernel
{
    /// <summary>The colouring's and the single pass's preferred shared-memory carveout, percent (<see cref="LoadAheadKernels"/>).</summary>
    private const int DefaultCarveout = 100;

    private Action<AcceleratorStream, KernelConfig, CopiedTable, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass>? _colourAhead;
    private Action<AcceleratorStream, KernelConfig, InlineTable, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass>? _colourAheadInline;
    private Action<AcceleratorStream, KernelConfig, InlineTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ColorNoisePass>? _measureAndMixInline;
    private Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ColorNoisePass>? _measure;

    /// <summary>
    /// Whether calls planned ahead colour their noise ahead (on by default; FASTAUG_COLOR_NOISE_AHEAD=0 turns it off, to
    /// time both; tests switch it).
    /// </summary>
    public bool NoiseAhead { get; set; } = ExperimentSwitches.Int("FASTAUG_COLOR_NOISE_AHEAD", 1) != 0;

    /// <summary>The kernels the device's calls take (CUDA: the inline single pass; the CPU accelerator: the copied table and two kernels; none on OpenCL).</summary>
    private void LoadAheadKernels(Accelerator accelerator)
    {
        if (accelerator.AcceleratorType == AcceleratorType.Cuda)
        {
            _colourAheadInline = accelerator.LoadKernel<InlineTable, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass>(ColourAhead);
            _measureAndMixInline = accelerator.LoadKernel<InlineTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<int>, ColorNoisePass>(MeasureAndMix);
            // Both prefer the most shared memory, so that the colouring's groups (13.5 KB of shared memory each) may run on
            // the multiprocessors the running call's groups (~1.5 KB) hold, rather than wait for them to drain under the
            // driver's own choice. Run 205 measured B = 1 events of 10.5 us with 100% against 13.4-13.8 with the driver's
            // (14.1 with 50%; 14.2-14.3 colouring in the call), run 206 13.2 against 13.6: not settled (ncu on the two
            // kernels together would). FASTAUG_AHEAD_CARVEOUT sets the percentage, -1 leaves the driver's choice.
            int carveout = ExperimentSwitches.Int("FASTAUG_AHEAD_CARVEOUT", DefaultCarveout);
            if (carveout >= 0)
            {
                PreferSharedCarveout(_colourAheadInline, carveout);
                PreferSharedCarveout(_measureAndMixInline, carveout);
            }
        }
        else if (accelerator.AcceleratorType == AcceleratorType.CPU)
        {
            _colourAhead = accelerator.LoadKernel<CopiedTable, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass>(ColourAhead);
            _measure = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ColorNoisePass>(Measure);
        }
    }

    /// <summary>
    /// Sets the kernel's preferred shared-memory carveout (percent of the multiprocessor's L1 and shared memory): a
    /// multiprocessor runs groups of one configuration at a time, so a kernel whose configuration differs from the
    /// running one's waits for the multiprocessors to drain.
    /// </summary>
    private static unsafe void PreferSharedCarveout(Delegate kernel, int percent)
    {
        const int PreferredSharedMemoryCarveout = 9; // CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT
        if (CudaDriver.FuncSetAttribute != null)
        {
            nint function = ((CudaKernel)KernelUtil.GetKernel(kernel)).FunctionPtr;
            CudaDriver.Check(CudaDriver.FuncSetAttribute(function, PreferredSharedMemoryCarveout, percent), "cuFuncSetAttribute");
        }
    }

    /// <inheritdoc/>
    /// <remarks>
    /// On CUDA only where the colouring's groups and the running call's fit on the device together (twice the single
    /// pass's groups in half of what it holds at once: batch 1 of the benchmark clip): run 197 at batch 2 (220 groups)
    /// measured 20.3 us of events against 18.5 in the call, the colouring slowing the call it ran beside.
    /// </remarks>
    public bool RunsAhead(PlannedStep step, AudioBatch batch, bool inline, bool beside) =>
        NoiseAhead && !DesignsOnDevice(batch)
        && (beside
            ? inline && Single(batch) && 2L * batch.Rows * TilesPerRow(batch) <= _residentSingle / 2 && _colourAheadInline is not null
            : _colourAhead is not null);

    /// <inheritdoc/>
    public long AheadFloats(PlannedStep step, AudioBatch batch, int pitch) => ((long)batch.Rows * pitch) + (2L * batch.Rows * TilesPerRow(batch));

    /// <inheritdoc/>
    /// <remarks>The single pass's: it reads the buffer's noise and partials from both buffers' view (the same view whichever buffer, so one graph), and waits on its done counter.</remarks>
    public int AheadBufferInt(PlannedStep step, AudioBatch batch) => Single(batch) ? 1 : -1;

    /// <inheritdoc/>
    public int AheadGroups(PlannedStep step, AudioBatch batch) => batch.Rows * TilesPerRow(batch);

    /// <inheritdoc/>
    public void LaunchAhead(in StepLaunch launch, ArrayView<int> done)
    {
        var transform = (AddColorNoise)launch.Step.Transform;
        ColorNoisePass pass = PassFor(launch);
        (ArrayView<float> noise, ArrayView<float> partials) = AheadViews(launch, pass, launch.AheadBuffer);
        ArrayView<float> tables = pass.GroupDesign != 0 ? DesignTables(transform.NFft) : default;
        var config = new KernelConfig(pass.PartialCount, launch.GroupSize);
        if (launch.Inline.Count > 0)
        {
            _colourAheadInline!(launch.Stream, config, launch.Inline, launch.Ints, launch.Floats, partials, noise, tables, done, pass);
        }
        else
        {
            _colourAhead!(launch.Stream, config, default, launch.Ints, launch.Floats, partials, noise, tables, done, pass);
        }
    }

    /// <summary>The call's launch after its noise was coloured ahead: measure and mix in one kernel (the single pass) or two.</summary>
    private void LaunchAfterAhead(in StepLaunch launch, ColorNoisePass pass)
    {
        var config = new KernelConfig(pass.PartialCount, launch.GroupSize);
        if (Single(launch.Batch))
        {
            pass.AheadStride = AheadFloats(launch.Step, launch.Batch, launch.Pitch);
            _measureAndMixInline!(launch.Stream, config, launch.Inline, launch.Samples, launch.Ints, launch.Floats, launch.Ahead, launch.AheadDone, launch.Counters, pass);
            return;
        }

        (ArrayView<float> noise, ArrayView<float> partials) = AheadViews(launch, pass, launch.AheadBuffer);
        _measure!(launch.Stream, config, launch.Samples, launch.Ints, partials, pass);
        _mix(launch.Stream, config, launch.Samples, launch.Ints, launch.Floats, partials, noise, default, pass);
    }

    /// <summary>The noise and the partials in buffer <paramref name="buffer"/> of the work done ahead.</summary>
    private static (ArrayView<float> Noise, ArrayView<float> Partials) AheadViews(in StepLaunch launch, in ColorNoisePass pass, int buffer)
    {
        long noiseFloats = (long)launch.Batch.Rows * pass.Pitch;
        long start = buffer * (noiseFloats + (2L * pass.PartialCount));
        return (launch.Ahead.SubView(start, noiseFloats), launch.Ahead.SubView(start + noiseFloats, 2L * pass.PartialCount));
    }

    /// <summary>
    /// Colours a tile of row b / TilesPerRow's noise into <paramref name="noise"/> (the batch's layout) and its sum of
    /// squares into the partials' second half: <see cref="ColouredTile.ColourNoise"/>, reduced as <see cref="ColouredTile.Colour"/> reduces it.
    /// </summary>
    internal static void ColourAhead<TTable>(TTable table, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partials, ArrayView<float> noise, ArrayView<float> tables, ArrayView<int> done, ColorNoisePass pass)
        where TTable : struct, ITableSource
    {
        if (table.Inline)
        {
            ArrayView<int> staged = SharedMemory.Allocate<int>(InlineTable.Capacity);
            ints = table.Stage(staged);
            floats = table.Floats(staged);
        }

        ColourTileAhead(ints, floats, partials, noise, tables, pass);

        // Done, once the group's writes are: every thread's stores before the barrier, made visible device-wide by the
        // fence before the count (the call's kernel waits for the count, then reads).
        Group.Barrier();
        if (Group.IdxX == 0)
        {
            MemoryFence.DeviceLevel();
            Atomic.Add(ref done[0], 1);
        }
    }

    /// <summary>The body of <see cref="ColourAhead{TTable}"/>: block b's tile of noise and its sum of squares.</summary>
    private static void ColourTileAhead(ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partials, ArrayView<float> noise, ArrayView<float> tables, ColorNoisePass pass)
    {
        int block = Grid.IdxX;
        int row = block / pass.TilesPerRow;
        if (ints[pass.AppliedOffset + row] == 0)
        {
            return;
        }

        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int t0 = (block - (row * pass.TilesPerRow)) * groupSize * ColorNoiseOutputs.Count;
        int length = ints[pass.LengthsOffset + row];
        if (t0 >= length)
        {
            if (tid == 0)
            {
                partials[pass.PartialCount + block] = 0f;
            }

            return;
        }

        var tile = new ColouredTile();
        tile.ColourNoise(ints, floats, tables, pass, row, t0, length);
        float unused = 0f;
        GroupReduce.SumSum(ref unused, ref tile.NoiseEnergy);
        ArrayView<float> noiseRow = noise.SubView((long)row * pass.Pitch, pass.Pitch);
        int first = t0 + tid;
        int ninth = first + (Lanes.Count * groupSize);
        tile.Noise.Store(noiseRow, first, groupSize, length);
        if (ninth < length)
        {
            noiseRow[ninth] = tile.Noise8;
        }

        if (tid == 0)
        {
            partials[pass.PartialCount + block] = tile.NoiseEnergy;
        }
    }

    /// <summary>
    /// The single pass after the noise was coloured ahead (<see cref="ColourAndMix{TTable}"/> without the colouring):
    /// each group measures its tile of the signal, publishes its sum of squares beside the noise's, waits for every group
    /// of the launch and mixes the noise coloured ahead with k from the clip's partials.
    /// </summary>
    internal static void MeasureAndMix<TTable>(TTable table, ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> ahead, ArrayView<int> done, ArrayView<int> counters, ColorNoisePass pass)
        where TTable : struct, ITableSource
    {
        if (table.Inline)
        {
            ArrayView<int> staged = SharedMemory.Allocate<int>(InlineTable.Capacity);
            ints = table.Stage(staged);
            floats = table.Floats(staged);
        }

        ArrayView<int> tally = ArrivalCounter(table, ints, counters, pass, out int arrivals);

        // The buffer the noise was coloured into: [noise, rows x pitch | partials], the one the table names.
        int buffer = ints[pass.ArrivalsOffset + 1];
        long noiseFloats = pass.AheadStride - (2L * pass.PartialCount);
        ArrayView<float> noise = ahead.SubView(buffer * pass.AheadStride, pass.AheadStride);
        ArrayView<float> partials = noise.SubView(noiseFloats, 2L * pass.PartialCount);
        int block = Grid.IdxX;
        int row = block / pass.TilesPerRow;
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int t0 = (block - (row * pass.TilesPerRow)) * groupSize * ColorNoiseOutputs.Count;
        int length = ints[pass.LengthsOffset + row];
        bool applies = ints[pass.AppliedOffset + row] != 0;
        bool works = applies && t0 < length;
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        int first = t0 + tid;
        var signal = default(Lanes);
        float signal8 = 0f;
        float energy = 0f;
        if (works)
        {
            energy = MeasureTile(rowView, first, length, ref signal, ref signal8);
        }

        if (tid == 0)
        {
            if (applies)
            {
                partials[block] = energy;
            }

            // Published before counted: the fence orders the partial's store before the arrival.
            MemoryFence.DeviceLevel();
            Atomic.Add(ref tally[arrivals], 1);
            if (works)
            {
                DeviceWait.UntilAtLeast(tally, arrivals, Grid.DimX);

                // And until the colouring of this call's noise is done (SideStreamWork: its groups count themselves in
                // the buffer's counter; the table says the count at which all of them have).
                DeviceWait.UntilReached(done, buffer * SideStreamWork.CounterStride, ints[pass.ArrivalsOffset + 2]);
                MemoryFence.DeviceLevel();
            }
        }

        if (!works)
        {
            return;
        }

        Group.Barrier();
        float scale = ClipScale(ints, floats, partials, pass, row);
        ArrayView<float> noiseRow = noise.SubView((long)row * pass.Pitch, pass.Pitch);
        int ninth = first + (Lanes.Count * groupSize);
        var n = default(Lanes);
        n.Load(noiseRow, first, groupSize, length);
        float n8 = ninth < length ? noiseRow[ninth] : 0f;
        MixInto(rowView, first, groupSize, length, scale, signal, signal8, n, n8);
    }

    /// <summary>
    /// The two-kernel path's first kernel after the noise was coloured ahead (<see cref="Colour"/> without the colouring):
    /// the tile's signal sum of squares into the partials' first half; <see cref="Mix"/> follows.
    /// </summary>
    internal static void Measure(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> partials, ColorNoisePass pass)
    {
        int block = Grid.IdxX;
        int row = block / pass.TilesPerRow;
        if (ints[pass.AppliedOffset + row] == 0)
        {
            return;
        }

        int t0 = (block - (row * pass.TilesPerRow)) * Group.DimX * ColorNoiseOutputs.Count;
        int length = ints[pass.LengthsOffset + row];
        float energy = 0f;
        if (t0 < length)
        {
            var signal = default(Lanes);
            float signal8 = 0f;
            energy = MeasureTile(samples.SubView((long)row * pass.Pitch, pass.Pitch), t0 + Group.IdxX, length, ref signal, ref signal8);
        }

        if (Group.IdxX == 0)
        {
            partials[block] = energy;
        }
    }

    /// <summary>
    /// Loads a thread's lanes of a tile's signal (from <paramref name="first"/>, as <see cref="ColouredTile.Colour"/> does)
    /// and returns the tile's sum of squares over the group, summed as that method sums it (thread 0 holds it).
    /// </summary>
    private static float MeasureTile(ArrayView<float> rowView, int first, int length, ref Lanes signal, ref float signal8)
    {
        int groupSize = Group.DimX;
        int ninth = first + (Lanes.Count * groupSize);
        signal.Load(rowView, first, groupSize, length);
        signal8 = ninth < length ? rowView[ninth] : 0f;
        int peakBits = 0;
        float energy = signal8 * signal8;
        signal.Accumulate(first, groupSize, length, ref peakBits, ref energy);
        float unused = 0f;
        GroupReduce.SumSum(ref energy, ref unused);
        return energy;
    }
}
