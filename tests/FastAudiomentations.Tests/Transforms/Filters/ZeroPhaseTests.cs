using FastAudiomentations.Dsp;
using FastAudiomentations.Tests.Helpers;
using static FastAudiomentations.Tests.Transforms.Filters.FilterReference;

namespace FastAudiomentations.Tests.Transforms.Filters;

public class ZeroPhaseTests
{
    private const int Rate = 16_000;

    /// <summary>
    /// Design, scipy's ntaps, and the tolerance relative to the signal's peak: 2e-5 (float rounding), but
    /// 2e-4 for the 1 Hz band edge, whose states are ~fs / (2 pi 1 Hz) = 2500 times the signal, so that a
    /// float ulp of the state is ~1.5e-4 of the signal (measured: 6e-5).
    /// </summary>
    public static TheoryData<string, int, double> Designs => new()
    {
        { "LowPass 2 kHz order 2", 3, 2e-5 },
        { "HighPass 300 Hz order 3", 4, 2e-5 },
        { "BandPass 500-2500 Hz order 2", 5, 2e-5 },
        { "BandStop 1-399 Hz order 1", 3, 2e-4 },
    };

    [Theory]
    [MemberData(nameof(Designs))]
    public void ForwardBackward_EqualsSosFiltFiltReference_AtEveryLength(string design, int filtFiltTaps, double tolerance)
    {
        BiquadSection[] sections = Design(design);
        var scratch = new ScratchArena();
        foreach (int length in new[] { 1, 2, 5, 14, 15, 16, 100, 1000, 4099, 40_001 })
        {
            // Lengths around 3 ntaps exercise the shortened padding; 40,001 the chunked path.
            float[] x = Signals.Noise(length, length);
            double[] expected = FiltFilt(x, sections, filtFiltTaps);
            FilterRunner.Iir(x, sections, zeroPhase: true, filtFiltTaps, scratch);
            double scale = Math.Max(BiquadCascadeFilterTests.Peak(expected), 0.5);
            Assert.True(BiquadCascadeFilterTests.MaxError(x, expected) <= tolerance * scale, $"{design}, length {length}: error {BiquadCascadeFilterTests.MaxError(x, expected):E2}");
        }
    }

    [Theory]
    [InlineData(500.0)]
    [InlineData(1500.0)]
    [InlineData(2000.0)]
    public void PassbandSine_KeepsItsPhase_AndGetsTheSquaredMagnitude(double frequencyHz)
    {
        // Forward and backward: H(f) H*(f) = |H(f)|^2, real and positive, so no phase shift; at the cutoff
        // that is -6.02 dB. Fitted over the middle of 2 s, far from both edges' transients.
        BiquadSection[] sections = Design("LowPass 2 kHz order 2");
        float[] x = Signals.Sine(2 * Rate, frequencyHz, Rate, amplitude: 0.5, phase: 0.3);
        FilterRunner.Iir(x, sections, zeroPhase: true, 3, new ScratchArena());
        (double amplitude, double phase) = FitSine(x, frequencyHz, Rate, Rate / 2, 3 * Rate / 2);
        double single = ButterworthMagnitude(Band.LowPass, 2, frequencyHz, 2000, 0, Rate);
        Assert.Equal(0.5 * single * single, amplitude, 1e-5);
        Assert.True(Math.Abs(phase - 0.3) < 1e-4, $"phase {phase} rad instead of 0.3");
    }

    [Fact]
    public void ZeroPhaseLowPass_IsMinus6DbAtCutoff()
    {
        BiquadSection[] sections = Design("LowPass 2 kHz order 2");
        float[] x = Signals.Sine(2 * Rate, 2000, Rate, amplitude: 0.5);
        FilterRunner.Iir(x, sections, zeroPhase: true, 3, new ScratchArena());
        double db = 20 * Math.Log10(FitSine(x, 2000, Rate, Rate / 2, 3 * Rate / 2).Amplitude / 0.5);
        Assert.InRange(db, -6.0206 - 0.05, -6.0206 + 0.05);
    }

    private static BiquadSection[] Design(string name)
    {
        var sections = new BiquadSection[ButterworthDesign.MaxOrder];
        int count = name switch
        {
            "LowPass 2 kHz order 2" => ButterworthDesign.LowPass(2, 2000, Rate, sections),
            "HighPass 300 Hz order 3" => ButterworthDesign.HighPass(3, 300, Rate, sections),
            "BandPass 500-2500 Hz order 2" => ButterworthDesign.BandPass(2, 500, 2500, Rate, sections),
            "BandStop 1-399 Hz order 1" => ButterworthDesign.BandStop(1, 1, 399, Rate, sections),
            _ => throw new ArgumentException(name, nameof(name)),
        };
        return sections[..count];
    }
}
