using System.Text;

namespace FastAudiomentations;

/// <summary>Name conversions between C# (PascalCase) and pipeline files (snake_case).</summary>
public static class Naming
{
    /// <summary>"PerExample" becomes "per_example"; "GainDb" becomes "gain_db".</summary>
    public static string ToSnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char ch = name[i];
            if (char.IsUpper(ch) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(ch));
        }

        return text.ToString();
    }
}
