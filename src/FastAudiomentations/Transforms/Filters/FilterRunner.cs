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
    public static void Iir(Span<float> x, ReadOnlySpan<BiquadCoefficients> sections, bool zeroPhase, ScratchArena scratch)
    {
        if (!zeroPhase)
        {
            BiquadCascadeFilter.Filter(x, sections, scratch.Floats(BiquadCascadeFilter.ScratchLength(x.Length)));
            return;
        }

        int edge = ZeroPhasePadding(sections, x.Length);
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
    /// sosfiltfilt's default padding: 3 (2 S + 1 - min(#sections with B2 = 0, #sections with A2 = 0)) for S
    /// sections, shortened to length - 1 where the clip is not longer (scipy raises there instead).
    /// </summary>
    public static int ZeroPhasePadding(ReadOnlySpan<BiquadCoefficients> sections, int length)
    {
        int zeroB2 = 0, zeroA2 = 0;
        foreach (BiquadCoefficients c in sections)
        {
            zeroB2 += c.B2 == 0 ? 1 : 0;
            zeroA2 += c.A2 == 0 ? 1 : 0;
        }

        int taps = (2 * sections.Length) + 1 - Math.Min(zeroB2, zeroA2);
        return Math.Max(0, Math.Min(3 * taps, length - 1));
    }

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
