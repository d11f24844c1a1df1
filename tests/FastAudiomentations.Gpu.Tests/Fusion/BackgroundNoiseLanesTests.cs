using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Transforms.Noise;
using FastAudiomentations.Tests.Helpers;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace FastAudiomentations.Gpu.Tests.Fusion;

/// <summary>AddBackgroundNoise's lane-carried noise index against the per-sample index it replaces.</summary>
public class BackgroundNoiseLanesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(1000)]
    [InlineData(88_200)]
    public void MixLanes_IsBitIdenticalToApplyPerSample(int noiseLength)
    {
        // Noise lengths below, at and above the stride (the group size): shorter noise takes the per-sample index,
        // longer noise carries it from lane to lane, wrapping around once or several times within a thread's lanes.
        const int Stride = 256;
        using var context = Context.Create(builder => builder.CPU());
        using CPUAccelerator accelerator = context.CreateCPUAccelerator(0);
        float[] samples = Signals.Noise(noiseLength + 5, 3);
        using MemoryBuffer1D<float, Stride1D.Dense> noise = accelerator.Allocate1D(samples);
        var random = new System.Random(noiseLength);
        for (int trial = 0; trial < 200; trial++)
        {
            var function = new AddBackgroundNoiseKernel.Function
            {
                Gain = (float)random.NextDouble(),
                Noise = noise.View,
                Offset = random.Next(5),
                NoiseLength = noiseLength,
                Start = random.Next(noiseLength),
            };
            int first = random.Next(300_000);
            var lanes = new Lanes { V0 = 0.5f, V1 = -0.25f, V2 = 0.125f, V3 = 1f, V4 = -1f, V5 = 0.3f, V6 = 0.7f, V7 = -0.9f };
            Lanes expected = lanes;
            expected.Map(ref function, first, Stride);
            function.MixLanes(ref lanes, first, Stride);
            Assert.Equal(
                new[] { expected.V0, expected.V1, expected.V2, expected.V3, expected.V4, expected.V5, expected.V6, expected.V7 },
                new[] { lanes.V0, lanes.V1, lanes.V2, lanes.V3, lanes.V4, lanes.V5, lanes.V6, lanes.V7 });
        }
    }
}
