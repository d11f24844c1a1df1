using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastAudiomentations.Cli.Commands;

/// <summary>`fastaug list`: every transform and container with its parameters, defaults and descriptions.</summary>
internal sealed class ListCommand(IAnsiConsole console) : Command<ListSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ListSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Json)
        {
            // Raw stdout, not the console: JSON must not be wrapped or styled.
            console.Profile.Out.Writer.Write(ToJson());
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).Expand()
            .AddColumn("transform").AddColumn("parameter").AddColumn("default").AddColumn("description");
        foreach (TransformDescriptor transform in TransformCatalog.Transforms)
        {
            AddRows(table, transform.Name, transform.Summary, transform.Parameters);
        }

        foreach (ContainerDescriptor container in TransformCatalog.Containers)
        {
            AddRows(table, container.Name, container.Summary + " Its children go in 'transforms'.", container.Parameters);
        }

        console.Write(table);
        console.WriteLine($"{TransformCatalog.Transforms.Count} transforms and {TransformCatalog.Containers.Count} containers. Use them in a pipeline file with `fastaug augment --pipeline FILE`.");
        return ExitCodes.Success;
    }

    /// <summary>The catalogue as JSON: [{name, kind, summary, parameters: [{name, type, default, description}]}].</summary>
    internal static string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (TransformDescriptor transform in TransformCatalog.Transforms)
            {
                WriteEntry(writer, transform.Name, "transform", transform.Summary, transform.Parameters);
            }

            foreach (ContainerDescriptor container in TransformCatalog.Containers)
            {
                WriteEntry(writer, container.Name, "container", container.Summary, container.Parameters);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void AddRows(Table table, string name, string summary, IReadOnlyList<ParameterDescriptor> parameters)
    {
        table.AddRow(new Markup($"[bold]{Markup.Escape(name)}[/]"), new Text(string.Empty), new Text(string.Empty), new Markup($"[italic]{Markup.Escape(summary)}[/]"));
        foreach (ParameterDescriptor parameter in parameters)
        {
            table.AddRow(new Text(string.Empty), new Text(parameter.Name), new Text(FormatDefault(parameter.Default)), new Text(parameter.Description));
        }
    }

    private static string FormatDefault(object? value) => value switch
    {
        null => "(required)",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static void WriteEntry(Utf8JsonWriter writer, string name, string kind, string summary, IReadOnlyList<ParameterDescriptor> parameters)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteString("kind", kind);
        writer.WriteString("summary", summary);
        writer.WriteStartArray("parameters");
        foreach (ParameterDescriptor parameter in parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.Name);
            writer.WriteString("type", FastAudiomentations.Naming.ToSnakeCase(parameter.Kind.ToString()));
            writer.WritePropertyName("default");
            switch (parameter.Default)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case double d when double.IsFinite(d):
                    writer.WriteNumberValue(d);
                    break;
                case int or long:
                    writer.WriteNumberValue(Convert.ToInt64(parameter.Default, CultureInfo.InvariantCulture));
                    break;
                default:
                    writer.WriteStringValue(FormatDefault(parameter.Default));
                    break;
            }

            writer.WriteString("description", parameter.Description);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
