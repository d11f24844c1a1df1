using System.Runtime.Intrinsics;

namespace FastAudiomentations.Random;

/// <summary>
/// What a noise generator does with each value it makes: a struct, so that the generic fill loops are
/// specialised per sink and the store is inlined (no delegate or virtual call per sample).
/// </summary>
internal interface INoiseSink
{
    /// <summary>Hands over one noise value for <paramref name="destination"/>.</summary>
    void Store(ref float destination, float value);

    /// <summary>Hands over eight consecutive noise values starting at <paramref name="destination"/>.</summary>
    void Store(ref float destination, Vector256<float> values);

    /// <summary>Hands over sixteen consecutive noise values starting at <paramref name="destination"/>.</summary>
    void Store(ref float destination, Vector512<float> values);
}
