using FastAudiomentations.Random;

namespace FastAudiomentations.Tests.Random;

/// <summary>Known-answer tests from the Random123 distribution (kat_vectors, philox4x32 with 10 rounds).</summary>
public class Philox4x32Tests
{
    [Fact]
    public void Generate_ZeroCounterAndKey_MatchesRandom123()
    {
        UInt4 result = Philox4x32.Generate(new UInt4(0, 0, 0, 0), new RandomKey(0, 0));
        Assert.Equal(new UInt4(0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u), result);
    }

    [Fact]
    public void Generate_AllOnes_MatchesRandom123()
    {
        UInt4 result = Philox4x32.Generate(new UInt4(uint.MaxValue, uint.MaxValue, uint.MaxValue, uint.MaxValue), new RandomKey(uint.MaxValue, uint.MaxValue));
        Assert.Equal(new UInt4(0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu), result);
    }

    [Fact]
    public void Generate_PiDigits_MatchesRandom123()
    {
        UInt4 result = Philox4x32.Generate(new UInt4(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u), new RandomKey(0xa4093822u, 0x299f31d0u));
        Assert.Equal(new UInt4(0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u), result);
    }
}
