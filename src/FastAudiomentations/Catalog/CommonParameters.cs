namespace FastAudiomentations;

/// <summary>The parameters every leaf transform has, described once.</summary>
public static class CommonParameters
{
    /// <summary>The probability parameter with the given default.</summary>
    public static ParameterDescriptor Probability(double fallback) =>
        new("p", ParameterKind.Number, fallback, "Probability of applying the transform to an example, in [0, 1].");

    /// <summary>The mode parameter.</summary>
    public static ParameterDescriptor Mode { get; } =
        new("mode", ParameterKind.Choice, "per_example", "per_example, per_batch or per_channel: how finely the decision and parameters are drawn.");

    /// <summary>p and mode as a transform reports them.</summary>
    public static KeyValuePair<string, object>[] Values(double p, TransformMode mode) =>
        [new("p", p), new("mode", Naming.ToSnakeCase(mode.ToString()))];
}
