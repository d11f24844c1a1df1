using FastAudiomentations.Gpu.Fusion;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary>
/// <see cref="ColorNoiseDesignKernel"/>'s design run by each colouring group for its own row, into the shared memory
/// its filter reads the taps from: small calls (up to <see cref="AddColorNoiseKernel.HostDesignRows"/> rows) whose
/// filter fits one chunk of taps (nFft up to 254), so that neither the host nor a kernel before the colour kernel designs.
/// </summary>
/// <remarks>
/// <para>Why: at batch 1 the host's design (~2.4 us on the H100 machine's host) came before the call's launch, and a
/// design kernel before the colour kernel costs as much again in the graph's kernel-to-kernel latency (bench/gpu-notes.md,
/// run 95). Here each of the call's ~110 groups designs the same 65 tap pairs beside its white noise.</para>
/// <para>The formula and tables are the design kernel's (float, <see cref="ColorNoiseDesignKernel.Tables"/>), in two
/// steps so that the tables' loads (<see cref="Inputs.Load"/>, at the kernel's start) wait under the white noise's generation
/// rather than in front of the design (<see cref="Design"/>; run 145: designing from cold tables cost 2.8 us of kernel
/// time, run 147 1.15 us at ncu's clock). Each tap pair's inverse DFT is split over <see cref="PairThreads"/> threads
/// (thread j of the pair takes the terms k = 1 + j + 3 i), whose partial sums are added in thread order: the same terms
/// as the design kernel's in another order.</para>
/// <para>The taps are not scaled to unit energy: AddColorNoise scales its noise by the measured power of the noise
/// it generates (k = <see cref="NoiseMixing.SnrNoiseScale"/>), so a constant factor on the taps cancels from the noise
/// it adds but for float rounding, and the group saves the reduction and the pass that scaling takes. Against the
/// host's design the taps agree to float rounding up to that factor (tested).</para>
/// </remarks>
internal static class ColorNoiseGroupDesign
{
    /// <summary>Largest nFft designed here: its nFft + 1 taps fit one chunk of the colour kernel's shared taps.</summary>
    public const int MaxNFft = AddColorNoiseKernel.TapChunk - 2;

    /// <summary>Threads that share a tap pair's inverse DFT: a third of its ~N/2 terms each.</summary>
    private const int PairThreads = 3;

    private const int MaxHalf = (MaxNFft / 2) + 1;

    /// <summary>
    /// A thread's share of the design's inputs, loaded at the kernel's start: the row's slope, A-weighting flag and bin
    /// width, and the tables' entries at the thread's index (ln max(k, 1), 2 cos(2 pi j / N), the window's square).
    /// </summary>
    public struct Inputs
    {
        public float Slope;
        public float AWeighting;
        public float BinHz;
        public float LogBin;
        public float Cosine;
        public float Window;

        /// <summary>Issues the loads of thread <c>Group.IdxX</c>'s inputs for the row whose slot starts at <paramref name="slot"/> ([SNR dB, slope a, A-weighting 0/1, bin width Hz]).</summary>
        public static Inputs Load(ArrayView<float> floats, ArrayView<float> tables, int slot, int nFft)
        {
            int tid = Group.IdxX;
            int half = nFft / 2;
            return new Inputs
            {
                Slope = floats[slot + 1],
                AWeighting = floats[slot + 2],
                BinHz = floats[slot + 3],
                LogBin = tid <= half ? tables[tid] : 0f,
                Cosine = tid < nFft ? tables[half + 1 + tid] : 0f,
                Window = tid <= half ? tables[half + 1 + nFft + tid] : 0f,
            };
        }
    }

    /// <summary>
    /// Designs the row's taps into <paramref name="taps"/> (shared; nFft + 1 floats, up to a constant factor) from the
    /// group's <paramref name="inputs"/> (and <paramref name="tables"/>' entries past the group's size). Every thread of the
    /// group must call it; the taps are visible to the group after its next barrier.
    /// </summary>
    public static void Design(in Inputs inputs, ArrayView<float> tables, int nFft, ArrayView<float> taps)
    {
        ArrayView<float> envelope = SharedMemory.Allocate<float>(MaxHalf);
        ArrayView<float> cosines = SharedMemory.Allocate<float>(MaxNFft);
        ArrayView<float> window = SharedMemory.Allocate<float>(MaxHalf);
        ArrayView<float> parts = SharedMemory.Allocate<float>(FusedPointwiseKernel.MaxGroupSize);
        int tid = Group.IdxX;
        int groupSize = Group.DimX;
        int half = nFft / 2;
        // Entries past the group's first (groups smaller than the tables: ILGPU's CPU accelerator) are loaded here.
        for (int k = tid; k <= half; k += groupSize)
        {
            float value = MathF.Exp(inputs.Slope * (k == tid ? inputs.LogBin : tables[k]));
            envelope[k] = inputs.AWeighting != 0f ? value * AWeighting.GainSingle(k * inputs.BinHz) : value;
            window[k] = k == tid ? inputs.Window : tables[half + 1 + nFft + k];
        }

        for (int j = tid; j < nFft; j += groupSize)
        {
            cosines[j] = j == tid ? inputs.Cosine : tables[half + 1 + j];
        }

        Group.Barrier();

        // Pair m's terms k = 1 + part + 3 i (k < N/2), each A_k 2 cos(2 pi k m / N) with the cosine's index k m mod N
        // stepped by 3 m mod N; the group takes groupSize / 3 pairs a round.
        float inverseN = 1f / nFft;
        int pairsPerRound = groupSize / PairThreads;
        int part = tid - (PairThreads * (tid / PairThreads));
        bool active = tid < PairThreads * pairsPerRound;
        for (int m0 = 0; m0 <= half; m0 += pairsPerRound)
        {
            int m = m0 + (tid / PairThreads);
            float sum = 0f;
            if (active && m <= half)
            {
                // k m and 3 m are below 3 N (m <= N/2): subtractions instead of a division by a register.
                int k = 1 + part;
                int index = k * m;
                while (index >= nFft)
                {
                    index -= nFft;
                }

                int step = PairThreads * m;
                while (step >= nFft)
                {
                    step -= nFft;
                }

                // Four terms a step, their loads issued before the first add and the adds in the terms' order: one
                // shared-memory latency a step instead of one a term (-0.16 us of kernel at B = 1, run 186).
                for (; k + (3 * PairThreads) < half; k += 4 * PairThreads)
                {
                    int i1 = Wrap(index + step, nFft);
                    int i2 = Wrap(i1 + step, nFft);
                    int i3 = Wrap(i2 + step, nFft);
                    float e0 = envelope[k], e1 = envelope[k + PairThreads], e2 = envelope[k + (2 * PairThreads)], e3 = envelope[k + (3 * PairThreads)];
                    float c0 = cosines[index], c1 = cosines[i1], c2 = cosines[i2], c3 = cosines[i3];
                    sum += e0 * c0;
                    sum += e1 * c1;
                    sum += e2 * c2;
                    sum += e3 * c3;
                    index = Wrap(i3 + step, nFft);
                }

                // The last terms (fewer than four left) one by one.
                for (; k < half; k += PairThreads)
                {
                    sum += envelope[k] * cosines[index];
                    index += step;
                    if (index >= nFft)
                    {
                        index -= nFft;
                    }
                }
            }

            parts[tid] = sum;
            Group.Barrier();
            if (active && part == 0 && m <= half)
            {
                float total = envelope[0] + ((m & 1) == 0 ? envelope[half] : -envelope[half]) + ((parts[tid] + parts[tid + 1]) + parts[tid + 2]);
                float h = total * inverseN;
                if (m == half)
                {
                    h *= 0.5f;
                }

                float g = h * window[m];
                taps[half + m] = g;
                taps[half - m] = g;
            }

            if (m0 + pairsPerRound <= half)
            {
                Group.Barrier();
            }
        }
    }

    /// <summary>x mod n for x in [0, 2n).</summary>
    private static int Wrap(int x, int n) => x >= n ? x - n : x;
}
