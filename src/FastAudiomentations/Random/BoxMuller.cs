using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations.Random;

/// <summary>
/// The vectorised halves of Box-Muller for <see cref="GaussianNoise"/>'s CPU paths: the radius
/// sqrt(-2 ln u1) and the pair (sin, cos)(2 pi u2), from Philox words, eight or sixteen lanes at a time.
/// </summary>
/// <remarks>
/// <para>
/// Why not Vector256.Log / SinCos: they are general-purpose (any argument, full range reduction) and cost
/// about twice as much here. Our arguments are special: u1 = (bits &gt;&gt; 8 + 1) 2^-24 lies in [2^-24, 1]
/// (no zero, no denormal, no infinity) and u2 = k 2^-24 with an integer k, so the angle 2 pi k / 2^24 can be
/// reduced to a quadrant exactly in integer arithmetic.
/// </para>
/// <para>
/// Logarithm: x = 2^e m with m in [sqrt(1/2), sqrt(2)) (from the float's bits, offset by the bits of
/// sqrt(1/2)); with f = m - 1, ln x = e ln 2 + f - f^2 / 2 + f^3 P(f), P of degree 8 and ln 2 split in two
/// parts (0.693359375 - 2.12194440e-4) so that e ln 2 adds exactly. The coefficients are those of Cephes'
/// logf (S. L. Moshier, Cephes Math Library, 1984-2000); relative error about 1e-7 over the range.
/// </para>
/// <para>
/// Sine and cosine of turns: q = round(4 k / 2^24) is the quadrant (0..4) and j = k - q 2^22 in
/// [-2^21, 2^21) the exact remainder, so theta = j pi / 2^23 lies in [-pi/4, pi/4] with a single rounding.
/// sin theta = theta + theta^3 S(theta^2), cos theta = 1 - theta^2 / 2 + theta^4 C(theta^2) (Cephes sinf / cosf
/// coefficients, error under 1e-7 on [-pi/4, pi/4]); the quadrant then swaps the pair and sets the signs:
/// sin(q pi/2 + theta) is (s, c, -s, -c) and cos is (c, -s, -c, s) for q mod 4 = 0, 1, 2, 3.
/// </para>
/// <para>
/// Error against <see cref="GaussianNoise.Sample"/> (which uses MathF on an angle first rounded to float,
/// an argument error of up to 2.4e-7 rad at 2 pi): a few 1e-7 relative in r and about 3e-7 absolute in the
/// sine or cosine, so |difference| &lt; 6 * 5e-7 = 3e-6 for |z| &lt;= 5.77: well inside the
/// 1e-5 * max(1, |z|) the tests allow.
/// </para>
/// </remarks>
internal static class BoxMuller
{
    private const int SqrtHalfBits = 0x3F3504F3;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Log0 = 7.0376836292E-2f;
    private const float Log1 = -1.1514610310E-1f;
    private const float Log2 = 1.1676998740E-1f;
    private const float Log3 = -1.2420140846E-1f;
    private const float Log4 = 1.4249322787E-1f;
    private const float Log5 = -1.6668057665E-1f;
    private const float Log6 = 2.0000714765E-1f;
    private const float Log7 = -2.4999993993E-1f;
    private const float Log8 = 3.3333331174E-1f;
    private const float Sin0 = -1.9515295891E-4f;
    private const float Sin1 = 8.3321608736E-3f;
    private const float Sin2 = -1.6666654611E-1f;
    private const float Cos0 = 2.443315711809948E-5f;
    private const float Cos1 = -1.388731625493765E-3f;
    private const float Cos2 = 4.166664568298827E-2f;
    private const float TwoToMinus24 = 1f / 16_777_216f;

    // pi / 2 per 2^22 steps of k: theta = j * ThetaPerStep.
    private const float ThetaPerStep = MathF.PI / 2f / 4_194_304f;

    /// <summary>sqrt(-2 ln u1) with u1 = ((bits &gt;&gt; 8) + 1) 2^-24, as <see cref="RandomCoordinates.ToOpenUnitFloat"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Radius(Vector512<uint> bits)
    {
        Vector512<float> u = Vector512.ConvertToSingle(((bits >>> 8) + Vector512<uint>.One).AsInt32()) * Vector512.Create(TwoToMinus24);
        return Vector512.Sqrt(Vector512.Create(-2f) * Log(u));
    }

    /// <summary>sqrt(-2 ln u1) with u1 = ((bits &gt;&gt; 8) + 1) 2^-24, as <see cref="RandomCoordinates.ToOpenUnitFloat"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Radius(Vector256<uint> bits)
    {
        Vector256<float> u = Vector256.ConvertToSingle(((bits >>> 8) + Vector256<uint>.One).AsInt32()) * Vector256.Create(TwoToMinus24);
        return Vector256.Sqrt(Vector256.Create(-2f) * Log(u));
    }

    /// <summary>ln x for x in [2^-24, 1] (normal, positive floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x)
    {
        Vector512<int> offset = x.AsInt32() - Vector512.Create(SqrtHalfBits);
        Vector512<float> exponent = Vector512.ConvertToSingle(Vector512.ShiftRightArithmetic(offset, 23));
        Vector512<float> f = ((offset & Vector512.Create(0x007F_FFFF)) + Vector512.Create(SqrtHalfBits)).AsSingle() - Vector512<float>.One;
        Vector512<float> f2 = f * f;
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(Log0), f, Vector512.Create(Log1));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log2));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log3));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log4));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log5));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log6));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log7));
        p = Vector512.FusedMultiplyAdd(p, f, Vector512.Create(Log8));
        Vector512<float> y = Vector512.FusedMultiplyAdd(exponent, Vector512.Create(Ln2Low), p * f * f2);
        y = Vector512.FusedMultiplyAdd(f2, Vector512.Create(-0.5f), y);
        return Vector512.FusedMultiplyAdd(exponent, Vector512.Create(Ln2High), f + y);
    }

    /// <summary>ln x for x in [2^-24, 1] (normal, positive floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x)
    {
        Vector256<int> offset = x.AsInt32() - Vector256.Create(SqrtHalfBits);
        Vector256<float> exponent = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(offset, 23));
        Vector256<float> f = ((offset & Vector256.Create(0x007F_FFFF)) + Vector256.Create(SqrtHalfBits)).AsSingle() - Vector256<float>.One;
        Vector256<float> f2 = f * f;
        Vector256<float> p = Vector256.FusedMultiplyAdd(Vector256.Create(Log0), f, Vector256.Create(Log1));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log2));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log3));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log4));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log5));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log6));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log7));
        p = Vector256.FusedMultiplyAdd(p, f, Vector256.Create(Log8));
        Vector256<float> y = Vector256.FusedMultiplyAdd(exponent, Vector256.Create(Ln2Low), p * f * f2);
        y = Vector256.FusedMultiplyAdd(f2, Vector256.Create(-0.5f), y);
        return Vector256.FusedMultiplyAdd(exponent, Vector256.Create(Ln2High), f + y);
    }

    /// <summary>(sin, cos)(2 pi u2) with u2 = (bits &gt;&gt; 8) 2^-24, as <see cref="RandomCoordinates.ToUnitFloat"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector512<float> Sin, Vector512<float> Cos) SinCosTurns(Vector512<uint> bits)
    {
        Vector512<int> k = (bits >>> 8).AsInt32();
        Vector512<int> quadrant = (k + Vector512.Create(1 << 21)) >>> 22;
        Vector512<float> theta = Vector512.ConvertToSingle(k - (quadrant << 22)) * Vector512.Create(ThetaPerStep);
        Vector512<float> z = theta * theta;
        Vector512<float> s = Vector512.FusedMultiplyAdd(z, Vector512.Create(Sin0), Vector512.Create(Sin1));
        s = Vector512.FusedMultiplyAdd(s, z, Vector512.Create(Sin2));
        s = Vector512.FusedMultiplyAdd(s * z, theta, theta);
        Vector512<float> c = Vector512.FusedMultiplyAdd(z, Vector512.Create(Cos0), Vector512.Create(Cos1));
        c = Vector512.FusedMultiplyAdd(c, z, Vector512.Create(Cos2));
        c = Vector512.FusedMultiplyAdd(c * z, z, Vector512.FusedMultiplyAdd(z, Vector512.Create(-0.5f), Vector512<float>.One));
        Vector512<float> swap = Vector512.Equals(quadrant & Vector512<int>.One, Vector512<int>.One).AsSingle();
        Vector512<float> sin = Vector512.ConditionalSelect(swap, c, s) ^ ((quadrant & Vector512.Create(2)) << 30).AsSingle();
        Vector512<float> cos = Vector512.ConditionalSelect(swap, s, c) ^ (((quadrant + Vector512<int>.One) & Vector512.Create(2)) << 30).AsSingle();
        return (sin, cos);
    }

    /// <summary>(sin, cos)(2 pi u2) with u2 = (bits &gt;&gt; 8) 2^-24, as <see cref="RandomCoordinates.ToUnitFloat"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> Sin, Vector256<float> Cos) SinCosTurns(Vector256<uint> bits)
    {
        Vector256<int> k = (bits >>> 8).AsInt32();
        Vector256<int> quadrant = (k + Vector256.Create(1 << 21)) >>> 22;
        Vector256<float> theta = Vector256.ConvertToSingle(k - (quadrant << 22)) * Vector256.Create(ThetaPerStep);
        Vector256<float> z = theta * theta;
        Vector256<float> s = Vector256.FusedMultiplyAdd(z, Vector256.Create(Sin0), Vector256.Create(Sin1));
        s = Vector256.FusedMultiplyAdd(s, z, Vector256.Create(Sin2));
        s = Vector256.FusedMultiplyAdd(s * z, theta, theta);
        Vector256<float> c = Vector256.FusedMultiplyAdd(z, Vector256.Create(Cos0), Vector256.Create(Cos1));
        c = Vector256.FusedMultiplyAdd(c, z, Vector256.Create(Cos2));
        c = Vector256.FusedMultiplyAdd(c * z, z, Vector256.FusedMultiplyAdd(z, Vector256.Create(-0.5f), Vector256<float>.One));
        Vector256<float> swap = Vector256.Equals(quadrant & Vector256<int>.One, Vector256<int>.One).AsSingle();
        Vector256<float> sin = Vector256.ConditionalSelect(swap, c, s) ^ ((quadrant & Vector256.Create(2)) << 30).AsSingle();
        Vector256<float> cos = Vector256.ConditionalSelect(swap, s, c) ^ (((quadrant + Vector256<int>.One) & Vector256.Create(2)) << 30).AsSingle();
        return (sin, cos);
    }
}
