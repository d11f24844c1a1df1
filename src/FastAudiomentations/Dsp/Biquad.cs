using System.Runtime.CompilerServices;

namespace FastAudiomentations.Dsp;

/// <summary>
/// The per-sample biquad recursion and its steady state: plain static methods over value types, shared by
/// the CPU paths and the GPU kernels (no spans, no allocation).
/// </summary>
/// <remarks>
/// Transposed direct form II (the form scipy's sosfilt uses):
/// <code>
/// y[n]     = B0 x[n] + s1
/// s1'      = B1 x[n] - A1 y[n] + s2
/// s2'      = B2 x[n] - A2 y[n]
/// </code>
/// It needs two state variables per section and keeps them of the order of the signal for the
/// Butterworth sections used here. Float throughout.
/// </remarks>
public static class Biquad
{
    /// <summary>Filters one sample through one section, updating <paramref name="state"/>.</summary>
    /// <param name="c">The section.</param>
    /// <param name="state">Its state, advanced by one sample.</param>
    /// <param name="x">The input sample.</param>
    /// <returns>The output sample y[n].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(in BiquadCoefficients c, ref BiquadState state, float x)
    {
        float y = (c.B0 * x) + state.S1;
        state.S1 = ((c.B1 * x) + state.S2) - (c.A1 * y);
        state.S2 = (c.B2 * x) - (c.A2 * y);
        return y;
    }

    /// <summary>The gain at 0 Hz, (B0 + B1 + B2) / (1 + A1 + A2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DcGain(in BiquadCoefficients c) => (c.B0 + c.B1 + c.B2) / (1f + c.A1 + c.A2);

    /// <summary>
    /// The state after a constant input <paramref name="input"/> has been applied forever: what scipy's
    /// <c>sosfilt_zi(sos) * x[0]</c> gives for one section, so that filtering starts without a step transient.
    /// </summary>
    /// <remarks>
    /// With y = G u (G = <see cref="DcGain"/>): s1 = y - B0 u, s2 = B2 u - A2 y. Requires a stable section
    /// (1 + A1 + A2 != 0), which every designed section is.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BiquadState SteadyState(in BiquadCoefficients c, float input)
    {
        float y = DcGain(c) * input;
        return new BiquadState(y - (c.B0 * input), (c.B2 * input) - (c.A2 * y));
    }
}
