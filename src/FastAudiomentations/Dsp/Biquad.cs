using System.Runtime.CompilerServices;

namespace FastAudiomentations.Dsp;

/// <summary>
/// The per-sample recursion of a <see cref="BiquadSection"/> and its steady state: plain static methods over
/// value types, shared by the CPU paths and the GPU kernels (no spans, no allocation).
/// </summary>
public static class Biquad
{
    /// <summary>Filters one sample through one section, advancing <paramref name="state"/> by one sample.</summary>
    /// <param name="c">The section.</param>
    /// <param name="state">Its state.</param>
    /// <param name="x">The input sample.</param>
    /// <returns>y[n] = D x + C1 s1 + C2 s2 (then s = A s + B x).</returns>
    /// <remarks>
    /// Float, plain multiplies and adds (ILGPU compiles these; a GPU compiler may fuse them). The CPU's SIMD
    /// lanes use fused multiply-adds instead, so the two agree to float rounding, not bit for bit.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Step(in BiquadSection c, ref BiquadState state, float x)
    {
        float y = (c.D * x) + (c.C2 * state.S2) + (c.C1 * state.S1);
        float s1 = (c.B1 * x) + (c.A12 * state.S2) + (c.A11 * state.S1);
        state.S2 = (c.B2 * x) + (c.A22 * state.S2) + (c.A21 * state.S1);
        state.S1 = s1;
        return y;
    }

    /// <summary>
    /// The state after a constant input has been applied forever, per unit of input:
    /// v = (I - A)^-1 B. The steady state for input u is u v (what scipy's <c>sosfilt_zi(sos) * x[0]</c> gives).
    /// </summary>
    /// <remarks>Solved in double: det(I - A) is small for poles near z = 1 but has no cancellation in this form.</remarks>
    public static BiquadState SteadyStatePerUnitInput(in BiquadSection c)
    {
        double m11 = 1.0 - c.A11, m12 = -(double)c.A12, m21 = -(double)c.A21, m22 = 1.0 - c.A22;
        double det = (m11 * m22) - (m12 * m21);
        return new BiquadState((float)(((m22 * c.B1) - (m12 * c.B2)) / det), (float)(((m11 * c.B2) - (m21 * c.B1)) / det));
    }

    /// <summary>The gain at 0 Hz, D + C (I - A)^-1 B.</summary>
    public static float DcGain(in BiquadSection c) => DcGain(c, SteadyStatePerUnitInput(c));

    /// <summary>The gain at 0 Hz from the section's <see cref="SteadyStatePerUnitInput"/> already computed (the same value).</summary>
    public static float DcGain(in BiquadSection c, in BiquadState perUnitInput) =>
        (float)(c.D + ((double)c.C1 * perUnitInput.S1) + ((double)c.C2 * perUnitInput.S2));

    /// <summary>The steady state for a constant input <paramref name="input"/>, so filtering starts without a step transient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BiquadState SteadyState(in BiquadState perUnitInput, float input) =>
        new(perUnitInput.S1 * input, perUnitInput.S2 * input);
}
