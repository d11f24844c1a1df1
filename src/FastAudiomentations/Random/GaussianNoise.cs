using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastAudiomentations.Random;

/// <summary>
/// Standard normal noise as a pure function of (key, node, example, channel, sample index): the same
/// value on every backend, whatever the batch or thread layout.
/// </summary>
/// <remarks>
/// Sample t takes Philox block t / 4 of its stream; Box-Muller turns words (X, Y) into samples 4k and
/// 4k + 1 and words (Z, W) into 4k + 2 and 4k + 3: r = sqrt(-2 ln u1), z = r cos(2 pi u2) or r sin(2 pi u2),
/// with u1 in (0, 1] (so the logarithm is finite) and u2 in [0, 1). Values are bounded by
/// sqrt(-2 ln 2^-24) ~ 5.77.
/// <para>
/// <see cref="Sample"/> is the definition (what each GPU thread computes). <see cref="Fill"/> and
/// <see cref="AddScaled"/> are the CPU's fast paths: Philox over 16 (AVX-512) or 8 (AVX2) blocks at once
/// and a vectorised Box-Muller (<see cref="BoxMuller"/>), with <see cref="FillScalar"/> where neither
/// instruction set exists. They produce the same stream up to float rounding of log, sin and cos: within
/// 1e-5 * max(1, |value|) of <see cref="Sample"/> (see <see cref="BoxMuller"/> for the error budget).
/// </para>
/// </remarks>
public static partial class GaussianNoise
{
    /// <summary>The noise value of sample <paramref name="sampleIndex"/>; what each GPU thread computes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sample(RandomKey key, int node, uint example, uint channel, int sampleIndex)
    {
        UInt4 block = Philox4x32.Generate(
            RandomCoordinates.Counter((uint)sampleIndex >> 2, channel, example, node, RandomPurpose.Signal), key);
        int lane = sampleIndex & 3;
        uint a = lane < 2 ? block.X : block.Z;
        uint b = lane < 2 ? block.Y : block.W;
        float radius = Radius(a);
        float angle = Angle(b);
        return (lane & 1) == 0 ? radius * MathF.Cos(angle) : radius * MathF.Sin(angle);
    }

    /// <summary>
    /// Samples 4 <paramref name="block"/> .. 4 <paramref name="block"/> + 3 of the stream at once (one Philox call,
    /// two radii): bit for bit <see cref="Sample"/> of each index, at a quarter of the generator's cost. What a GPU
    /// thread computes when it fills a tile of noise.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="node">The transform's pipeline node.</param>
    /// <param name="example">The clip's example id.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="block">Index of the block of four samples, at least 0.</param>
    /// <param name="z0">Sample 4 block.</param>
    /// <param name="z1">Sample 4 block + 1.</param>
    /// <param name="z2">Sample 4 block + 2.</param>
    /// <param name="z3">Sample 4 block + 3.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SampleBlock(RandomKey key, int node, uint example, uint channel, int block, out float z0, out float z1, out float z2, out float z3)
    {
        UInt4 bits = Philox4x32.Generate(RandomCoordinates.Counter((uint)block, channel, example, node, RandomPurpose.Signal), key);
        float r0 = Radius(bits.X);
        float a0 = Angle(bits.Y);
        float r1 = Radius(bits.Z);
        float a1 = Angle(bits.W);
        z0 = r0 * MathF.Cos(a0);
        z1 = r0 * MathF.Sin(a0);
        z2 = r1 * MathF.Cos(a1);
        z3 = r1 * MathF.Sin(a1);
    }

    /// <summary>
    /// z0^2 + z1^2 + z2^2 + z3^2 of <see cref="SampleBlock"/>'s four samples as Box-Muller's two squared radii,
    /// -2 ln u1 per pair (cos^2 + sin^2 = 1): one Philox call and two logarithms, no square root, sine or cosine. Equal to
    /// the squares' sum up to float rounding (a few ulp); what a GPU pass computes when it needs only the noise's energy.
    /// </summary>
    /// <param name="key">The call's key.</param>
    /// <param name="node">The transform's pipeline node.</param>
    /// <param name="example">The clip's example id.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="block">Index of the block of four samples, at least 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BlockEnergy(RandomKey key, int node, uint example, uint channel, int block)
    {
        UInt4 bits = Philox4x32.Generate(RandomCoordinates.Counter((uint)block, channel, example, node, RandomPurpose.Signal), key);
        return SquaredRadius(bits.X) + SquaredRadius(bits.Z);
    }

    /// <summary>Box-Muller's squared radius -2 ln u1 (clamped at 0 as in <see cref="Radius"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float SquaredRadius(uint bits) => MathF.Max(0f, -2f * MathF.Log(RandomCoordinates.ToOpenUnitFloat(bits)));

    /// <summary>
    /// Box-Muller's radius sqrt(-2 ln u1), u1 = <see cref="RandomCoordinates.ToOpenUnitFloat"/>(bits) in (0, 1].
    /// </summary>
    /// <remarks>
    /// The argument is clamped at 0: ln u1 &lt;= 0 for u1 &lt;= 1, so the clamp never acts with a correctly rounded
    /// logarithm (the CPU's), but a GPU's approximate logarithm (PTX lg2.approx: absolute error up to 2^-22 near 1)
    /// can return a tiny positive value for u1 just below 1, whose square root would be NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Radius(uint bits) => MathF.Sqrt(SquaredRadius(bits));

    /// <summary>Box-Muller's angle 2 pi u2, u2 = <see cref="RandomCoordinates.ToUnitFloat"/>(bits) in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Angle(uint bits) => 2f * MathF.PI * RandomCoordinates.ToUnitFloat(bits);

    /// <summary>
    /// Writes samples [<paramref name="start"/>, start + destination.Length) of the stream into
    /// <paramref name="destination"/>, vectorised where the CPU allows.
    /// </summary>
    /// <param name="destination">Where the noise goes.</param>
    /// <param name="key">The call's key.</param>
    /// <param name="node">The transform's pipeline node.</param>
    /// <param name="example">The clip's example id.</param>
    /// <param name="channel">The channel (each channel has its own stream).</param>
    /// <param name="start">Stream index of destination[0], at least 0.</param>
    public static void Fill(Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var sink = new StoreSink();
        Run(ref sink, destination, key, node, example, channel, start);
    }

    /// <summary>
    /// Adds <paramref name="scale"/> times samples [<paramref name="start"/>, start + destination.Length) of the
    /// stream to <paramref name="destination"/> in one pass: destination[i] += scale * Sample(start + i).
    /// </summary>
    /// <param name="destination">The samples the noise is added to.</param>
    /// <param name="scale">The noise's standard deviation.</param>
    /// <param name="key">The call's key.</param>
    /// <param name="node">The transform's pipeline node.</param>
    /// <param name="example">The clip's example id.</param>
    /// <param name="channel">The channel (each channel has its own stream).</param>
    /// <param name="start">Stream index of destination[0], at least 0.</param>
    public static void AddScaled(Span<float> destination, float scale, RandomKey key, int node, uint example, uint channel, int start)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var sink = new AddScaledSink(scale);
        Run(ref sink, destination, key, node, example, channel, start);
    }

    /// <summary>
    /// The scalar reference of <see cref="Fill"/>; each block of four costs one Philox call and two Box-Muller
    /// pairs.
    /// </summary>
    internal static void FillScalar(Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
    {
        int i = 0;
        while (i < destination.Length)
        {
            int t = start + i;
            if ((t & 3) != 0 || destination.Length - i < 4)
            {
                destination[i++] = Sample(key, node, example, channel, t);
                continue;
            }

            UInt4 block = Philox4x32.Generate(
                RandomCoordinates.Counter((uint)t >> 2, channel, example, node, RandomPurpose.Signal), key);
            float r0 = Radius(block.X);
            float r1 = Radius(block.Z);
            (float s0, float c0) = MathF.SinCos(Angle(block.Y));
            (float s1, float c1) = MathF.SinCos(Angle(block.W));
            destination[i] = r0 * c0;
            destination[i + 1] = r0 * s0;
            destination[i + 2] = r1 * c1;
            destination[i + 3] = r1 * s1;
            i += 4;
        }
    }

    /// <summary>Which code path <see cref="Fill"/> takes on this CPU (for benchmarks and tests).</summary>
    internal static string Path => UseAvx512 ? "AVX-512" : Avx2.IsSupported ? "AVX2" : "scalar";

    /// <summary>
    /// AVX-512 only where the runtime also deems 512-bit vectors worthwhile (it turns them off on CPUs that
    /// slow down their clock for them).
    /// </summary>
    private static bool UseAvx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>Runs the widest available path, handing the values to <paramref name="sink"/>.</summary>
    private static void Run<TSink>(ref TSink sink, Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
        where TSink : struct, INoiseSink
    {
        if (UseAvx512)
        {
            RunAvx512(ref sink, destination, key, node, example, channel, start);
        }
        else if (Avx2.IsSupported)
        {
            RunAvx2(ref sink, destination, key, node, example, channel, start);
        }
        else
        {
            RunScalar(ref sink, destination, key, node, example, channel, start);
        }
    }

    /// <summary>The scalar path: the reference in chunks through a stack buffer, so nothing is allocated.</summary>
    internal static void RunScalar<TSink>(ref TSink sink, Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
        where TSink : struct, INoiseSink
    {
        Span<float> chunk = stackalloc float[256];
        for (int i = 0; i < destination.Length; i += chunk.Length)
        {
            int count = Math.Min(chunk.Length, destination.Length - i);
            FillScalar(chunk[..count], key, node, example, channel, start + i);
            for (int j = 0; j < count; j++)
            {
                sink.Store(ref destination[i + j], chunk[j]);
            }
        }
    }

    /// <summary>
    /// Hands over the samples before the first block boundary (stream index a multiple of 4) from the scalar
    /// definition; returns how many there were (0 to 3).
    /// </summary>
    private static int Head<TSink>(ref TSink sink, Span<float> destination, RandomKey key, int node, uint example, uint channel, int start)
        where TSink : struct, INoiseSink
    {
        int i = 0;
        while (i < destination.Length && ((start + i) & 3) != 0)
        {
            sink.Store(ref destination[i], Sample(key, node, example, channel, start + i));
            i++;
        }

        return i;
    }
}
