using FastAudiomentations.Gpu.Execution;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>
/// Designs the shaping filters of an <see cref="AddColorNoise"/> step on the host (<see cref="ColorNoiseShaping.Design"/>,
/// the CPU path's very function) and writes each applied row's [SNR dB, taps] into the parameter table. One design
/// per clip (per-example mode), per channel (per-channel mode) or per batch (per-batch mode). A design costs about
/// 1.5 us at nFft 128 (O(nFft^2 / 4) vectorised multiply-adds, see ColorNoiseDesignTables); calls with more than
/// <see cref="ParallelNanoseconds"/> of designing run them on the device's host workers.
/// </summary>
/// <remarks>Reused call after call: its arrays grow once, so steady-state calls allocate nothing.</remarks>
internal sealed class ColorNoiseTaps : IParallelWork
{
    /// <summary>
    /// Calls whose designs would take longer than this on one thread (estimated) use the host workers: handing work to
    /// them costs tens of microseconds, more than a few designs take.
    /// </summary>
    private const long ParallelNanoseconds = 60_000;

    private readonly HostWorkers _workers;
    private double[][] _work = [];
    private float[] _taps = [];
    private int[] _leaders = [];
    private PlannedStep<AddColorNoiseParameters>? _step;
    private int _tapCount;
    private int _sampleRate;

    /// <summary>Designs on <paramref name="workers"/>.</summary>
    public ColorNoiseTaps(HostWorkers workers) => _workers = workers;

    /// <summary>Floats of one row's design inputs (<see cref="WriteDesignInputs"/>).</summary>
    public const int InputFloats = 4;

    /// <summary>
    /// Writes each applied row's inputs for the device's design (<see cref="ColorNoiseDesignKernel"/>, or the colouring
    /// groups') at the start of its <paramref name="stride"/> floats (1 + taps where the design kernel writes the taps
    /// after them): SNR dB, the slope a = d / (20 log10 2), A-weighting 0 or 1, the bin width in Hz; all from the row
    /// whose draw it uses (rows that do not apply are left as they are).
    /// </summary>
    public static void WriteDesignInputs(PlannedStep<AddColorNoiseParameters> step, int sampleRate, int stride, Span<float> destination)
    {
        var transform = (AddColorNoise)step.Transform;
        bool[] applied = step.Applied;
        int leader = -1;
        for (int row = 0; row < applied.Length; row++)
        {
            if (!applied[row])
            {
                continue;
            }

            if (NewDraw(transform.Mode, leader, row, step.Channels))
            {
                leader = row;
            }

            AddColorNoiseParameters values = step.Parameters[leader];
            Span<float> slot = destination.Slice(row * stride, InputFloats);
            slot[0] = values.SnrDb;
            slot[1] = (float)(values.DecayDbPerOctave / (20.0 * Math.Log10(2.0)));
            slot[2] = values.AWeighting != 0 ? 1f : 0f;
            slot[3] = (float)((double)sampleRate / transform.NFft);
        }
    }

    /// <summary>Writes rows x (1 + taps) floats: SNR dB, then the row's taps (rows that do not apply are left as they are).</summary>
    public void Write(PlannedStep<AddColorNoiseParameters> step, int sampleRate, Span<float> destination)
    {
        var transform = (AddColorNoise)step.Transform;
        int rows = step.Applied.Length;
        int channels = step.Channels;
        _tapCount = ColorNoiseShaping.TapCount(transform.NFft);
        _sampleRate = sampleRate;
        _step = step;
        Grow(ref _taps, rows * _tapCount);
        Grow(ref _leaders, rows);
        if (_work.Length < _workers.ThreadCount)
        {
            _work = new double[_workers.ThreadCount][];
        }

        int workLength = ColorNoiseShaping.WorkLength(transform.NFft);
        for (int w = 0; w < _work.Length; w++)
        {
            Grow(ref _work[w], workLength);
        }

        // The row whose parameters each design uses: every applied row in per-channel mode, the first applied
        // row of each clip in per-example mode, the first applied row of the batch in per-batch mode.
        bool[] applied = step.Applied;
        int designs = 0;
        int leader = -1;
        for (int row = 0; row < rows; row++)
        {
            if (!applied[row])
            {
                continue;
            }

            if (NewDraw(transform.Mode, leader, row, channels))
            {
                leader = row;
                _leaders[designs++] = row;
            }

            destination[row * (1 + _tapCount)] = step.Parameters[leader].SnrDb;
            // Remember the leader in the taps slot; filled from the designs below.
            destination[(row * (1 + _tapCount)) + 1] = BitConverter.Int32BitsToSingle(leader);
        }

        HostPhases.Mark("taps leaders");
        // Estimated design time (measured on the development machine, optimised code): ~0.5 us plus nFft^2 / 16 ns.
        long perDesign = 500 + ((long)transform.NFft * transform.NFft / 16);
        if (designs * perDesign >= ParallelNanoseconds)
        {
            _workers.For(designs, this);
        }
        else
        {
            for (int design = 0; design < designs; design++)
            {
                Run(design, 0);
            }
        }

        HostPhases.Mark("taps designs");
        _step = null;
        for (int row = 0; row < rows; row++)
        {
            if (applied[row])
            {
                Span<float> slot = destination.Slice((row * (1 + _tapCount)) + 1, _tapCount);
                int from = BitConverter.SingleToInt32Bits(slot[0]);
                _taps.AsSpan(from * _tapCount, _tapCount).CopyTo(slot);
            }
        }
    }

    /// <inheritdoc/>
    public void Run(int index, int worker)
    {
        PlannedStep<AddColorNoiseParameters> step = _step!;
        var transform = (AddColorNoise)step.Transform;
        int row = _leaders[index];
        AddColorNoiseParameters values = step.Parameters[row];
        ColorNoiseShaping.Design(_taps.AsSpan(row * _tapCount, _tapCount), _work[worker], values.DecayDbPerOctave, values.AWeighting != 0, _sampleRate, transform.NFft);
    }

    /// <summary>Whether applied row <paramref name="row"/> starts a new draw after the draw of row <paramref name="leader"/> (-1: none yet).</summary>
    private static bool NewDraw(TransformMode mode, int leader, int row, int channels) => mode switch
    {
        TransformMode.PerChannel => true,
        TransformMode.PerExample => leader < 0 || leader / channels != row / channels,
        _ => leader < 0,
    };

    private static void Grow<T>(ref T[] array, int length)
    {
        if (array is null || array.Length < length)
        {
            array = new T[length];
        }
    }
}
