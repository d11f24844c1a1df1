namespace FastAudiomentations.Gpu.Fusion;

/// <summary>
/// One pointwise operation with its row's parameters resolved: y = f(x, t). Implemented by small structs
/// so that ILGPU specialises the fused kernel per operation (no delegates, no virtual calls).
/// </summary>
internal interface IPointwiseFunction
{
    /// <summary>The output for input sample <paramref name="x"/> at sample index <paramref name="t"/> of the row.</summary>
    float Apply(float x, int t);
}
