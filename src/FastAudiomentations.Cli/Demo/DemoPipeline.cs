namespace FastAudiomentations.Cli.Demo;

/// <summary>
/// The pipeline `fastaug demo` runs: a gain, a background sound, a coloured noise, one of the filters and
/// a polarity flip, each included when the catalogue has it, so the demo grows with the library.
/// </summary>
internal static class DemoPipeline
{
    private static readonly string[] Noises = ["AddColorNoise", "AddGaussianSNR", "AddGaussianNoise"];
    private static readonly string[] Filters = ["LowPassFilter", "HighPassFilter", "BandPassFilter"];

    /// <summary>The demo pipeline; <paramref name="soundsFolder"/> holds the background sounds.</summary>
    public static Transform Create(string soundsFolder)
    {
        var steps = new List<Transform>();
        // Gain first with p = 1, so every copy shows a change; at most +3 dB keeps PCM16 output from clipping.
        AddIfKnown(steps, "Gain", ("min_gain_db", -9.0), ("max_gain_db", 3.0), ("p", 1.0));
        AddIfKnown(steps, "AddBackgroundNoise", ("sounds_path", soundsFolder), ("min_snr_db", 6.0), ("max_snr_db", 20.0), ("p", 0.7));
        foreach (string noise in Noises)
        {
            if (AddIfKnown(steps, noise, ("p", 0.5)))
            {
                break;
            }
        }

        var filters = new List<Transform>();
        foreach (string filter in Filters)
        {
            AddIfKnown(filters, filter, ("p", 1.0));
        }

        if (filters.Count > 0)
        {
            steps.Add(new OneOf(filters, weights: null, p: 0.8));
        }

        AddIfKnown(steps, "PolarityInversion", ("p", 0.5));
        return new Compose(steps);
    }

    private static bool AddIfKnown(List<Transform> steps, string name, params (string Key, object Value)[] arguments)
    {
        if (!TransformCatalog.TryFind(name, out TransformDescriptor descriptor))
        {
            return false;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach ((string key, object value) in arguments)
        {
            values[key] = value;
        }

        steps.Add(descriptor.Create(new TransformArguments(values)));
        return true;
    }
}
