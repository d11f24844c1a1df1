using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations.Dsp;

/// <summary>
/// <see cref="BiquadChunkScan.TransitionLevelsAndSettling"/> for the sections of a cascade at once, four sections to a
/// vector of doubles: the same values, bit for bit.
/// </summary>
/// <remarks>
/// Why: the walk is a chain of dependent 2 x 2 products in double (A^L by binary powering, then up to 20 squarings and
/// as many trial products for the settling count), so one section at a time leaves the core waiting on each product's
/// latency. A batch-1 GPU filter call designs its record on the host before its launch, and the walk was two thirds of
/// that design time (0.3 us of a 2-section band filter's 0.5, 1.2 of the 8-section band's 1.7 on the development
/// machine; the H100 machine's host takes about twice as long). Four sections side by side cost about what one did.
/// Each lane runs the scalar walk's multiplications and additions in the scalar walk's order (no fused multiply-add), so
/// its results are the scalar walk's; lanes that finish early keep squaring values already below the cut, and their
/// results are read before that.
/// </remarks>
public static class BiquadChunkWalk
{
    private const double Cut = BiquadChunkScan.Tolerance / 4;

    /// <summary>
    /// For each section m of <paramref name="sections"/>: its settling samples into <paramref name="settling"/>[m] and, when
    /// <paramref name="levelsPerSection"/> is positive, its first levels into <paramref name="levels"/> at
    /// m <paramref name="levelsPerSection"/>, each exactly as <see cref="BiquadChunkScan.TransitionLevelsAndSettling"/> gives them.
    /// </summary>
    /// <param name="sections">The cascade's sections (stable).</param>
    /// <param name="chunkLength">L, at least 1.</param>
    /// <param name="levels">Receives levelsPerSection transitions per section (may be empty when levelsPerSection is 0).</param>
    /// <param name="levelsPerSection">Levels per section, 0 to <see cref="BiquadChunkScan.MaxLevels"/>.</param>
    /// <param name="settling">Receives one count per section.</param>
    public static void Run(ReadOnlySpan<BiquadSection> sections, int chunkLength, Span<BiquadChunkTransition> levels, int levelsPerSection, Span<int> settling)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(levelsPerSection);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(levelsPerSection, BiquadChunkScan.MaxLevels);
        ArgumentOutOfRangeException.ThrowIfLessThan(settling.Length, sections.Length, nameof(settling));
        ArgumentOutOfRangeException.ThrowIfLessThan(levels.Length, sections.Length * levelsPerSection, nameof(levels));
        int m = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; m < sections.Length; m += 4)
            {
                WalkFour(sections[m..], chunkLength, levels[(m * levelsPerSection)..], levelsPerSection, settling[m..]);
            }

            return;
        }

        for (; m < sections.Length; m++)
        {
            settling[m] = BiquadChunkScan.TransitionLevelsAndSettling(sections[m], chunkLength, levels.Slice(m * levelsPerSection, levelsPerSection));
        }
    }

    /// <summary>The walk of up to four sections (the first four of <paramref name="sections"/>), one to a lane.</summary>
    [SkipLocalsInit]
    private static void WalkFour(ReadOnlySpan<BiquadSection> sections, int chunkLength, Span<BiquadChunkTransition> levels, int levelsPerSection, Span<int> settling)
    {
        int lanes = Math.Min(4, sections.Length);

        // A in each lane (zero past the last section: its walk ends at once and is never read).
        Span<double> a = stackalloc double[16];
        a.Clear();
        for (int lane = 0; lane < lanes; lane++)
        {
            BiquadSection c = sections[lane];
            a[lane] = c.A11;
            a[4 + lane] = c.A12;
            a[8 + lane] = c.A21;
            a[12 + lane] = c.A22;
        }

        // A^L by binary powering from the identity, as BiquadChunkScan.ChunkPower.
        var b = new Matrices(Vector256.Create<double>(a[..4]), Vector256.Create<double>(a[4..8]), Vector256.Create<double>(a[8..12]), Vector256.Create<double>(a[12..]));
        var p = new Matrices(Vector256<double>.One, Vector256<double>.Zero, Vector256<double>.Zero, Vector256<double>.One);
        for (int n = chunkLength; n > 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                p = p.Times(b);
            }

            b = b.Times(b);
        }

        // Squarings while a lane's power is at or above the cut: its count is the first level below it.
        Span<Matrices> powers = stackalloc Matrices[BiquadChunkScan.MaxLevels];
        Span<int> counts = stackalloc int[4];
        counts.Clear();
        Matrices level = p;
        uint open = (1u << lanes) - 1;
        int walked = 0;
        while (walked < BiquadChunkScan.MaxLevels)
        {
            uint above = Vector256.GreaterThanOrEqual(level.MaxAbs(), Vector256.Create(Cut)).ExtractMostSignificantBits() & open;
            for (uint closed = open & ~above; closed != 0; closed &= closed - 1)
            {
                counts[System.Numerics.BitOperations.TrailingZeroCount(closed)] = walked;
            }

            open = above;
            if (open == 0)
            {
                break;
            }

            powers[walked++] = level;
            level = level.Times(level);
        }

        for (uint still = open; still != 0; still &= still - 1)
        {
            counts[System.Numerics.BitOperations.TrailingZeroCount(still)] = BiquadChunkScan.MaxLevels;
        }

        for (int lane = 0; lane < lanes; lane++)
        {
            WriteLevels(powers, counts[lane], lane, levels.Slice(lane * levelsPerSection, levelsPerSection));
        }

        // The settling count: from each lane's last power above the cut, lower levels added while the product stays above.
        Span<double> start = stackalloc double[16];
        start.Clear();
        int deepest = 0;
        for (int lane = 0; lane < lanes; lane++)
        {
            if (counts[lane] > 0 && counts[lane] < BiquadChunkScan.MaxLevels)
            {
                Matrices top = powers[counts[lane] - 1];
                start[lane] = top.M11[lane];
                start[4 + lane] = top.M12[lane];
                start[8 + lane] = top.M21[lane];
                start[12 + lane] = top.M22[lane];
                deepest = Math.Max(deepest, counts[lane]);
            }
        }

        var power = new Matrices(Vector256.Create<double>(start[..4]), Vector256.Create<double>(start[4..8]), Vector256.Create<double>(start[8..12]), Vector256.Create<double>(start[12..]));
        Span<long> chunks = stackalloc long[4];
        for (int lane = 0; lane < 4; lane++)
        {
            chunks[lane] = lane < lanes && counts[lane] > 0 && counts[lane] < BiquadChunkScan.MaxLevels ? 1L << (counts[lane] - 1) : 0;
        }

        for (int d = deepest - 2; d >= 0; d--)
        {
            // Lanes whose walk reaches level d: count - 2 >= d.
            uint taking = 0;
            for (int lane = 0; lane < lanes; lane++)
            {
                taking |= counts[lane] < BiquadChunkScan.MaxLevels && counts[lane] - 2 >= d ? 1u << lane : 0;
            }

            Matrices next = power.Times(powers[d]);
            uint keep = Vector256.GreaterThanOrEqual(next.MaxAbs(), Vector256.Create(Cut)).ExtractMostSignificantBits() & taking;
            if (keep == 0)
            {
                continue;
            }

            power = Matrices.Select(keep, next, power);
            for (uint kept = keep; kept != 0; kept &= kept - 1)
            {
                chunks[System.Numerics.BitOperations.TrailingZeroCount(kept)] += 1L << d;
            }
        }

        for (int lane = 0; lane < lanes; lane++)
        {
            int count = counts[lane];
            settling[lane] = count == BiquadChunkScan.MaxLevels ? int.MaxValue
                : count == 0 ? chunkLength
                : (int)Math.Min(int.MaxValue, (chunks[lane] + 1) * chunkLength);
        }
    }

    /// <summary>Lane <paramref name="lane"/>'s levels: each power until the first negligible one, zero from there (as the scalar walk writes them).</summary>
    private static void WriteLevels(ReadOnlySpan<Matrices> powers, int count, int lane, Span<BiquadChunkTransition> levels)
    {
        bool negligible = false;
        for (int d = 0; d < levels.Length; d++)
        {
            var power = d < count ? powers[d].Lane(lane) : default;
            negligible |= d >= count || BiquadChunkScan.Negligible(power);
            levels[d] = negligible ? default : power.ToTransition();
        }
    }

    /// <summary>Four 2 x 2 matrices, one to a lane: each entry a vector.</summary>
    private readonly struct Matrices(Vector256<double> m11, Vector256<double> m12, Vector256<double> m21, Vector256<double> m22)
    {
        public readonly Vector256<double> M11 = m11;
        public readonly Vector256<double> M12 = m12;
        public readonly Vector256<double> M21 = m21;
        public readonly Vector256<double> M22 = m22;

        /// <summary>The lanes' products this b, each entry as <see cref="DoubleMatrix2"/>'s product forms it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Matrices Times(in Matrices b) => new(
            (M11 * b.M11) + (M12 * b.M21),
            (M11 * b.M12) + (M12 * b.M22),
            (M21 * b.M11) + (M22 * b.M21),
            (M21 * b.M12) + (M22 * b.M22));

        /// <summary>Each lane's largest entry magnitude (<see cref="DoubleMatrix2.MaxAbs"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<double> MaxAbs() =>
            Vector256.Max(Vector256.Max(Vector256.Abs(M11), Vector256.Abs(M12)), Vector256.Max(Vector256.Abs(M21), Vector256.Abs(M22)));

        public DoubleMatrix2 Lane(int lane) => new(M11[lane], M12[lane], M21[lane], M22[lane]);

        /// <summary>Lane by lane: a where the lane's bit of <paramref name="mask"/> is set, else b.</summary>
        public static Matrices Select(uint mask, in Matrices a, in Matrices b)
        {
            Vector256<double> take = Vector256.Create(
                (mask & 1) != 0 ? -1L : 0,
                (mask & 2) != 0 ? -1L : 0,
                (mask & 4) != 0 ? -1L : 0,
                (mask & 8) != 0 ? -1L : 0).AsDouble();
            return new(
                Vector256.ConditionalSelect(take, a.M11, b.M11),
                Vector256.ConditionalSelect(take, a.M12, b.M12),
                Vector256.ConditionalSelect(take, a.M21, b.M21),
                Vector256.ConditionalSelect(take, a.M22, b.M22));
        }
    }
}
