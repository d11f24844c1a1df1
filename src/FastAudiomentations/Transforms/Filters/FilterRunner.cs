using FastAudiomentations.Dsp;

namespace FastAudiomentations;

/// <summary>Runs a designed filter over one channel's valid samples, in place, with the edge handling of each mode.</summary>
internal static class FilterRunner
{
    /// <summary>
    /// Butterworth sections over <paramref name="x"/>. Causal: scipy's <c>sosfilt</c> from the steady state
    /// for x[0]. Zero phase: scipy's <c>sosfiltfilt</c>: odd extension by
    /// <see cref="ZeroPhasePadding"/> samples at each end, forward pass from the steady state for the first
    /// extended sample, backward pass from the steady state for the last output, extension cut off.
    /// </summary>
    /// <param name="x">The channel's valid samples.</param>
    /// <param name="sections">The design's sections.</param>
    /// <param name="zeroPhase">Forward and backward.</param>
    /// <param name="filtFiltTaps">scipy's "ntaps" of the design (order + 1 for low/high-pass, 2 order + 1 for band filters).</param>
    /// <param name="scratch">The worker's scratch.</param>
    public static void Iir(Span<float> x, ReadOnlySpan<BiquadSection> sections, bool zeroPhase, int filtFiltTaps, ScratchArena scratch)
    {
        if (!zeroPhase)
        {
            BiquadCascadeFilter.Filter(x, sections, scratch.Floats(BiquadCascadeFilter.ScratchLength(x.Length)));
            return;
        }

        int edge = ZeroPhasePadding(filtFiltTaps, x.Length);
        int length = x.Length + (2 * edge);
        Span<float> extended = scratch.Floats(length);
        Span<float> work = scratch.MoreFloats(BiquadCascadeFilter.ScratchLength(length));
        OddExtension(x, edge, extended);
        BiquadCascadeFilter.Filter(extended, sections, work);
        extended.Reverse();
        BiquadCascadeFilter.Filter(extended, sections, work);
        extended.Reverse();
        extended.Slice(edge, x.Length).CopyTo(x);
    }

    /// <summary>
    /// sosfiltfilt's default padding, 3 ntaps, where ntaps = 2 S + 1 - min(#sections with b2 = 0, #sections with
    /// a2 = 0) for S sections: order + 1 for a low-pass or high-pass design of any order, 2 order + 1 for a
    /// band design. Shortened to length - 1 where the clip is not longer (scipy raises there instead).
    /// </summary>
    public static int ZeroPhasePadding(int filtFiltTaps, int length) => Math.Max(0, Math.Min(3 * filtFiltTaps, length - 1));

    /// <summary>
    /// FIR taps over <paramref name="x"/>: causal (delay (N - 1) / 2, the signal held at x[0] before its
    /// start, the FIR twin of starting from the steady state), or centred for zero phase (the signal held
    /// at its first and last samples beyond its ends). Taps must be symmetric.
    /// </summary>
    public static void Fir(Span<float> x, ReadOnlySpan<float> taps, bool zeroPhase, ScratchArena scratch)
    {
        int before = zeroPhase ? taps.Length / 2 : taps.Length - 1;
        int after = taps.Length - 1 - before;
        Span<float> extended = scratch.Floats(x.Length + taps.Length - 1);
        extended[..before].Fill(x[0]);
        x.CopyTo(extended[before..]);
        extended.Slice(before + x.Length, after).Fill(x[^1]);
        FirConvolution.Correlate(extended, taps, x);
    }

    /// <summary>scipy's odd_ext: 2 x[0] - x[i] before the start, 2 x[T-1] - x[T-1-i] after the end.</summary>
    private static void OddExtension(ReadOnlySpan<float> x, int edge, Span<float> extended)
    {
        x.CopyTo(extended[edge..]);
        float first = x[0], last = x[^1];
        for (int i = 1; i <= edge; i++)
        {
            extended[edge - i] = (2 * first) - x[i];
            extended[edge + x.Length - 1 + i] = (2 * last) - x[x.Length - 1 - i];
        }
    }
}
