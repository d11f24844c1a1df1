using FastAudiomentations.Gpu.Execution;
using FastAudiomentations.Gpu.Fusion;
using FastAudiomentations.Gpu.Memory;
using ILGPU;

namespace FastAudiomentations.Gpu.Transforms.Noise;

/// <summary><see cref="AddBackgroundNoise"/> on the GPU: an op of the fused pointwise kernel that gathers from resident corpus clips.</summary>
/// <remarks>
/// <para>Host side (after the step's Prepare, which loads the clips and computes each row's start and the energy of
/// its noise segment from the clip's running sums; in relative mode the executor runs both while the statistics pass
/// measures the input, see <see cref="ILatePreparation"/>): every clip the call mixes in is made resident on the device
/// (<see cref="ResidentAudio"/>: uploaded once, reused across calls), and each row's parameters become [SNR dB,
/// absolute RMS dB, noise energy of the row's mixing group, its sample count, offset of the noise channel in the
/// resident buffer, noise length N, start].</para>
/// <para>Device side, one length-aware pass: g = <see cref="BackgroundNoiseMath.NoiseGain"/>(mode, sum x^2, noise
/// energy, count, snr, level), with sum x^2 over the clip's applied channels (per-example and per-batch modes) or
/// the channel (per-channel mode), reduced by the pass before (relative mode only; absolute mode needs no statistic
/// and no extra pass); then y[t] = <see cref="BackgroundNoiseMath.Mix"/>(x[t], z[<see cref="BackgroundNoiseMath.NoiseIndex"/>(start, t, N)], g)
/// for t below the clip's length. A gain of 0 (silent noise, or a silent clip in relative mode) leaves the row
/// untouched, as on the CPU.</para>
/// </remarks>
internal sealed class AddBackgroundNoiseKernel : PointwiseKernel<AddBackgroundNoise, AddBackgroundNoiseParameters>, ILatePreparation
{
    private const int Stride = 7;

    private readonly ResidentAudio _resident;

    /// <summary>A kernel that keeps the clips it mixes in <paramref name="resident"/>.</summary>
    public AddBackgroundNoiseKernel(ResidentAudio resident) => _resident = resident;

    /// <inheritdoc/>
    public override PointwiseOpCode Code => PointwiseOpCode.AddBackgroundNoise;

    /// <inheritdoc/>
    public override int ParameterStride => Stride;

    /// <inheritdoc/>
    public override int ConstantCount => 1;

    /// <summary>The row's gain and where its noise lies in the resident buffer.</summary>
    public static Function Prepare(ArrayView<float> floats, int parameters, int constants, ArrayView<float> resident, in RowContext context)
    {
        var mode = (NoiseRmsMode)(int)floats[constants];
        float gain = BackgroundNoiseMath.NoiseGainSingle(mode, context.Energy, floats[parameters + 2], (long)floats[parameters + 3], floats[parameters], floats[parameters + 1]);
        return new()
        {
            Gain = gain,
            Noise = resident,
            Offset = (int)Interop.FloatAsInt(floats[parameters + 4]),
            NoiseLength = (int)Interop.FloatAsInt(floats[parameters + 5]),
            Start = (int)Interop.FloatAsInt(floats[parameters + 6]),
        };
    }

    /// <inheritdoc/>
    public override void WriteParameters(PlannedStep step, Span<float> destination) =>
        throw new InvalidOperationException("AddBackgroundNoise needs the batch and its prepared state.");

    /// <inheritdoc/>
    public override void WriteParameters(PlannedStep step, AudioBatch batch, Span<float> destination)
    {
        var typed = (PlannedStep<AddBackgroundNoiseParameters>)step;
        var state = (BackgroundNoiseStepState)step.State!;
        bool perChannel = typed.Leaf.Mode == TransformMode.PerChannel;
        int channels = step.Channels;
        bool[] applied = step.Applied;
        CorpusClip? lastClip = null;
        long lastOffset = 0;
        for (int row = 0; row < applied.Length; row++)
        {
            if (!applied[row])
            {
                continue;
            }

            CorpusClip clip = state.Clips[row]!;
            int length = batch.LengthArray[row / channels];
            double noiseEnergy = 0;
            long count = length;
            if (perChannel)
            {
                noiseEnergy = state.NoiseEnergies[row];
            }
            else
            {
                // One gain for the clip, from every applied channel (as the CPU path mixes them).
                int firstRow = row - (row % channels);
                int mixed = 0;
                for (int r = firstRow; r < firstRow + channels; r++)
                {
                    if (applied[r])
                    {
                        noiseEnergy += state.NoiseEnergies[r];
                        mixed++;
                    }
                }

                count = (long)mixed * length;
            }

            if (!ReferenceEquals(clip, lastClip))
            {
                // Rows that drew the clip of the row before reuse its offset (one dictionary lookup per run of rows).
                lastOffset = clip.Length == 0 ? 0 : _resident.Require(clip);
                lastClip = clip;
            }

            long offset = clip.Length == 0 ? 0 : lastOffset + ((long)state.NoiseChannels[row] * clip.Length);
            if (offset > int.MaxValue)
            {
                throw new NotSupportedException("The resident noise clips exceed 2^31 samples; lower GpuDevice.ResidentAudioBudgetBytes.");
            }

            Span<float> values = destination.Slice(row * Stride, Stride);
            values[0] = typed.Parameters[row].SnrDb;
            values[1] = typed.Parameters[row].AbsoluteRmsDb;
            values[2] = (float)noiseEnergy;
            values[3] = count;
            values[4] = BitConverter.Int32BitsToSingle((int)offset);
            values[5] = BitConverter.Int32BitsToSingle(clip.Length);
            values[6] = BitConverter.Int32BitsToSingle(state.Starts[row]);
        }
    }

    /// <inheritdoc/>
    protected override RowStatistic NeedsFor(AddBackgroundNoise transform) =>
        transform.NoiseRms == NoiseRmsMode.Relative ? RowStatistic.Energy : RowStatistic.None;

    /// <inheritdoc/>
    protected override void WriteConstants(AddBackgroundNoise transform, Span<float> destination) => destination[0] = (int)transform.NoiseRms;

    /// <summary>y = x + Gain z[(Start + t) mod N], or x itself when Gain is 0.</summary>
    public struct Function : IPointwiseFunction
    {
        /// <summary>The noise's gain.</summary>
        public float Gain;

        /// <summary>The resident clips.</summary>
        public ArrayView<float> Noise;

        /// <summary>Where the row's noise channel starts in <see cref="Noise"/>.</summary>
        public int Offset;

        /// <summary>Samples of the noise, N.</summary>
        public int NoiseLength;

        /// <summary>The noise sample mixed into clip sample 0.</summary>
        public int Start;

        /// <inheritdoc/>
        public readonly float Apply(float x, int t) =>
            Gain == 0f ? x : BackgroundNoiseMath.Mix(x, Noise[Offset + BackgroundNoiseMath.NoiseIndex(Start, t, NoiseLength)], Gain);

        /// <summary>
        /// <see cref="Apply"/> over a thread's lanes (samples first, first + stride, ...), with the noise index carried
        /// from lane to lane instead of a division per sample.
        /// </summary>
        /// <remarks>
        /// NoiseIndex(t) = (Start + t) mod N. With stride &lt; N, (i + stride) mod N is i + stride or i + stride - N for
        /// i in [0, N): one compare and subtract per lane. An unsigned remainder by a divisor known only at run time
        /// compiles to a long integer sequence on the GPU, once per sample (32 M per call at B = 128): on the H100 the
        /// reading pass went from ~147 to ~115 us at B = 128 without it (the call 199 -> 167 us kernel;
        /// bench/gpu-notes.md, stats-pass runs 1-2). The indices, and so the results, are the same as <see cref="Apply"/>'s.
        /// </remarks>
        public readonly void MixLanes(ref Lanes lanes, int first, int stride)
        {
            if (Gain == 0f || NoiseLength <= 0)
            {
                return;
            }

            if (stride >= NoiseLength)
            {
                // A noise clip shorter than a group (never in practice): the per-sample index.
                Function copy = this;
                lanes.Map(ref copy, first, stride);
                return;
            }

            uint n = (uint)NoiseLength;
            uint s = (uint)stride;
            uint i = (uint)BackgroundNoiseMath.NoiseIndex(Start, first, NoiseLength);
            lanes.V0 = BackgroundNoiseMath.Mix(lanes.V0, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V1 = BackgroundNoiseMath.Mix(lanes.V1, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V2 = BackgroundNoiseMath.Mix(lanes.V2, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V3 = BackgroundNoiseMath.Mix(lanes.V3, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V4 = BackgroundNoiseMath.Mix(lanes.V4, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V5 = BackgroundNoiseMath.Mix(lanes.V5, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V6 = BackgroundNoiseMath.Mix(lanes.V6, Noise[Offset + (int)i], Gain);
            i = Next(i, s, n);
            lanes.V7 = BackgroundNoiseMath.Mix(lanes.V7, Noise[Offset + (int)i], Gain);
        }

        private static uint Next(uint i, uint stride, uint n)
        {
            uint j = i + stride;
            return j >= n ? j - n : j;
        }
    }
}
