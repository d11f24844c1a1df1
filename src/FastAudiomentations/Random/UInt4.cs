namespace FastAudiomentations.Random;

/// <summary>Four 32-bit words: a Philox counter or one Philox output block.</summary>
/// <param name="X">Word 0.</param>
/// <param name="Y">Word 1.</param>
/// <param name="Z">Word 2.</param>
/// <param name="W">Word 3.</param>
public readonly record struct UInt4(uint X, uint Y, uint Z, uint W)
{
    /// <summary>Word <paramref name="lane"/> (0..3).</summary>
    public uint this[int lane] => lane switch { 0 => X, 1 => Y, 2 => Z, _ => W };
}
