using System.Runtime.CompilerServices;

namespace FastAudiomentations.Dsp;

/// <summary>
/// A complex number in double with just the operations the Butterworth design needs, as a plain value type
/// that GPU kernels can run (System.Numerics.Complex calls transcendental functions and is not compiled by ILGPU).
/// </summary>
/// <remarks>
/// The algorithms are those of System.Numerics.Complex, so the host design keeps its digits: division by
/// Smith's method (Smith 1962, CACM 5(8)), the magnitude as a scaled hypotenuse, the principal square root
/// from the magnitude without cancellation (Kahan). Only + - * / and sqrt in double: no transcendentals.
/// </remarks>
public readonly struct DoubleComplex
{
    /// <summary>The real part.</summary>
    public readonly double Re;

    /// <summary>The imaginary part.</summary>
    public readonly double Im;

    /// <summary>Makes re + i im.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DoubleComplex(double re, double im)
    {
        Re = re;
        Im = im;
    }

    /// <summary>The conjugate re - i im.</summary>
    public DoubleComplex Conjugate => new(Re, -Im);

    /// <summary>|z|, as sqrt(re^2 + im^2) without overflow or underflow.</summary>
    public double Magnitude
    {
        get
        {
            double a = Math.Abs(Re), b = Math.Abs(Im);
            double small = a < b ? a : b, large = a < b ? b : a;
            if (small == 0.0)
            {
                return large;
            }

            double ratio = small / large;
            return large * Math.Sqrt(1.0 + (ratio * ratio));
        }
    }

    /// <summary>Sum.</summary>
    public static DoubleComplex operator +(DoubleComplex a, DoubleComplex b) => new(a.Re + b.Re, a.Im + b.Im);

    /// <summary>Sum with a real number.</summary>
    public static DoubleComplex operator +(double a, DoubleComplex b) => new(a + b.Re, b.Im);

    /// <summary>Difference.</summary>
    public static DoubleComplex operator -(DoubleComplex a, DoubleComplex b) => new(a.Re - b.Re, a.Im - b.Im);

    /// <summary>Difference with a real number.</summary>
    public static DoubleComplex operator -(DoubleComplex a, double b) => new(a.Re - b, a.Im);

    /// <summary>Difference from a real number.</summary>
    public static DoubleComplex operator -(double a, DoubleComplex b) => new(a - b.Re, -b.Im);

    /// <summary>Product.</summary>
    public static DoubleComplex operator *(DoubleComplex a, DoubleComplex b) =>
        new((a.Re * b.Re) - (a.Im * b.Im), (a.Im * b.Re) + (a.Re * b.Im));

    /// <summary>Product with a real number.</summary>
    public static DoubleComplex operator *(DoubleComplex a, double b) => new(a.Re * b, a.Im * b);

    /// <summary>Product with a real number.</summary>
    public static DoubleComplex operator *(double a, DoubleComplex b) => new(a * b.Re, a * b.Im);

    /// <summary>Quotient by a real number.</summary>
    public static DoubleComplex operator /(DoubleComplex a, double b) => new(a.Re / b, a.Im / b);

    /// <summary>Quotient, by Smith's method (no overflow of c^2 + d^2).</summary>
    public static DoubleComplex operator /(DoubleComplex a, DoubleComplex b)
    {
        double c = b.Re, d = b.Im;
        if (Math.Abs(d) < Math.Abs(c))
        {
            double doc = d / c;
            return new DoubleComplex((a.Re + (a.Im * doc)) / (c + (d * doc)), (a.Im - (a.Re * doc)) / (c + (d * doc)));
        }

        double cod = c / d;
        return new DoubleComplex((a.Im + (a.Re * cod)) / (d + (c * cod)), (-a.Re + (a.Im * cod)) / (d + (c * cod)));
    }

    /// <summary>A real number over a complex one, by Smith's method.</summary>
    public static DoubleComplex operator /(double a, DoubleComplex b)
    {
        double c = b.Re, d = b.Im;
        if (Math.Abs(d) < Math.Abs(c))
        {
            double doc = d / c;
            return new DoubleComplex(a / (c + (d * doc)), (-a * doc) / (c + (d * doc)));
        }

        double cod = c / d;
        return new DoubleComplex((a * cod) / (d + (c * cod)), -a / (d + (c * cod)));
    }

    /// <summary>The principal square root (real part at least 0; the cut along the negative real axis).</summary>
    public static DoubleComplex Sqrt(DoubleComplex z)
    {
        if (z.Im == 0.0)
        {
            return z.Re < 0.0 ? new DoubleComplex(0.0, Math.Sqrt(-z.Re)) : new DoubleComplex(Math.Sqrt(z.Re), 0.0);
        }

        // The root's larger part from |z| + |re| (no cancellation), the other from im = 2 x y.
        if (z.Re >= 0.0)
        {
            double x = Math.Sqrt((z.Magnitude + z.Re) * 0.5);
            return new DoubleComplex(x, z.Im / (2.0 * x));
        }

        double y = Math.Sqrt((z.Magnitude - z.Re) * 0.5);
        y = z.Im < 0.0 ? -y : y;
        return new DoubleComplex(z.Im / (2.0 * y), y);
    }
}
