using System.Globalization;

namespace FastAudiomentations;

/// <summary>
/// Named arguments for building a transform from a pipeline file; remembers which were read, so that an
/// unknown or misspelt name is reported instead of silently ignored.
/// </summary>
public sealed class TransformArguments
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly HashSet<string> _read = [];

    /// <summary>Wraps parsed values (numbers as double or long, booleans, strings, lists of numbers).</summary>
    public TransformArguments(IReadOnlyDictionary<string, object?> values) => _values = values;

    /// <summary>Names given but never read by the transform's factory.</summary>
    public IEnumerable<string> Unread => _values.Keys.Where(k => !_read.Contains(k));

    /// <summary>A number, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string name, double fallback)
    {
        if (!TryGet(name, out object? value))
        {
            return fallback;
        }

        return value switch
        {
            double d => d,
            float f => f,
            long l => l,
            int i => i,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
            _ => throw new ArgumentException($"{name} must be a number, not '{value}'.", name),
        };
    }

    /// <summary>An optional number: null when absent or written as null.</summary>
    public double? OptionalNumber(string name) =>
        TryGet(name, out object? value) && value is not null ? Number(name, 0) : null;

    /// <summary>An integer, or <paramref name="fallback"/> when absent.</summary>
    public int Integer(string name, int fallback)
    {
        if (!TryGet(name, out _))
        {
            return fallback;
        }

        double d = Number(name, fallback);
        if (d != Math.Floor(d) || d < int.MinValue || d > int.MaxValue)
        {
            throw new ArgumentException($"{name} must be an integer, not {d.ToString(CultureInfo.InvariantCulture)}.", name);
        }

        return (int)d;
    }

    /// <summary>A boolean, or <paramref name="fallback"/> when absent.</summary>
    public bool Boolean(string name, bool fallback)
    {
        if (!TryGet(name, out object? value))
        {
            return fallback;
        }

        return value switch
        {
            bool b => b,
            string s when bool.TryParse(s, out bool b) => b,
            _ => throw new ArgumentException($"{name} must be true or false, not '{value}'.", name),
        };
    }

    /// <summary>A string, or <paramref name="fallback"/> when absent.</summary>
    public string? Text(string name, string? fallback)
    {
        if (!TryGet(name, out object? value))
        {
            return fallback;
        }

        return value as string ?? throw new ArgumentException($"{name} must be text, not '{value}'.", name);
    }

    /// <summary>An enum value written as its name in snake_case or PascalCase, or <paramref name="fallback"/> when absent.</summary>
    public TEnum Choice<TEnum>(string name, TEnum fallback)
        where TEnum : struct, Enum
    {
        string? text = Text(name, null);
        if (text is null)
        {
            return fallback;
        }

        string compact = text.Replace("_", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (Enum.TryParse(compact, ignoreCase: true, out TEnum parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        string allowed = string.Join(", ", Enum.GetNames<TEnum>().Select(Naming.ToSnakeCase));
        throw new ArgumentException($"{name} must be one of {allowed}, not '{text}'.", name);
    }

    /// <summary>A list of numbers, or null when absent.</summary>
    public double[]? NumberList(string name)
    {
        if (!TryGet(name, out object? value) || value is null)
        {
            return null;
        }

        if (value is not System.Collections.IEnumerable items || value is string)
        {
            throw new ArgumentException($"{name} must be a list of numbers.", name);
        }

        var list = new List<double>();
        foreach (object? item in items)
        {
            list.Add(item switch
            {
                double d => d,
                float f => f,
                long l => l,
                int i => i,
                string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
                _ => throw new ArgumentException($"{name} must be a list of numbers; '{item}' is not a number.", name),
            });
        }

        return [.. list];
    }

    private bool TryGet(string name, out object? value)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out value);
    }
}
