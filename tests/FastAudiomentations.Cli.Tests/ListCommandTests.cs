using System.Text.Json;

namespace FastAudiomentations.Cli.Tests;

public class ListCommandTests
{
    [Fact]
    public void List_ShowsEveryCatalogueEntryAndParameter()
    {
        (int code, string text) = CliRun.Run("list");
        Assert.Equal(0, code);
        foreach (TransformDescriptor transform in TransformCatalog.Transforms)
        {
            Assert.Contains(transform.Name, text, StringComparison.Ordinal);
            foreach (ParameterDescriptor parameter in transform.Parameters)
            {
                Assert.Contains(parameter.Name, text, StringComparison.Ordinal);
            }
        }

        foreach (ContainerDescriptor container in TransformCatalog.Containers)
        {
            Assert.Contains(container.Name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ListJson_IsTheCatalogue()
    {
        (int code, string text) = CliRun.Run("list", "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(text);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(
            TransformCatalog.Transforms.Select(t => t.Name).Concat(TransformCatalog.Containers.Select(c => c.Name)),
            entries.Select(e => e.GetProperty("name").GetString()));
        JsonElement gain = entries.Single(e => e.GetProperty("name").GetString() == "Gain");
        JsonElement minGain = gain.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "min_gain_db");
        Assert.Equal(Gain.DefaultMinGainDb, minGain.GetProperty("default").GetDouble());
        Assert.Equal("number", minGain.GetProperty("type").GetString());
    }
}
