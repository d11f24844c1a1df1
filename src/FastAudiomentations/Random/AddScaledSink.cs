using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations.Random;

/// <summary>Adds the scaled noise: destination += scale * value (one rounding: a fused multiply-add).</summary>
internal readonly struct AddScaledSink : INoiseSink
{
    private readonly float _scale;

    /// <summary>A sink that adds <paramref name="scale"/> times each value.</summary>
    public AddScaledSink(float scale) => _scale = scale;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, float value) => destination = MathF.FusedMultiplyAdd(_scale, value, destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, Vector256<float> values) =>
        Vector256.FusedMultiplyAdd(Vector256.Create(_scale), values, Vector256.LoadUnsafe(ref destination)).StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, Vector512<float> values) =>
        Vector512.FusedMultiplyAdd(Vector512.Create(_scale), values, Vector512.LoadUnsafe(ref destination)).StoreUnsafe(ref destination);
}
