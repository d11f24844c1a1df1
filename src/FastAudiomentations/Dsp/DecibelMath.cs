using System.Runtime.CompilerServices;

namespace FastAudiomentations;

/// <summary>Decibel conversions shared by the CPU paths and the GPU kernels.</summary>
public static class DecibelMath
{
    /// <summary>10^(db / 20): the amplitude factor of a level in dB.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DbToAmplitude(float db) => MathF.Pow(10f, db / 20f);

    /// <summary>20 log10(amplitude).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float AmplitudeToDb(float amplitude) => 20f * MathF.Log10(amplitude);
}
