namespace FastAudiomentations.Dsp;

/// <summary>
/// One edge of a windowed-sinc design: the cutoff as a fraction of the sample rate and the rotation that walks
/// sin(2 pi cutoff k) (<see cref="WindowedSincDesign"/>). Its only transcendentals are the step's cos and sin, so a
/// device that receives them designs the kernel with + - * / alone.
/// </summary>
/// <param name="Cutoff">fc / fs.</param>
/// <param name="Rotation">The rotation by 2 pi fc / fs per tap, at k = 0.</param>
internal readonly record struct SincEdge(double Cutoff, SincRotation Rotation)
{
    /// <summary>The edge at <paramref name="hz"/> for <paramref name="sampleRateHz"/>.</summary>
    public static SincEdge Of(double hz, double sampleRateHz)
    {
        double cutoff = hz / sampleRateHz;
        return new SincEdge(cutoff, SincRotation.By(2 * Math.PI * cutoff));
    }
}
