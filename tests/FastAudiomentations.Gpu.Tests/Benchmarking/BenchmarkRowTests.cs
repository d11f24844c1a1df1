using FastAudiomentations.Gpu.Benchmarking;

namespace FastAudiomentations.Gpu.Tests.Benchmarking;

/// <summary>How the benchmark reports a cell measured in several rounds.</summary>
public sealed class BenchmarkRowTests
{
    [Fact]
    public void AcrossRounds_TakesEachFiguresOwnMedian()
    {
        // Run 177's BandPassFilter at B = 1: the round of median wall time (16.0 us) was the one whose kernel (32.8) and
        // events (59.1) the host had stalled; each figure's own median drops that round's outliers.
        BenchmarkRow[] rounds =
        [
            Row(wall: 18.3, kernel: 13.2, host: 6.0, events: 15.0, pipelined: 11.0, captures: 0),
            Row(wall: 16.0, kernel: 32.8, host: 36.7, events: 59.1, pipelined: 59.8, captures: 2),
            Row(wall: 15.9, kernel: 11.2, host: 5.5, events: 14.0, pipelined: 10.8, captures: 0),
        ];

        BenchmarkRow row = BenchmarkRow.AcrossRounds(rounds);

        Assert.Equal(16.0, row.MedianMicroseconds);
        Assert.Equal(16.0, row.MicrosecondsPerClip); // the median-wall round's derived figures
        Assert.Equal(13.2, row.MedianKernelMicroseconds);
        Assert.Equal(6.0, row.MedianHostMicroseconds);
        Assert.Equal(15.0, row.MedianEventMicroseconds);
        Assert.Equal(11.0, row.PipelinedMicroseconds);
        Assert.Equal(2, row.PipelinedCaptures); // the most any round counted
        // The copy share is bytes over kernel time: the median-wall round's share rescaled to the median kernel.
        Assert.Equal(0.1 * 32.8 / 13.2, row.CopyShare!.Value, 12);
    }

    [Fact]
    public void AcrossRounds_OneRoundAndMissingFigures()
    {
        // One round is itself; figures no round has (the CPU's kernel and events) stay null; an even count takes the lower middle.
        BenchmarkRow cpu = new("Gain", "CPU", 1, 27.0, null, 27.0, 1.0, null);
        Assert.Equal(cpu, BenchmarkRow.AcrossRounds([cpu]));
        BenchmarkRow row = BenchmarkRow.AcrossRounds([Row(10, 8, 4, 9, 6, 0), Row(12, 7, 5, 11, 5, 0)]);
        Assert.Equal(10, row.MedianMicroseconds);
        Assert.Equal(7, row.MedianKernelMicroseconds);
        Assert.Equal(9, row.MedianEventMicroseconds);
        Assert.Equal(5, row.PipelinedMicroseconds);
    }

    private static BenchmarkRow Row(double wall, double kernel, double host, double events, double pipelined, long captures) =>
        new("BandPassFilter", "H100", 1, wall, kernel, wall, 1.0, 0.1 * 32.8 / kernel, MedianHostMicroseconds: host, MedianEventMicroseconds: events, PipelinedMicroseconds: pipelined, PipelinedCaptures: captures);
}
