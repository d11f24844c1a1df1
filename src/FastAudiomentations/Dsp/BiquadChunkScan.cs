using System.Runtime.CompilerServices;

namespace FastAudiomentations.Dsp;

/// <summary>
/// The math that lets a biquad run over K chunks of a signal at once (SIMD lanes on the CPU, threads on
/// the GPU): each chunk is filtered from a zero state, then the true start state of every chunk is found
/// by a short sequential scan, and each chunk's output is corrected by the zero-input response of that
/// state. See docs/architecture/iir-filters.md.
/// </summary>
/// <remarks>
/// Linearity gives, for chunk k of length L starting at state S_k:
/// <code>
/// y_k[n] = y0_k[n] + S_k.S1 g[n] + S_k.S2 g[n-1]      (g[-1] = 0)
/// S_{k+1} = Phi S_k + E_k
/// </code>
/// where y0_k and E_k are the output and end state from a zero start, g is the zero-input response from
/// state (1, 0), and Phi = A^L (<see cref="BiquadChunkTransition"/>). The zero-input response from (0, 1)
/// is g delayed by one sample, so one basis sequence serves both state variables. <see cref="Carry"/> and
/// <see cref="Correction"/> are plain static methods over value types so the GPU kernels call them too.
/// </remarks>
public static class BiquadChunkScan
{
    /// <summary>
    /// The zero-input response is cut where the state it leaves would add less than this (relative to
    /// the state's size) to any later output: far below float resolution (2^-24).
    /// </summary>
    public const double Tolerance = 1.0 / (1L << 32);

    /// <summary>The true state at the start of the next chunk: Phi S + E.</summary>
    /// <param name="transition">Phi = A^L for the chunk length.</param>
    /// <param name="start">The true state at the start of this chunk.</param>
    /// <param name="zeroStateEnd">This chunk's end state when it was filtered from a zero state.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BiquadState Carry(in BiquadChunkTransition transition, in BiquadState start, in BiquadState zeroStateEnd) =>
        new(
            (transition.P11 * start.S1) + (transition.P12 * start.S2) + zeroStateEnd.S1,
            (transition.P21 * start.S1) + (transition.P22 * start.S2) + zeroStateEnd.S2);

    /// <summary>What sample n of a chunk gains from its true start state: S1 g[n] + S2 g[n-1].</summary>
    /// <param name="start">The chunk's true start state.</param>
    /// <param name="g">g[n], the zero-input response from state (1, 0) at n.</param>
    /// <param name="gPrevious">g[n-1] (0 at n = 0).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Correction(in BiquadState start, float g, float gPrevious) => (start.S1 * g) + (start.S2 * gPrevious);

    /// <summary>Phi = A^L from the zero-input response at L, L-1 and L-2 (L &gt;= 2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static BiquadChunkTransition Transition(in BiquadCoefficients c, float gL, float gL1, float gL2) =>
        new(gL, gL1, -c.A2 * gL1, -c.A2 * gL2);

    /// <summary>
    /// Fills <paramref name="basis"/> with the zero-input response from state (1, 0), shifted by one:
    /// basis[0] = g[-1] = 0 and basis[n + 1] = g[n], where g[0] = 1, g[1] = -A1,
    /// g[n] = -A1 g[n-1] - A2 g[n-2]. Host-side (computed in double, stored as float).
    /// </summary>
    /// <param name="c">The section (stable).</param>
    /// <param name="chunkLength">L, the chunk length (&gt;= 2).</param>
    /// <param name="basis">At least L + 1 floats.</param>
    /// <param name="transition">Phi = A^L, or zero when g decays below <see cref="Tolerance"/> within the chunk.</param>
    /// <returns>
    /// How many samples of g matter (&lt;= L): corrections of rows at or beyond it are below
    /// <see cref="Tolerance"/> and may be skipped.
    /// </returns>
    /// <remarks>
    /// The state left after n steps from (1, 0) is (g[n], -A2 g[n-1]) and from (0, 1) it is
    /// (g[n-1], -A2 g[n-2]); once |g[n]| + |g[n-1]| + |g[n-2]| times twice the largest |g| seen is below the
    /// tolerance, every later correction is too (a stable section's response envelope only decays after
    /// its peak, and the response of a state is bounded by its size times twice that peak).
    /// </remarks>
    public static int ZeroInputResponse(in BiquadCoefficients c, int chunkLength, Span<float> basis, out BiquadChunkTransition transition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(basis.Length, chunkLength + 1, nameof(basis));
        double a1 = c.A1;
        double a2 = c.A2;
        double g2 = 0; // g[n-2]
        double g1 = 0; // g[n-1]
        double peak = 1;
        basis[0] = 0;
        for (int n = 0; n <= chunkLength; n++)
        {
            double g = n == 0 ? 1 : (-a1 * g1) - (a2 * g2);
            if (n == chunkLength)
            {
                transition = Transition(c, (float)g, (float)g1, (float)g2);
                return chunkLength;
            }

            basis[n + 1] = (float)g;
            peak = Math.Max(peak, Math.Abs(g));
            if (n >= 2 && (Math.Abs(g) + Math.Abs(g1) + Math.Abs(g2)) * 2 * peak < Tolerance)
            {
                transition = default;
                return n + 1;
            }

            g2 = g1;
            g1 = g;
        }

        throw new InvalidOperationException("Unreachable: the loop returns at n = chunkLength.");
    }
}
