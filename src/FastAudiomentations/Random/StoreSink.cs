using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FastAudiomentations.Random;

/// <summary>Writes the noise: destination = value.</summary>
internal readonly struct StoreSink : INoiseSink
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, float value) => destination = value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, Vector256<float> values) => values.StoreUnsafe(ref destination);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, Vector512<float> values) => values.StoreUnsafe(ref destination);
}
