using System.Runtime.CompilerServices;

namespace FastAudiomentations.Dsp;

/// <summary>
/// The math that lets a section run over K chunks of a signal at once (SIMD lanes on the CPU, threads on
/// the GPU): each chunk is filtered from a zero state, the true start state of every chunk is found by a
/// short sequential scan, and each chunk's output is corrected by the zero-input response of that state.
/// See docs/architecture/iir-filters.md.
/// </summary>
/// <remarks>
/// By linearity, for chunk k of length L that truly starts in state S_k:
/// <code>
/// y_k[n]  = y0_k[n] + S_k.S1 h1[n] + S_k.S2 h2[n]
/// S_{k+1} = Phi S_k + E_k
/// </code>
/// where y0_k and E_k are the chunk's output and end state from a zero start, h_j[n] = C A^n e_j is the
/// output of zero input from unit state e_j, and Phi = A^L (<see cref="BiquadChunkTransition"/>).
/// <see cref="Carry"/> and <see cref="Correction"/> are plain static methods over value types, so the GPU
/// kernels call them too.
/// </remarks>
public static class BiquadChunkScan
{
    /// <summary>
    /// The zero-input responses are cut once every entry of A^n is below this (2^-32): from then on a state
    /// adds less than 2^-32 of what it added at its largest, far below float resolution (2^-24).
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

    /// <summary>What sample n of a chunk gains from its true start state: S1 h1[n] + S2 h2[n].</summary>
    /// <param name="start">The chunk's true start state.</param>
    /// <param name="h1">h1[n], the zero-input output from state (1, 0).</param>
    /// <param name="h2">h2[n], the zero-input output from state (0, 1).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Correction(in BiquadState start, float h1, float h2) => (start.S1 * h1) + (start.S2 * h2);

    /// <summary>
    /// Fills <paramref name="levels"/> with the transitions a parallel prefix over chunks combines with:
    /// levels[d] = A^(L 2^d) for chunks of L = <paramref name="chunkLength"/> samples (level d joins two runs of
    /// 2^d chunks: (Phi2, E2) o (Phi1, E1) = (Phi2 Phi1, Phi2 E1 + E2) with Phi = A^(L 2^d) for both).
    /// Host-side: A^L by binary powering, then each level the square of the one before, all in double; each
    /// rounded to float once. A level whose entries all fall below <see cref="Tolerance"/> is zero, as
    /// <see cref="ZeroInputResponse"/> makes Phi, and so is every level after it.
    /// </summary>
    /// <param name="c">The section (stable).</param>
    /// <param name="chunkLength">L, at least 1.</param>
    /// <param name="levels">Receives one transition per level (at most <see cref="MaxLevels"/>).</param>
    public static void TransitionLevels(in BiquadSection c, int chunkLength, Span<BiquadChunkTransition> levels) =>
        _ = TransitionLevelsAndSettling(c, chunkLength, levels);

    /// <summary>
    /// A^L in double by binary powering (level 0 of <see cref="TransitionLevels"/>; level d + 1 is the square of
    /// level d). A plain static method over value types: the GPU's design kernel runs it too.
    /// </summary>
    /// <param name="c">The section.</param>
    /// <param name="chunkLength">L, at least 1 (not checked).</param>
    public static DoubleMatrix2 ChunkPower(in BiquadSection c, int chunkLength)
    {
        // P = A^L by binary powering; B holds A^(2^i).
        var p = new DoubleMatrix2(1, 0, 0, 1);
        var b = new DoubleMatrix2(c.A11, c.A12, c.A21, c.A22);
        for (int n = chunkLength; n > 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                p *= b;
            }

            b *= b;
        }

        return p;
    }

    /// <summary>
    /// How many samples after which a section forgets its state: the least multiple n of <paramref name="chunkLength"/>
    /// for which every entry of A^n is below a quarter of <see cref="Tolerance"/>, or int.MaxValue past 2^20 chunks. A
    /// filter started from a zero state this many samples early reaches the true state to within 2^-32 of the state it
    /// forgot (the cut the levels make), far below float resolution: the GPU's warm-up windows use it
    /// (docs/architecture/iir-filters.md).
    /// </summary>
    /// <remarks>
    /// The levels A^(L 2^d) are squared until one is below the cut; then the largest count of chunks whose power is not
    /// is found bit by bit below it. The powers of a stable section decay along an envelope but their entries wobble
    /// about it (poles near Nyquist alternate in sign; a low-pass at 7.9 kHz of 16 kHz rose 1.0001x back over 2^-32
    /// after first falling below it): the quarter keeps every later power under the cut.
    /// </remarks>
    /// <param name="c">The section (stable).</param>
    /// <param name="chunkLength">The granularity L, at least 1.</param>
    public static int SettlingSamples(in BiquadSection c, int chunkLength) => TransitionLevelsAndSettling(c, chunkLength, []);

    /// <summary>
    /// <see cref="TransitionLevels"/> and <see cref="SettlingSamples"/> from one walk of the squarings (the values each
    /// gives alone): a host-designed GPU record needs both, and each squares A^L up to 20 times.
    /// </summary>
    /// <param name="c">The section (stable).</param>
    /// <param name="chunkLength">L, at least 1.</param>
    /// <param name="levels">Receives one transition per level, at most <see cref="MaxLevels"/> (may be empty).</param>
    /// <returns>The settling samples.</returns>
    public static int TransitionLevelsAndSettling(in BiquadSection c, int chunkLength, Span<BiquadChunkTransition> levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levels.Length, MaxLevels);
        const double Cut = Tolerance / 4;
        Span<DoubleMatrix2> powers = stackalloc DoubleMatrix2[MaxLevels];
        DoubleMatrix2 level = ChunkPower(c, chunkLength);
        int count = 0;
        while (count < MaxLevels && level.MaxAbs >= Cut)
        {
            powers[count++] = level;
            level *= level;
        }

        // The levels: each power until the first negligible one, zero from there (beyond the walk every power is below
        // the cut, so negligible).
        bool negligible = false;
        for (int d = 0; d < levels.Length; d++)
        {
            negligible |= d >= count || Negligible(powers[d]);
            levels[d] = negligible ? default : powers[d].ToTransition();
        }

        if (count == MaxLevels)
        {
            return int.MaxValue;
        }

        if (count == 0)
        {
            return chunkLength;
        }

        // A^(L 2^(count - 1)) is above the cut, A^(L 2^count) below: add lower levels while the power stays above it.
        DoubleMatrix2 power = powers[count - 1];
        long chunks = 1L << (count - 1);
        for (int d = count - 2; d >= 0; d--)
        {
            DoubleMatrix2 next = power * powers[d];
            if (next.MaxAbs >= Cut)
            {
                power = next;
                chunks += 1L << d;
            }
        }

        return (int)Math.Min(int.MaxValue, (chunks + 1) * chunkLength);
    }

    /// <summary>The most levels the walk squares (A^(L 2^19)); a section that has not settled by then never does for a GPU window.</summary>
    public const int MaxLevels = 20;

    /// <summary>Whether every entry of a transition is below <see cref="Tolerance"/> (it and every later level count as zero).</summary>
    public static bool Negligible(in DoubleMatrix2 transition) => transition.MaxAbs < Tolerance;

    /// <summary>
    /// Fills <paramref name="h1"/> and <paramref name="h2"/> with the zero-input outputs from the unit states,
    /// h_j[n] = C A^n e_j, and gives Phi = A^L. Host-side: A^n is iterated in double, outputs stored as float.
    /// </summary>
    /// <param name="c">The section (stable).</param>
    /// <param name="chunkLength">L, at least 1.</param>
    /// <param name="h1">At least L floats.</param>
    /// <param name="h2">At least L floats.</param>
    /// <param name="transition">Phi = A^L, or zero when A^n falls below <see cref="Tolerance"/> within the chunk.</param>
    /// <returns>
    /// How many samples of the responses matter (at most L): corrections at and beyond it are below the
    /// tolerance and may be skipped; h1 and h2 are filled that far.
    /// </returns>
    public static int ZeroInputResponse(in BiquadSection c, int chunkLength, Span<float> h1, Span<float> h2, out BiquadChunkTransition transition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(h1.Length, chunkLength, nameof(h1));
        ArgumentOutOfRangeException.ThrowIfLessThan(h2.Length, chunkLength, nameof(h2));
        double a11 = c.A11, a12 = c.A12, a21 = c.A21, a22 = c.A22;

        // M = A^n, starting from the identity.
        double m11 = 1, m12 = 0, m21 = 0, m22 = 1;
        for (int n = 0; n < chunkLength; n++)
        {
            if (Math.Max(Math.Max(Math.Abs(m11), Math.Abs(m12)), Math.Max(Math.Abs(m21), Math.Abs(m22))) < Tolerance)
            {
                transition = default;
                return n;
            }

            h1[n] = (float)((c.C1 * m11) + (c.C2 * m21));
            h2[n] = (float)((c.C1 * m12) + (c.C2 * m22));
            (m11, m12, m21, m22) = ((a11 * m11) + (a12 * m21), (a11 * m12) + (a12 * m22), (a21 * m11) + (a22 * m21), (a21 * m12) + (a22 * m22));
        }

        transition = new BiquadChunkTransition((float)m11, (float)m12, (float)m21, (float)m22);
        return chunkLength;
    }
}
