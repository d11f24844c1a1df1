using FastAudiomentations.Cli.Augmenting;

namespace FastAudiomentations.Cli.Tests;

public class ClipIdentityTests
{
    [Theory]
    // Published FNV-1a 64 test vectors (Fowler/Noll/Vo).
    [InlineData("", 0xcbf29ce484222325ul)]
    [InlineData("a", 0xaf63dc4c8601ec8cul)]
    [InlineData("foobar", 0x85944171f73967e8ul)]
    public void Fnv1a64_MatchesTheReferenceVectors(string text, ulong expected) =>
        Assert.Equal(expected, StableHash.Fnv1a64(text));

    [Theory]
    // Computed by an independent Python implementation of FNV-1a 64 + SplitMix64's finaliser. These values
    // must never change: shards and example ids of existing datasets depend on them.
    [InlineData("a/b.wav", 3524397725u, 2)]
    [InlineData("speech/0001.wav", 2559468095u, 0)]
    public void ExampleIdAndShard_AreStableAcrossVersions(string path, uint exampleId, int shardOf4)
    {
        Assert.Equal(exampleId, ClipIdentity.ExampleId(path));
        Assert.Equal(exampleId, ClipIdentity.ExampleId(path.Replace('/', '\\')));
        Assert.True(new ShardSpec(shardOf4, 4).Contains(path));
    }

    [Fact]
    public void Shards_SplitManyPathsEvenly()
    {
        var counts = new int[8];
        for (int i = 0; i < 8000; i++)
        {
            string path = $"data/{i / 100}/clip{i:D5}.wav";
            int owners = 0;
            for (int k = 0; k < 8; k++)
            {
                if (new ShardSpec(k, 8).Contains(path))
                {
                    counts[k]++;
                    owners++;
                }
            }

            Assert.Equal(1, owners);
        }

        // Multinomial(8000, 1/8): mean 1000, sd 29.6; +-150 is over 5 sigma.
        Assert.All(counts, n => Assert.InRange(n, 850, 1150));
    }

    [Theory]
    [InlineData("speech/a.wav", 0, "speech/a.aug0.wav")]
    [InlineData("b.flac", 12, "b.aug12.wav")]
    [InlineData("x/y/z.v1.mp3", 1, "x/y/z.v1.aug1.wav")]
    public void OutputNames_KeepTheFolderAndCountCopies(string input, int copy, string expected) =>
        Assert.Equal(expected, ClipIdentity.Normalise(ClipIdentity.OutputRelativePath(input, copy)));

    [Theory]
    [InlineData("0/1", true, 0, 1)]
    [InlineData("7/8", true, 7, 8)]
    [InlineData("8/8", false, 0, 0)]
    [InlineData("0/0", false, 0, 0)]
    [InlineData("-1/4", false, 0, 0)]
    [InlineData("1/4/2", false, 0, 0)]
    [InlineData("a/b", false, 0, 0)]
    public void ShardSpec_Parses(string text, bool ok, int index, int count)
    {
        Assert.Equal(ok, ShardSpec.TryParse(text, out ShardSpec shard, out string error));
        if (ok)
        {
            Assert.Equal((index, count), (shard.Index, shard.Count));
        }
        else
        {
            Assert.NotEmpty(error);
        }
    }
}
