namespace FastAudiomentations.Gpu.Benchmarking;

/// <summary>What <see cref="GpuBenchmark"/> measures.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>The clip tiled into every batch (the anchors use fixtures/clip-44k.wav, 252,046 samples).</summary>
    public required float[] Clip { get; init; }

    /// <summary>Its sample rate, Hz.</summary>
    public required int SampleRate { get; init; }

    /// <summary>Batch sizes to measure.</summary>
    public IReadOnlyList<int> BatchSizes { get; init; } = [1, 16, 64, 128];

    /// <summary>Timed GPU calls per cell (after warm-up); the median is reported.</summary>
    public int GpuRepetitions { get; init; } = 60;

    /// <summary>
    /// The least time each cell warms up before it is timed (at least 20 calls on a GPU, 1 on the CPU). Why by time:
    /// .NET compiles a method first without optimisation and recompiles it hot only after it has been called 30 times
    /// and no new method has been compiled for 100 ms; a warm-up of a fixed few calls timed the host side of a call
    /// (plan sampling, filter designs, table packing) in that first, slow code (bench/gpu-notes.md, run 12). Training
    /// runs millions of calls: the steady state is what it sees.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Rounds over the GPU cells (at least 1): each figure of a cell is reported as its median over the rounds. Why: on a
    /// shared host, a slow spell of a second or two moved one cell's wall time by up to 2x with the same code
    /// (bench/gpu-notes.md, run 16); rounds spread it over different cells, and each figure's median over the rounds drops it.
    /// </summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Timed CPU calls per cell.</summary>
    public int CpuRepetitions { get; init; } = 5;

    /// <summary>Measure the CPU backend beside the GPU.</summary>
    public bool IncludeCpu { get; init; } = true;

    /// <summary>Cases to run; null runs every catalogue transform at p = 1 and a five-step pointwise chain.</summary>
    public IReadOnlyList<BenchmarkCase>? Cases { get; init; }

    /// <summary>A noise file or folder for transforms that read files (AddBackgroundNoise); null leaves them out.</summary>
    public string? SoundsPath { get; init; }

    /// <summary>Only cases whose name contains this, or one of its comma-separated parts (case-insensitive); null for all.</summary>
    public string? Filter { get; init; }
}
