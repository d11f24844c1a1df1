using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using FastAudiomentations.Random;
using ILGPU;
using ILGPU.Runtime;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary><see cref="AddColorNoise"/> on the GPU: kernels of its own, a filter design (above two rows), a shared-memory FIR and a mix.</summary>
/// <remarks>
/// <para>Design: per row [SNR dB, g[0..nFft]] in the call's parameter table. Calls of more than <see cref="HostDesignRows"/>
/// rows upload the design's inputs and design on the device (<see cref="ColorNoiseDesignKernel"/>), which took ~100 us
/// of host time off a B = 128 call (bench/gpu-notes.md, run 85). Smaller calls upload the inputs too, and each colouring
/// group designs its row's taps itself (<see cref="ColorNoiseGroupDesign"/>, nFft up to 254): at batch 1 the host's
/// design (2.4-4 us on the H100 machine's host) came before the launch (runs 145-147). Larger nFft there, or
/// <see cref="GroupDesign"/> off, designs on the host with the core's <see cref="ColorNoiseShaping.Design"/>
/// (<see cref="ColorNoiseTaps"/>) and uploads the taps.</para>
/// <para>Device: block b colours a tile of 9 x group-size outputs of row b / TilesPerRow. The group fills shared
/// memory with the white stream w[t0 + m0 .. t0 + m0 + tile + 256) of the row's (node, example, channel)
/// (<see cref="GaussianNoise.SampleBlock"/>, the CPU's stream) and a chunk of up to 256 taps, and each thread
/// accumulates n[t] = sum_m g[m] w[t + m] for its 9 consecutive outputs (<see cref="ColorNoiseOutputs"/>); taps come
/// in chunks of 256, so any nFft up to 4096 fits a fixed 10 KB of shared memory. Kernel 1 (colour) writes the tile's
/// noise to pooled scratch (the batch's layout) and reduces sum x^2 and sum n^2 of its valid samples into per-block
/// partials; kernel 2 (mix) combines the partials of the clip's applied channels (or the channel) in a fixed order,
/// k = <see cref="NoiseMixing.SnrNoiseScale"/>, and writes y = fma(k, n, x) over the valid samples, the CPU's
/// multiply-add. Why the round trip of the noise through memory rather than colouring again in kernel 2: the FIR is
/// compute-bound (129 multiply-adds per sample: ~380 us per pass at B = 128 on the H100), the round trip a memory
/// pass (~90 us).</para>
/// <para>Single pass (CUDA, where the launch fits in half the groups the device holds at once: batch 1 and other small
/// calls): one kernel colours, publishes its partials, waits until every group of the launch has (an arrival counter
/// in the call's table, or in the call counters for an inline table: <see cref="CallCounters"/>), combines the clip's partials exactly as the mix kernel does and mixes the noise it holds, so
/// the noise never goes through memory and the call has one launch instead of two (<see cref="ColourAndMix{TTable}"/>); the
/// same bits as the two kernels. ILGPU's CPU accelerator runs groups one after another, so it always takes the two.</para>
/// <para>The single pass has an instance that takes the call's table as its first argument (<see cref="ColourAndMix{TTable}"/>'s <see cref="InlineTable"/> instance,
/// <see cref="InlineTable"/>): a call whose groups design their taps uploads 4 floats a row, so at batch 1 and 2 its
/// table travels with the launch instead of being copied (session 13).</para>
/// <para>A call planned ahead may have its noise coloured beside the call before it (session 20: AddColorNoiseKernel.Ahead.cs,
/// <see cref="IAheadStep"/>); its launch then only measures and mixes, with the same bits.</para>
/// <para>Differences from the CPU: the white noise's log, sin and cos roundings, and the order of the FIR's additions
/// (the CPU visits taps by residue modulo its vector width). See GpuTolerances in the tests.</para>
/// </remarks>
internal sealed partial class AddColorNoiseKernel : TransformKernel, IStepKernel, IAheadStep, IDisposable
{
    /// <summary>Taps staged in shared memory at once.</summary>
    public const int TapChunk = 256;

    /// <summary>Outputs per tile at the largest group size.</summary>
    public const int MaxTile = FusedPointwiseKernel.MaxGroupSize * ColorNoiseOutputs.Count;

    /// <summary>Shared floats for the white window: tile + chunk samples, rounded up to whole Philox blocks.</summary>
    public const int WhiteLength = MaxTile + TapChunk + 4;

    /// <summary>Calls of up to this many rows design in the colouring groups (or on the host) by default: a design kernel before the colour kernel costs about what a host design (~1.5-2.5 us) does.</summary>
    public const int DefaultHostDesignRows = 2;

    private readonly Accelerator _accelerator;
    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ColorNoisePass> _colour;
    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ColorNoisePass> _mix;
    private readonly Action<AcceleratorStream, KernelConfig, CopiedTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass> _single;
    private readonly Action<AcceleratorStream, KernelConfig, InlineTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass> _singleInline;
    private readonly int _groupSize;
    private readonly int _residentSingle;
    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<int>, ArrayView<float>, ArrayView<float>, ColorNoiseDesignPass> _design;
    private readonly Dictionary<int, MemoryBuffer1D<float, Stride1D.Dense>> _designTables = [];
    private readonly ColorNoiseTaps _taps;

    /// <summary>Compiles the kernels on <paramref name="accelerator"/> for step launches in groups of <paramref name="groupSize"/>; host designs run on <paramref name="workers"/>.</summary>
    public AddColorNoiseKernel(Accelerator accelerator, HostWorkers workers, int groupSize)
    {
        _accelerator = accelerator;
        _groupSize = groupSize;
        _colour = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ColorNoisePass>(Colour);
        _mix = accelerator.LoadKernel<ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ColorNoisePass>(Mix);
        _single = accelerator.LoadKernel<CopiedTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass>(ColourAndMix);
        _singleInline = accelerator.LoadKernel<InlineTable, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ColorNoisePass>(ColourAndMix);
        _residentSingle = KernelRegistry.CountResidentBlocks(accelerator, _single, groupSize);
        SinglePass = ExperimentSwitches.Int("FASTAUG_COLOR_SINGLE_PASS", 1) != 0;
        _design = accelerator.LoadKernel<ArrayView<int>, ArrayView<float>, ArrayView<float>, ColorNoiseDesignPass>(ColorNoiseDesignKernel.Run);
        _taps = new ColorNoiseTaps(workers);
        HostDesignRows = ExperimentSwitches.Int("FASTAUG_COLOR_HOST_DESIGN_ROWS", DefaultHostDesignRows);
        GroupDesign = ExperimentSwitches.Int("FASTAUG_COLOR_GROUP_DESIGN", 1) != 0;
        LoadAheadKernels(accelerator);
    }

    /// <summary>
    /// Calls of up to this many rows design their filters in the colouring groups (<see cref="GroupDesign"/>) or on the
    /// host (<see cref="ColorNoiseShaping.Design"/>, the CPU path's own function); larger calls on the device
    /// (<see cref="ColorNoiseDesignKernel"/>, a kernel before the colour kernel). FASTAUG_COLOR_HOST_DESIGN_ROWS sets it,
    /// so that a benchmark times both.
    /// </summary>
    public int HostDesignRows { get; set; }

    /// <summary>
    /// Whether calls of up to <see cref="HostDesignRows"/> rows design their filters in the colouring groups
    /// (<see cref="ColorNoiseGroupDesign"/>, nFft up to 254) instead of on the host: on by default,
    /// FASTAUG_COLOR_GROUP_DESIGN=0 turns it off to time both; tests switch it.
    /// </summary>
    public bool GroupDesign { get; set; }

    /// <summary>
    /// Whether calls whose groups fit in half of what the device holds at once colour and mix in one kernel
    /// (<see cref="ColourAndMix{TTable}"/>; on by default, FASTAUG_COLOR_SINGLE_PASS=0 turns it off to time both; tests switch it).
    /// Never off CUDA.
    /// </summary>
    public bool SinglePass { get; set; }

    /// <inheritdoc/>
    public override Type TransformType => typeof(AddColorNoise);

    /// <inheritdoc/>
    /// <remarks>The default transform's; <see cref="StrideFor(Transform)"/> gives each instance's.</remarks>
    public int ParameterStride => 1 + ColorNoiseShaping.TapCount(AddColorNoise.DefaultNFft);

    /// <inheritdoc/>
    public int StrideFor(Transform transform) => 1 + ColorNoiseShaping.TapCount(((AddColorNoise)transform).NFft);

    /// <inheritdoc/>
    /// <remarks>
    /// A call whose groups design their taps uploads only the design's inputs (<see cref="ColorNoiseTaps.InputFloats"/>):
    /// at batch 1 its table then fits an <see cref="InlineTable"/>. Others keep room for the taps (the host's design, or
    /// the design kernel's output).
    /// </remarks>
    public int StrideFor(Transform transform, int rows) =>
        DesignsInGroups(transform, rows) ? ColorNoiseTaps.InputFloats : StrideFor(transform);

    /// <inheritdoc/>
    public void WriteParameters(PlannedStep step, Span<float> destination) =>
        throw new InvalidOperationException("AddColorNoise designs its filters for the batch's sample rate.");

    /// <inheritdoc/>
    public void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination)
    {
        var typed = (PlannedStep<AddColorNoiseParameters>)step;
        if (DesignsOnDevice(batch) || DesignsInGroups(typed.Transform, batch))
        {
            ColorNoiseTaps.WriteDesignInputs(typed, batch.SampleRate, StrideFor(typed.Transform, batch.Rows), destination);
        }
        else
        {
            _taps.Write(typed, batch.SampleRate, destination);
        }
    }

    /// <inheritdoc/>
    /// <remarks>The colour and mix kernels (or the single pass), and the design kernel where the call designs on the device.</remarks>
    public int LaunchesFor(Transform transform, AudioBatch batch) => (DesignsOnDevice(batch) ? 1 : 0) + (Single(batch) ? 1 : 2);

    /// <inheritdoc/>
    /// <remarks>
    /// The single pass's arrival counter, then, for a call whose noise was coloured ahead, which buffer it reads and the
    /// count at which the colouring is done (<see cref="MeasureAndMix{TTable}"/>).
    /// </remarks>
    public int LaunchInts(Transform transform, AudioBatch batch) => Single(batch) ? 3 : 0;

    /// <inheritdoc/>
    public void WriteLaunchInts(PlannedStep step, AudioBatch batch, Span<int> destination) => destination.Clear();

    /// <inheritdoc/>
    /// <remarks>The single pass has an instance that takes it (<see cref="ColourAndMix{TTable}"/>'s <see cref="InlineTable"/> instance); the colour and mix kernels, for larger calls, and the design kernel do not.</remarks>
    public InlineUse? InlineTableUse(PlannedStep step, AudioBatch batch) =>
        Single(batch) && !DesignsOnDevice(batch) ? new InlineUse(InlineUse.All, Counts: true) : null;

    /// <inheritdoc/>
    /// <remarks>Replays from graphs: the key and the designs come from the table; the settings and the step's node are the key.</remarks>
    public ulong? GraphKey(PlannedStep step, AudioBatch batch)
    {
        var transform = (AddColorNoise)step.Transform;
        return (uint)transform.NFft | (transform.Mode == TransformMode.PerChannel ? 1UL << 32 : 0) | ((ulong)(uint)step.Node << 35)
            | (DesignsOnDevice(batch) ? 1UL << 33 : 0) | (Single(batch) ? 1UL << 34 : 0) | (DesignsInGroups(transform, batch) ? 1UL << 63 : 0);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (MemoryBuffer1D<float, Stride1D.Dense> buffer in _designTables.Values)
        {
            buffer.Dispose();
        }

        _designTables.Clear();
    }

    /// <summary>Whether a call over <paramref name="batch"/> designs its filters on the device, in a kernel before the colour kernel.</summary>
    private bool DesignsOnDevice(AudioBatch batch) => batch.Rows > HostDesignRows;

    /// <summary>Whether each colouring group of a call of <paramref name="transform"/> over <paramref name="batch"/> designs its row's filter itself (<see cref="ColorNoiseGroupDesign"/>): the calls that would design on the host, where the filter fits one chunk of taps.</summary>
    private bool DesignsInGroups(Transform transform, AudioBatch batch) => DesignsInGroups(transform, batch.Rows);

    private bool DesignsInGroups(Transform transform, int rows) =>
        GroupDesign && rows <= HostDesignRows && ((AddColorNoise)transform).NFft <= ColorNoiseGroupDesign.MaxNFft;

    /// <summary>Tiles per row of a call over <paramref name="batch"/>.</summary>
    private int TilesPerRow(AudioBatch batch)
    {
        int tile = _groupSize * ColorNoiseOutputs.Count;
        return Math.Max(1, (batch.Capacity + tile - 1) / tile);
    }

    /// <summary>
    /// Whether a call over <paramref name="batch"/> takes the single pass: on CUDA, where its groups fit in half of what
    /// the device holds at once (every group waited for then runs beside the waiting ones, whatever order they start in).
    /// </summary>
    private bool Single(AudioBatch batch) =>
        SinglePass && _accelerator.AcceleratorType == AcceleratorType.Cuda && (long)batch.Rows * TilesPerRow(batch) <= _residentSingle / 2;

    /// <summary>The design kernel's tables for <paramref name="nFft"/> on the device, uploaded at their first use (a call before any graph of it is captured).</summary>
    private ArrayView<float> DesignTables(int nFft)
    {
        if (!_designTables.TryGetValue(nFft, out MemoryBuffer1D<float, Stride1D.Dense>? buffer))
        {
            buffer = _accelerator.Allocate1D(ColorNoiseDesignKernel.Tables(nFft));
            _designTables[nFft] = buffer;
        }

        return buffer.View;
    }

    /// <summary>The kernels' scalar arguments for <paramref name="launch"/>.</summary>
    private ColorNoisePass PassFor(in StepLaunch launch)
    {
        var transform = (AddColorNoise)launch.Step.Transform;
        int tilesPerRow = TilesPerRow(launch.Batch);
        return new ColorNoisePass
        {
            Channels = launch.Batch.Channels,
            Pitch = launch.Pitch,
            TilesPerRow = tilesPerRow,
            PartialCount = launch.Batch.Rows * tilesPerRow,
            LengthsOffset = launch.LengthsOffset,
            ExampleIdsOffset = launch.ExampleIdsOffset,
            AppliedOffset = launch.AppliedOffset,
            ParameterOffset = launch.ParameterOffset,
            ParameterStride = launch.ParameterStride,
            TapCount = ColorNoiseShaping.TapCount(transform.NFft),
            PerClip = transform.Mode == TransformMode.PerChannel ? 0 : 1,
            Node = launch.Step.Node,
            KeyOffset = launch.KeyOffset,
            ArrivalsOffset = launch.LaunchIntsOffset,
            CountersOffset = launch.CountersOffset,
            GroupDesign = DesignsInGroups(transform, launch.Batch) ? 1 : 0,
        };
    }

    /// <inheritdoc/>
    public void Launch(in StepLaunch launch)
    {
        var transform = (AddColorNoise)launch.Step.Transform;
        int rows = launch.Batch.Rows;
        ColorNoisePass pass = PassFor(launch);
        int partialCount = pass.PartialCount;
        if (launch.HasAhead)
        {
            LaunchAfterAhead(launch, pass);
            return;
        }

        ArrayView<float> partials = launch.Pool.DeviceFloats(PoolSlot.StepPartials, 2L * partialCount);
        ArrayView<float> noise = launch.Pool.DeviceFloats(PoolSlot.Scratch, (long)rows * launch.Pitch);

        // Only a call that designs on the device reads the design tables (uploaded at their first use).
        bool designsOnDevice = DesignsOnDevice(launch.Batch);
        ArrayView<float> tables = designsOnDevice || pass.GroupDesign != 0 ? DesignTables(transform.NFft) : default;
        if (designsOnDevice)
        {
            var design = new ColorNoiseDesignPass
            {
                AppliedOffset = launch.AppliedOffset,
                ParameterOffset = launch.ParameterOffset,
                ParameterStride = launch.ParameterStride,
                NFft = transform.NFft,
            };
            _design(launch.Stream, new KernelConfig(rows, launch.GroupSize), launch.Ints, launch.Floats, tables, design);
            HostPhases.Mark("design launch");
        }

        var config = new KernelConfig(partialCount, launch.GroupSize);
        if (Single(launch.Batch))
        {
            if (launch.Inline.Count > 0)
            {
                _singleInline(launch.Stream, config, launch.Inline, launch.Samples, launch.Ints, launch.Floats, partials, noise, tables, launch.Counters, pass);
            }
            else
            {
                _single(launch.Stream, config, default, launch.Samples, launch.Ints, launch.Floats, partials, noise, tables, launch.Counters, pass);
            }

            return;
        }

        _colour(launch.Stream, config, launch.Samples, launch.Ints, launch.Floats, partials, noise, tables, pass);
        HostPhases.Mark("colour launch");
        _mix(launch.Stream, config, launch.Samples, launch.Ints, launch.Floats, partials, noise, tables, pass);
    }

    /// <summary>
    /// Kernel 1: colours a tile of the row's noise into <paramref name="noise"/> (same pitched layout as the batch) and
    /// reduces sum x^2 and sum n^2 of the tile's valid samples into the partials.
    /// </summary>
    internal static void Colour(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partials, ArrayView<float> noise, ArrayView<float> tables, ColorNoisePass pass)
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
                partials[block] = 0f;
                partials[pass.PartialCount + block] = 0f;
            }

            return;
        }

        var tile = new ColouredTile();
        tile.Colour(samples, ints, floats, tables, pass, row, t0, length);
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
            partials[block] = tile.Energy;
            partials[pass.PartialCount + block] = tile.NoiseEnergy;
        }
    }

    /// <summary>Kernel 2: k from the clip's (or channel's) energies, then y = fma(k, n, x) over the tile's valid samples.</summary>
    internal static void Mix(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partials, ArrayView<float> noise, ArrayView<float> tables, ColorNoisePass pass)
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
            return;
        }

        float scale = ClipScale(ints, floats, partials, pass, row);
        ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
        ArrayView<float> noiseRow = noise.SubView((long)row * pass.Pitch, pass.Pitch);
        int first = t0 + tid;
        int ninth = first + (Lanes.Count * groupSize);
        var x = default(Lanes);
        var n = default(Lanes);
        x.Load(rowView, first, groupSize, length);
        n.Load(noiseRow, first, groupSize, length);
        float x8 = ninth < length ? rowView[ninth] : 0f;
        float n8 = ninth < length ? noiseRow[ninth] : 0f;
        MixInto(rowView, first, groupSize, length, scale, x, x8, n, n8);
    }

    /// <summary>
    /// The single pass (<see cref="Colour"/> and <see cref="Mix"/> in one kernel, for launches whose groups all run at
    /// once): each group colours its tile, publishes its partials, counts itself in the launch's arrival counter, waits
    /// until every group has (thread 0 polls, <see cref="DeviceWait"/>), and mixes the noise it still holds with k from
    /// the same partials combined in the same order: the two kernels' bits.
    /// </summary>
    /// <typeparam name="TTable">Where the call's table is read (<see cref="ITableSource"/>): the device table
    /// (<see cref="CopiedTable"/>), its arrival counter among the table's zeros, or the argument (<see cref="InlineTable"/>),
    /// staged into shared memory, its arrival counter in the call counters.</typeparam>
    internal static void ColourAndMix<TTable>(TTable table, ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partials, ArrayView<float> noise, ArrayView<float> tables, ArrayView<int> counters, ColorNoisePass pass)
        where TTable : struct, ITableSource
    {
        if (table.Inline)
        {
            ArrayView<int> staged = SharedMemory.Allocate<int>(InlineTable.Capacity);
            ints = table.Stage(staged);
            floats = table.Floats(staged);
        }

        ArrayView<int> tally = ArrivalCounter(table, ints, counters, pass, out int arrivals);
        int block = Grid.IdxX;
        int row = block / pass.TilesPerRow;
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int t0 = (block - (row * pass.TilesPerRow)) * groupSize * ColorNoiseOutputs.Count;
        int length = ints[pass.LengthsOffset + row];
        bool applies = ints[pass.AppliedOffset + row] != 0;
        bool works = applies && t0 < length;
        var tile = new ColouredTile();
        if (works)
        {
            tile.Colour(samples, ints, floats, tables, pass, row, t0, length);
        }

        if (tid == 0)
        {
            if (applies)
            {
                partials[block] = tile.Energy;
                partials[pass.PartialCount + block] = tile.NoiseEnergy;
            }

            // Published before counted: the fence orders the partials' stores before the arrival.
            MemoryFence.DeviceLevel();
            Atomic.Add(ref tally[arrivals], 1);
            if (works)
            {
                DeviceWait.UntilAtLeast(tally, arrivals, Grid.DimX);
                MemoryFence.DeviceLevel();
            }
        }

        if (!works)
        {
            return;
        }

        Group.Barrier();
        float scale = ClipScale(ints, floats, partials, pass, row);
        int first = t0 + tid;
        MixInto(samples.SubView((long)row * pass.Pitch, pass.Pitch), first, groupSize, length, scale, tile.Signal, tile.Signal8, tile.Noise, tile.Noise8);
    }

    /// <summary>
    /// Where a single pass's groups count their arrivals (returned, with the index in <paramref name="arrivals"/>): in the
    /// device table (zero, as the call's copy wrote it), or, where the table is the kernel's argument, at the same offset
    /// past the start of the call counters' half, the other half cleared for the next call that counts.
    /// </summary>
    private static ArrayView<int> ArrivalCounter<TTable>(TTable table, ArrayView<int> ints, ArrayView<int> counters, in ColorNoisePass pass, out int arrivals)
        where TTable : struct, ITableSource
    {
        arrivals = pass.ArrivalsOffset;
        if (!table.Inline)
        {
            return ints;
        }

        CallCounters.ClearOther(counters, ints[pass.CountersOffset + 1], ints[pass.CountersOffset + 2]);
        arrivals += ints[pass.CountersOffset];
        return counters;
    }

    /// <summary>k for row <paramref name="row"/>: the clip's (or channel's) energies, summed over its applied rows and tiles in a fixed order.</summary>
    private static float ClipScale(ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> partials, in ColorNoisePass pass, int row)
    {
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int firstRow = pass.PerClip != 0 ? row - (row % pass.Channels) : row;
        int rowCount = pass.PerClip != 0 ? pass.Channels : 1;
        float signal = 0f, noisePower = 0f;
        for (int r = firstRow; r < firstRow + rowCount; r++)
        {
            if (ints[pass.AppliedOffset + r] != 0)
            {
                for (int c = tid; c < pass.TilesPerRow; c += groupSize)
                {
                    signal += partials[(r * pass.TilesPerRow) + c];
                    noisePower += partials[pass.PartialCount + (r * pass.TilesPerRow) + c];
                }
            }
        }

        GroupReduce.SumSum(ref signal, ref noisePower);
        return NoiseMixing.SnrNoiseScaleSingle(signal, noisePower, floats[pass.ParameterOffset + (row * pass.ParameterStride)]);
    }

    /// <summary>y = fma(k, n, x) over a thread's lanes of the tile (the CPU's multiply-add), stored where they lie below <paramref name="length"/>.</summary>
    private static void MixInto(ArrayView<float> rowView, int first, int groupSize, int length, float scale, Lanes x, float x8, in Lanes n, float n8)
    {
        x.V0 = GpuMath.FusedMultiplyAdd(scale, n.V0, x.V0);
        x.V1 = GpuMath.FusedMultiplyAdd(scale, n.V1, x.V1);
        x.V2 = GpuMath.FusedMultiplyAdd(scale, n.V2, x.V2);
        x.V3 = GpuMath.FusedMultiplyAdd(scale, n.V3, x.V3);
        x.V4 = GpuMath.FusedMultiplyAdd(scale, n.V4, x.V4);
        x.V5 = GpuMath.FusedMultiplyAdd(scale, n.V5, x.V5);
        x.V6 = GpuMath.FusedMultiplyAdd(scale, n.V6, x.V6);
        x.V7 = GpuMath.FusedMultiplyAdd(scale, n.V7, x.V7);
        x.Store(rowView, first, groupSize, length);
        int ninth = first + (Lanes.Count * groupSize);
        if (ninth < length)
        {
            rowView[ninth] = GpuMath.FusedMultiplyAdd(scale, n8, x8);
        }
    }

    /// <summary>
    /// A group's tile of coloured noise and the signal under it, in the coalesced lane layout (lanes t0 + tid +
    /// j groupSize, j = 0..8: eight in <see cref="Lanes"/>, one more), with the tile's sums of squares reduced over the
    /// group (thread 0 holds them).
    /// </summary>
    private struct ColouredTile
    {
        public Lanes Noise;
        public float Noise8;
        public Lanes Signal;
        public float Signal8;
        public float Energy;
        public float NoiseEnergy;

        /// <summary>Colours the tile of row <paramref name="row"/> at <paramref name="t0"/> and loads the signal under it.</summary>
        public void Colour(ArrayView<float> samples, ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> tables, in ColorNoisePass pass, int row, int t0, int length)
        {
            int tid = Group.IdxX;
            int groupSize = Group.DimX;
            int first = t0 + tid;
            int ninth = first + (Lanes.Count * groupSize);

            // The signal's loads first: their latency passes under the filter's work.
            ArrayView<float> rowView = samples.SubView((long)row * pass.Pitch, pass.Pitch);
            Signal = default;
            Signal.Load(rowView, first, groupSize, length);
            Signal8 = ninth < length ? rowView[ninth] : 0f;
            ColourNoise(ints, floats, tables, pass, row, t0, length);
            int peakBits = 0;
            Energy = Signal8 * Signal8;
            Signal.Accumulate(first, groupSize, length, ref peakBits, ref Energy);
            GroupReduce.SumSum(ref Energy, ref NoiseEnergy);
        }

        /// <summary>
        /// Colours the tile of row <paramref name="row"/> at <paramref name="t0"/> into <see cref="Noise"/> and
        /// <see cref="Noise8"/>, and sets <see cref="NoiseEnergy"/> to the thread's share of its sum of squares (reduced
        /// over the group by the caller).
        /// </summary>
        public void ColourNoise(ArrayView<int> ints, ArrayView<float> floats, ArrayView<float> tables, in ColorNoisePass pass, int row, int t0, int length)
        {
            int tid = Group.IdxX;
            int groupSize = Group.DimX;
            ArrayView<float> tile = SharedMemory.Allocate<float>(WhiteLength);
            int first = t0 + tid;
            int ninth = first + (Lanes.Count * groupSize);
            int slot = pass.ParameterOffset + (row * pass.ParameterStride);
            ColorNoiseGroupDesign.Inputs design = pass.GroupDesign != 0 ? ColorNoiseGroupDesign.Inputs.Load(floats, tables, slot, pass.TapCount - 1) : default;
            var key = new RandomKey((uint)ints[pass.KeyOffset], (uint)ints[pass.KeyOffset + 1]);
            ColorNoiseOutputs outputs = Filter(floats, tables, design, pass, key, row, (uint)ints[pass.ExampleIdsOffset + row], t0, tile);
            NoiseEnergy = outputs.SumOfSquares(t0 + (ColorNoiseOutputs.Count * tid), length);

            // Through shared memory (stride 9: no bank conflicts) into the coalesced lane layout.
            Group.Barrier();
            outputs.Store(tile, ColorNoiseOutputs.Count * tid);
            Group.Barrier();
            Noise = new Lanes
            {
                V0 = tile[tid],
                V1 = tile[tid + groupSize],
                V2 = tile[tid + (2 * groupSize)],
                V3 = tile[tid + (3 * groupSize)],
                V4 = tile[tid + (4 * groupSize)],
                V5 = tile[tid + (5 * groupSize)],
                V6 = tile[tid + (6 * groupSize)],
                V7 = tile[tid + (7 * groupSize)],
            };
            Noise8 = ninth < length ? tile[tid + (8 * groupSize)] : 0f;
        }
    }

    /// <summary>
    /// The filter's outputs t0 + 8 tid + k of the row: per chunk of up to <see cref="TapChunk"/> taps, the group stages
    /// the taps and the white samples the chunk needs, then every thread accumulates.
    /// </summary>
    private static ColorNoiseOutputs Filter(ArrayView<float> floats, ArrayView<float> tables, in ColorNoiseGroupDesign.Inputs design, ColorNoisePass pass, RandomKey key, int row, uint example, int t0, ArrayView<float> white)
    {
        ArrayView<float> taps = SharedMemory.Allocate<float>(TapChunk);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int tile = groupSize * ColorNoiseOutputs.Count;
        int tapsOffset = pass.ParameterOffset + (row * pass.ParameterStride) + 1;
        uint channel = (uint)(row % pass.Channels);
        var outputs = default(ColorNoiseOutputs);
        for (int m0 = 0; m0 < pass.TapCount; m0 += TapChunk)
        {
            int count = Math.Min(TapChunk, pass.TapCount - m0);
            Group.Barrier();
            if (pass.GroupDesign == 0)
            {
                for (int k = tid; k < count; k += groupSize)
                {
                    taps[k] = floats[tapsOffset + m0 + k];
                }
            }

            // White samples [t0 + m0, t0 + m0 + tile + count): every window the chunk's taps reach (t0 and m0 are
            // multiples of 4, so the range starts on a Philox block).
            int blocks = (tile + count + 3) >> 2;
            int firstBlock = (t0 + m0) >> 2;
            for (int q = tid; q < blocks; q += groupSize)
            {
                GaussianNoise.SampleBlock(key, pass.Node, example, channel, firstBlock + q, out float z0, out float z1, out float z2, out float z3);
                white[4 * q] = z0;
                white[(4 * q) + 1] = z1;
                white[(4 * q) + 2] = z2;
                white[(4 * q) + 3] = z3;
            }

            if (pass.GroupDesign != 0)
            {
                // One chunk holds every tap (ColorNoiseGroupDesign.MaxNFft); designed after the white noise is generated, whose work hides the design's latency.
                ColorNoiseGroupDesign.Design(design, tables, pass.TapCount - 1, taps);
            }

            Group.Barrier();
            outputs.Accumulate(white, taps, ColorNoiseOutputs.Count * tid, count);
        }

        return outputs;
    }
}
