using FastAudiomentations.Benchmarks.Infrastructure;

namespace FastAudiomentations.Benchmarks.Transforms.Filters;

/// <summary>What the Butterworth filter benchmarks accept between the library and the double direct-form baseline.</summary>
internal static class FilterTolerance
{
    /// <summary>
    /// 2e-5 of the input's peak: the library's float recursion (state-space sections, chunked in SIMD lanes)
    /// against a double reference, the bound its own tests use (BiquadCascadeFilterTests, 2e-5 of the peak);
    /// the filters here have unit gain at most, so the input's peak is the output's scale.
    /// </summary>
    public static Tolerance Of(float inputPeak) => new(2e-5 * inputPeak, 0);
}
