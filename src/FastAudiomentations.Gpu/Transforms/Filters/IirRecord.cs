using FastAudiomentations.Dsp;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Filters;

/// <summary>
/// One row's Butterworth cascade in the per-call float table, as the host designs it and
/// <see cref="IirCascadeKernel"/> reads it.
/// </summary>
/// <remarks>
/// <code>
/// [0] section count   [1] zero-phase padding (samples per end; 0 when causal)
/// [2] warm-up: samples after which the cascade has forgotten its state (the sections' BiquadChunkScan.SettlingSamples
///     summed, at most MaxWarmUp; 0 where the device designed the record: such calls never take warm-up launches)
/// [3] split: 1 where this record holds only the cascade's last sections and a compact record of its first ones sits at
///     PrefixAt (a causal row too slow to settle within a window, split by <see cref="Write"/>'s splitReach), else 0
/// per section m, at HeaderFloats + m SectionFloats:
///   [0..8]   the section: A11 A12 A21 A22 B1 B2 C1 C2 D       (BiquadSection)
///   [9..10]  steady state per unit input, (I - A)^-1 B          (Biquad.SteadyStatePerUnitInput)
///   [11]     DC gain                                           (Biquad.DcGain)
///   [12..]   Levels transitions A^(K 2^d), P11 P12 P21 P22 each (BiquadChunkScan.TransitionLevels, K = ChunkLength)
/// </code>
/// A warm-up call's record (<see cref="IirCascadeKernel.RunWarmUp{TTable, TGroup, TKind}"/>) is compact: the header,
/// then each section's first <see cref="CoefficientFloats"/> floats at HeaderFloats + m CoefficientFloats, and nothing of
/// the levels, which its kernels compute from A (<see cref="Compact"/>). So at batch 1 a band filter's table reads 62
/// words instead of 318 and travels as the kernel's argument (<see cref="Execution.InlineTable"/>).
/// Counts are small integers stored as floats (exact). Everything is designed in double by the core's own
/// functions and rounded to float once, exactly what the CPU path runs: on the host (<see cref="Write"/>, small
/// batches) or on the device (<see cref="ButterworthDesignKernel"/> through <see cref="WriteSection"/>).
/// </remarks>
internal static class IirRecord
{
    /// <summary>Where the header holds the warm-up samples.</summary>
    public const int WarmUpOffset = 2;

    /// <summary>The largest warm-up a record holds (exact in a float); longer ones are stored as this.</summary>
    public const int MaxWarmUp = 1 << 24;

    /// <summary>Where the header holds the split flag (<see cref="Write"/>).</summary>
    public const int SplitOffset = 3;

    /// <summary>
    /// The fewest sections a split's prefix takes (<see cref="Write"/>). Why: at batch 1 a section's look-back costs ~3.7 us
    /// of kernel time and a warm-up launch ~6 us plus ~1 a section, with ~1 us between the two launches (ncu, runs 70,
    /// 123), so a prefix of 3 sections saves ~1 us at best, and in runs 182-183 the default band filters (4 sections at
    /// most) came out no faster split. From 4 the saving is clear (48 dB/oct: -7 to -8 us of events); the default
    /// filters then never split.
    /// </summary>
    public const int MinSplitPrefix = 4;

    /// <summary>Floats before the first section.</summary>
    public const int HeaderFloats = 4;

    /// <summary>
    /// Transition levels per section, A^(K 2^d) for d &lt; Levels: the block scan over G chunks uses d &lt; log2 G,
    /// the look-back log2 G up to log2 G + 5 (32 tiles a round), so 16 cover groups of up to 1024 threads.
    /// </summary>
    public const int Levels = 16;

    /// <summary>Where a section's steady state per unit input starts.</summary>
    public const int PerUnitOffset = 9;

    /// <summary>Where a section's DC gain sits.</summary>
    public const int DcGainOffset = 11;

    /// <summary>Where a section's transition levels start.</summary>
    public const int LevelsOffset = 12;

    /// <summary>Floats per section.</summary>
    public const int SectionFloats = LevelsOffset + (4 * Levels);

    /// <summary>Floats per section before its levels: all a compact record keeps of it.</summary>
    public const int CoefficientFloats = LevelsOffset;

    /// <summary>Floats of the compact form of a record of <paramref name="sections"/> sections (<see cref="Compact"/>).</summary>
    public static int CompactFloats(int sections) => HeaderFloats + (sections * CoefficientFloats);

    /// <summary>
    /// Writes the compact form of <paramref name="record"/> (<see cref="Write"/>'s layout) into <paramref name="compact"/>:
    /// the header, then each section's coefficients, steady state and DC gain, without its levels.
    /// </summary>
    public static void Compact(ReadOnlySpan<float> record, Span<float> compact)
    {
        int sections = (int)record[0];
        record[..HeaderFloats].CopyTo(compact);
        for (int m = 0; m < sections; m++)
        {
            record.Slice(HeaderFloats + (m * SectionFloats), CoefficientFloats).CopyTo(compact[(HeaderFloats + (m * CoefficientFloats))..]);
        }
    }

    /// <summary>The largest record: <see cref="ButterworthDesign.MaxOrder"/> sections.</summary>
    public const int MaxFloats = HeaderFloats + (ButterworthDesign.MaxOrder * SectionFloats);

    /// <summary>Floats of a record with room for <paramref name="maxSections"/> sections.</summary>
    public static int Stride(int maxSections) => HeaderFloats + (maxSections * SectionFloats);

    /// <summary>
    /// Where a split row's compact prefix record starts within a row of <paramref name="stride"/> floats: far enough along
    /// for a compact record of all but one of the row's sections to fit behind it.
    /// </summary>
    public static int PrefixAt(int stride) => stride - CompactFloats(((stride - HeaderFloats) / SectionFloats) - 1);

    /// <summary>
    /// Writes a record for <paramref name="sections"/> into <paramref name="record"/> (a row of the table: its length is
    /// the row's stride), padded by <paramref name="padding"/> samples per end for zero phase.
    /// </summary>
    /// <remarks>
    /// A causal cascade whose warm-up (the sections' settling samples summed) exceeds <paramref name="splitReach"/> would
    /// look back in every section. Where its first sections settle within that reach on their own (band designs run
    /// their sections by increasing pole radius, so the fast ones come first: bench/gpu-notes.md, session 16), the row
    /// is split: the longest such prefix goes into a compact record at <see cref="PrefixAt"/> (its own header: its
    /// sections and their warm-up), for a window launch, and the rest into the full record at the row's start, flagged
    /// (<see cref="SplitOffset"/>), for the look-back launch after it. 0 never splits.
    /// </remarks>
    public static void Write(Span<float> record, ReadOnlySpan<BiquadSection> sections, int padding, int splitReach = 0)
    {
        record[0] = sections.Length;
        record[1] = padding;
        record[SplitOffset] = 0;
        long warmUp = 0;
        Span<BiquadChunkTransition> levels = stackalloc BiquadChunkTransition[Levels];
        Span<int> settling = stackalloc int[sections.Length];
        for (int m = 0; m < sections.Length; m++)
        {
            BiquadSection c = sections[m];
            Span<float> entry = record.Slice(HeaderFloats + (m * SectionFloats), SectionFloats);
            entry[0] = c.A11;
            entry[1] = c.A12;
            entry[2] = c.A21;
            entry[3] = c.A22;
            entry[4] = c.B1;
            entry[5] = c.B2;
            entry[6] = c.C1;
            entry[7] = c.C2;
            entry[8] = c.D;
            BiquadState perUnit = Biquad.SteadyStatePerUnitInput(c);
            entry[PerUnitOffset] = perUnit.S1;
            entry[PerUnitOffset + 1] = perUnit.S2;
            entry[DcGainOffset] = Biquad.DcGain(c, perUnit);
            settling[m] = BiquadChunkScan.TransitionLevelsAndSettling(c, IirCascadeKernel.ChunkLength, levels);
            warmUp += settling[m];
            for (int d = 0; d < Levels; d++)
            {
                int at = LevelsOffset + (4 * d);
                entry[at] = levels[d].P11;
                entry[at + 1] = levels[d].P12;
                entry[at + 2] = levels[d].P21;
                entry[at + 3] = levels[d].P22;
            }
        }

        record[WarmUpOffset] = Math.Min(warmUp, MaxWarmUp);
        if (splitReach > 0 && padding == 0 && warmUp > splitReach)
        {
            Split(record, settling, splitReach);
        }
    }

    /// <summary>
    /// Splits a full record whose cascade settles past <paramref name="splitReach"/> (<see cref="Write"/>'s remarks) where
    /// a prefix of at least <see cref="MinSplitPrefix"/> sections settles within it and the rest fits before
    /// <see cref="PrefixAt"/>.
    /// </summary>
    private static void Split(Span<float> record, ReadOnlySpan<int> settling, int splitReach)
    {
        int sections = settling.Length;
        int prefix = 0;
        long prefixWarmUp = 0;
        while (prefix < sections && prefixWarmUp + settling[prefix] <= splitReach)
        {
            prefixWarmUp += settling[prefix++];
        }

        int prefixAt = PrefixAt(record.Length);
        if (prefix < MinSplitPrefix || prefix == sections || Stride(sections - prefix) > prefixAt)
        {
            return;
        }

        // The prefix's compact record first (into its place past the tail's), then the tail's entries moved to the front.
        Span<float> compact = record.Slice(prefixAt, CompactFloats(prefix));
        Span<float> staged = stackalloc float[CompactFloats(prefix)];
        staged[0] = prefix;
        staged[1] = 0;
        staged[WarmUpOffset] = prefixWarmUp;
        staged[SplitOffset] = 0;
        for (int m = 0; m < prefix; m++)
        {
            record.Slice(HeaderFloats + (m * SectionFloats), CoefficientFloats).CopyTo(staged[(HeaderFloats + (m * CoefficientFloats))..]);
        }

        long tailWarmUp = 0;
        for (int m = prefix; m < sections; m++)
        {
            tailWarmUp += settling[m];
        }

        record.Slice(HeaderFloats + (prefix * SectionFloats), (sections - prefix) * SectionFloats).CopyTo(record[HeaderFloats..]);
        record[0] = sections - prefix;
        record[WarmUpOffset] = Math.Min(tailWarmUp, MaxWarmUp);
        record[SplitOffset] = 1;
        staged.CopyTo(compact);
    }

    /// <summary>
    /// Writes section entry <paramref name="c"/> at <paramref name="at"/> of <paramref name="records"/> on the device:
    /// the values <see cref="Write"/> writes (the same core functions: the levels are <see cref="BiquadChunkScan.ChunkPower"/>
    /// squared level by level, zero from the first negligible one, as <see cref="BiquadChunkScan.TransitionLevels"/>).
    /// </summary>
    public static void WriteSection(ArrayView<float> records, long at, in BiquadSection c)
    {
        records[at] = c.A11;
        records[at + 1] = c.A12;
        records[at + 2] = c.A21;
        records[at + 3] = c.A22;
        records[at + 4] = c.B1;
        records[at + 5] = c.B2;
        records[at + 6] = c.C1;
        records[at + 7] = c.C2;
        records[at + 8] = c.D;
        BiquadState perUnit = Biquad.SteadyStatePerUnitInput(c);
        records[at + PerUnitOffset] = perUnit.S1;
        records[at + PerUnitOffset + 1] = perUnit.S2;
        records[at + DcGainOffset] = Biquad.DcGain(c);
        DoubleMatrix2 level = BiquadChunkScan.ChunkPower(c, IirCascadeKernel.ChunkLength);
        bool zero = false;
        for (int d = 0; d < Levels; d++)
        {
            zero |= BiquadChunkScan.Negligible(level);
            long entry = at + LevelsOffset + (4 * d);
            records[entry] = zero ? 0f : (float)level.M11;
            records[entry + 1] = zero ? 0f : (float)level.M12;
            records[entry + 2] = zero ? 0f : (float)level.M21;
            records[entry + 3] = zero ? 0f : (float)level.M22;
            level *= level;
        }
    }
}
