namespace FastAudiomentations;

/// <summary>Constructor validation with messages that name the parameter.</summary>
internal static class Check
{
    /// <summary>Both finite and min &lt;= max.</summary>
    public static void Range(double min, double max, string minName, string maxName)
    {
        Finite(min, minName);
        Finite(max, maxName);
        if (min > max)
        {
            throw new ArgumentException($"{minName} ({min}) must not exceed {maxName} ({max}).", minName);
        }
    }

    /// <summary>Not NaN or infinite.</summary>
    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number.");
        }
    }

    /// <summary>Finite and strictly positive.</summary>
    public static void Positive(double value, string name)
    {
        Finite(value, name);
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
        }
    }

    /// <summary>Finite and at least zero.</summary>
    public static void NonNegative(double value, string name)
    {
        Finite(value, name);
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative.");
        }
    }
}
