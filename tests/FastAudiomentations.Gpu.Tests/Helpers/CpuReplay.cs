using FastAudiomentations.Tests.Helpers;

namespace FastAudiomentations.Gpu.Tests.Helpers;

/// <summary>The CPU path's output for a GPU call: its plan (the call's draws) replayed on the CPU backend.</summary>
public static class CpuReplay
{
    /// <summary>
    /// Uploads <paramref name="clips"/> (clip, channel, sample) to a two-thread CPU device, replays <paramref name="plan"/>
    /// of <paramref name="transform"/> over them, and returns each clip's channels.
    /// </summary>
    public static float[][][] Channels(Transform transform, float[][][] clips, AugmentationPlan plan, int sampleRate = TransformTable.SampleRate)
    {
        using var cpuDevice = new CpuDevice(2);
        using AudioBatch cpuBatch = cpuDevice.Upload(clips, sampleRate);
        transform.Replay(cpuBatch, plan);
        return cpuBatch.ToChannelArrays();
    }
}
