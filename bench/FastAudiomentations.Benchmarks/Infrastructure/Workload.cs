namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>The two shapes every transform is measured at.</summary>
public enum Workload
{
    /// <summary>
    /// One clip (clip-44k.wav, 252,046 samples) per call on one thread (<c>new CpuDevice(1)</c>): what the
    /// audiomentations anchors measure (one clip per call, one thread), so per-core figures compare directly.
    /// </summary>
    OneClipOneThread,

    /// <summary>
    /// A batch of 16 copies of the clip per call on a device using every core (<c>new CpuDevice()</c>): the
    /// throughput case. Each copy has its own example id, so each draws its own parameters and noise.
    /// </summary>
    Batch16AllCores,
}
