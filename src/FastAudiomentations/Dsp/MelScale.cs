using System.Runtime.CompilerServices;

namespace FastAudiomentations.Dsp;

/// <summary>The mel scale of O'Shaughnessy (1987), as audiomentations converts cutoff frequencies.</summary>
/// <remarks>mel = 2595 log10(1 + f / 700); f = 700 (10^(mel / 2595) - 1). Double precision (host-side draws).</remarks>
public static class MelScale
{
    /// <summary>Hertz to mels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FromHz(double hz) => 2595.0 * Math.Log10(1.0 + (hz / 700.0));

    /// <summary>Mels to hertz.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToHz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);
}
