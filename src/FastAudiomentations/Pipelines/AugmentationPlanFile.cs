using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastAudiomentations.Pipelines;
using FastAudiomentations.Pipelines.Syntax;
using FastAudiomentations.Random;

namespace FastAudiomentations;

/// <summary>
/// Saves an <see cref="AugmentationPlan"/> as JSON and loads it back, to inspect what a call did or to
/// replay it later with <see cref="Transform.Replay"/>.
/// </summary>
/// <remarks>
/// <para>The file holds the call (<c>seed</c>, <c>call</c>, the Philox <c>key</c>), the batch shape and
/// <c>example_ids</c>, the pipeline's node names in pre-order (<c>nodes</c>), the pipeline itself (as a
/// pipeline file writes it), and the steps in execution order: for each, its <c>node</c>, its
/// <c>transform</c> name and per row (clip x channel) whether it <c>applied</c> and, where it did, every
/// sampled parameter by its snake_case name.</para>
/// <code>
/// { "format": "fastaug-plan", "version": 1, "seed": 7, "call": 0, "key": [1234, 5678],
///   "batch_size": 2, "channels": 1, "example_ids": [0, 1], "nodes": ["Compose", "Gain"],
///   "pipeline": { "transform": "Compose", ... },
///   "steps": [ { "node": 1, "transform": "Gain",
///                "rows": [ { "applied": true, "gain_db": -3.25 }, { "applied": false } ] } ] }
/// </code>
/// <para>Parameters are written by float's shortest round-trip form and read back as floats, so a loaded
/// plan replays bit for bit. The key is stored rather than re-derived, so a plan replays the same noise
/// even if the seed-to-key mixing ever changes. Random signals are keyed by example id: replay on a batch
/// uploaded with <see cref="AugmentationPlan.ExampleIds"/>.</para>
/// </remarks>
public static class AugmentationPlanFile
{
    /// <summary>The value of the file's "format" key.</summary>
    public const string FormatName = "fastaug-plan";

    /// <summary>The version this library writes and reads.</summary>
    public const int Version = 1;

    private const string Applied = "applied";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The plan as JSON text.</summary>
    public static string ToJson(AugmentationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, plan);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes the plan to <paramref name="path"/> as JSON, atomically (temporary file, then rename).</summary>
    public static void Save(AugmentationPlan plan, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        AtomicFile.WriteAllText(path, ToJson(plan));
    }

    /// <summary>Loads a plan for <paramref name="pipeline"/>, checking that it was sampled from a pipeline of the same shape.</summary>
    /// <exception cref="PipelineFileException">The file cannot be read, is malformed, or does not fit <paramref name="pipeline"/>.</exception>
    public static AugmentationPlan Load(string path, Transform pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Parse(Read(path), pipeline, path);
    }

    /// <summary>Loads a plan with the pipeline stored in it (<see cref="AugmentationPlan.Root"/> is that pipeline).</summary>
    /// <exception cref="PipelineFileException">The file cannot be read or is malformed.</exception>
    public static AugmentationPlan Load(string path) => Parse(Read(path), pipeline: null, path);

    /// <summary>Reads a plan from JSON text; with <paramref name="pipeline"/> null, builds the pipeline stored in the text.</summary>
    /// <param name="json">The plan file's text.</param>
    /// <param name="pipeline">The pipeline to replay it on (its node names must match the plan's), or null.</param>
    /// <param name="filePath">The file's name for error messages.</param>
    /// <exception cref="PipelineFileException">The text is malformed or does not fit <paramref name="pipeline"/>.</exception>
    public static AugmentationPlan Parse(string json, Transform? pipeline, string? filePath = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new Reader(filePath).Read(PipelineFile.ParseTree(json, PipelineFormat.Json, filePath), pipeline);
    }

    private static string Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw PipelineFileException.At(path, null, string.Empty, null, null, $"cannot read the file: {error.Message}", error);
        }
    }

    private static void Write(Utf8JsonWriter writer, AugmentationPlan plan)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", Version);
        writer.WriteNumber("seed", plan.Seed);
        writer.WriteNumber("call", plan.Call);
        writer.WriteStartArray("key");
        writer.WriteNumberValue(plan.Key.K0);
        writer.WriteNumberValue(plan.Key.K1);
        writer.WriteEndArray();
        writer.WriteNumber("batch_size", plan.BatchSize);
        writer.WriteNumber("channels", plan.Channels);
        writer.WriteStartArray("example_ids");
        foreach (uint id in plan.ExampleIds)
        {
            writer.WriteNumberValue(id);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("nodes");
        foreach (PlanNode node in plan.Nodes)
        {
            writer.WriteStringValue(node.Transform.Name);
        }

        writer.WriteEndArray();
        writer.WritePropertyName("pipeline");
        PipelineWriter.WriteJson(writer, plan.Root, relativeTo: null);
        writer.WriteStartArray("steps");
        foreach (PlannedStep step in plan.Steps)
        {
            writer.WriteStartObject();
            writer.WriteNumber("node", step.Node);
            writer.WriteString("transform", step.Transform.Name);
            string[] names = SnakeNames(step);
            writer.WriteStartArray("rows");
            for (int row = 0; row < step.Applied.Length; row++)
            {
                writer.WriteStartObject();
                writer.WriteBoolean(Applied, step.Applied[row]);
                if (step.Applied[row])
                {
                    for (int p = 0; p < names.Length; p++)
                    {
                        // float's own shortest form, read back by float.Parse: exact.
                        writer.WriteNumber(names[p], step.GetParameter(row, p));
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string[] SnakeNames(PlannedStep step)
    {
        var names = new string[step.ParameterNames.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = Naming.ToSnakeCase(step.ParameterNames[i]);
        }

        return names;
    }

    /// <summary>Walks a parsed plan file, turning every mismatch into a located <see cref="PipelineFileException"/>.</summary>
    private sealed class Reader(string? filePath)
    {
        public AugmentationPlan Read(PipelineNode rootNode, Transform? pipeline)
        {
            PipelineMap root = Map(rootNode, string.Empty);
            string format = Text(Required(root, "format", string.Empty), "format");
            if (format != FormatName)
            {
                throw Error(root.Find("format")!.Value, "format", $"this is not a plan file (format is '{format}', expected '{FormatName}').");
            }

            long version = Integer(Required(root, "version", string.Empty), "version", 1, int.MaxValue);
            if (version != Version)
            {
                throw Error(root.Find("version")!.Value, "version", $"plan file version {version} is not supported; this library reads version {Version}.");
            }

            long seed = Integer(Required(root, "seed", string.Empty), "seed", long.MinValue, long.MaxValue);
            long call = Integer(Required(root, "call", string.Empty), "call", long.MinValue, long.MaxValue);
            PipelineList keyList = List(Required(root, "key", string.Empty), "key", 2);
            var key = new RandomKey((uint)Integer(keyList.Items[0], "key[0]", 0, uint.MaxValue), (uint)Integer(keyList.Items[1], "key[1]", 0, uint.MaxValue));
            int batchSize = (int)Integer(Required(root, "batch_size", string.Empty), "batch_size", 0, int.MaxValue);
            int channels = (int)Integer(Required(root, "channels", string.Empty), "channels", 1, int.MaxValue);
            PipelineList idList = List(Required(root, "example_ids", string.Empty), "example_ids", batchSize);
            var ids = new uint[batchSize];
            for (int b = 0; b < batchSize; b++)
            {
                ids[b] = (uint)Integer(idList.Items[b], $"example_ids[{b}]", 0, uint.MaxValue);
            }

            if (pipeline is null)
            {
                PipelineNode stored = Required(root, "pipeline", string.Empty);
                pipeline = new PipelineBuilder(filePath, baseDirectory: null).Build(stored, "pipeline");
            }

            if ((long)batchSize * channels > int.MaxValue)
            {
                throw Error(root, "channels", "batch_size x channels is too large.");
            }

            AugmentationPlan plan = AugmentationPlan.Restore(pipeline, batchSize, channels, seed, call, key, ids);
            CheckNodes(root, plan);
            ReadSteps(root, plan);
            return plan;
        }

        private void CheckNodes(PipelineMap root, AugmentationPlan plan)
        {
            ReadOnlySpan<PlanNode> nodes = plan.Nodes;
            PipelineList names = List(Required(root, "nodes", string.Empty), "nodes", -1);
            if (names.Items.Count != nodes.Length)
            {
                throw Error(names, "nodes", $"the plan was sampled from a pipeline of {names.Items.Count} nodes; this pipeline has {nodes.Length}.");
            }

            for (int i = 0; i < nodes.Length; i++)
            {
                string name = Text(names.Items[i], $"nodes[{i}]");
                if (name != nodes[i].Transform.Name)
                {
                    throw Error(names.Items[i], $"nodes[{i}]", $"node {i} of the plan is {name}; in this pipeline it is {nodes[i].Transform.Name}.");
                }
            }
        }

        private void ReadSteps(PipelineMap root, AugmentationPlan plan)
        {
            ReadOnlySpan<PlanNode> nodes = plan.Nodes;
            int leaves = 0;
            foreach (PlanNode node in nodes)
            {
                leaves += node.Step is null ? 0 : 1;
            }

            PipelineList steps = List(Required(root, "steps", string.Empty), "steps", leaves);
            for (int s = 0; s < steps.Items.Count; s++)
            {
                string at = $"steps[{s}]";
                PipelineMap stepMap = Map(steps.Items[s], at);
                PipelineNode nodeValue = Required(stepMap, "node", at);
                int index = (int)Integer(nodeValue, $"{at}.node", 0, nodes.Length - 1);
                if (nodes[index].Step is null)
                {
                    throw Error(nodeValue, $"{at}.node", $"node {index} is {nodes[index].Transform.Name}, a container; steps belong to leaves.");
                }

                string name = Text(Required(stepMap, "transform", at), $"{at}.transform");
                if (name != nodes[index].Transform.Name)
                {
                    throw Error(stepMap.Find("transform")!.Value, $"{at}.transform", $"node {index} is {nodes[index].Transform.Name}, not {name}.");
                }

                PlannedStep step;
                try
                {
                    step = plan.RestoreStep(index);
                }
                catch (InvalidOperationException error)
                {
                    throw Error(nodeValue, $"{at}.node", error.Message);
                }

                ReadRows(stepMap, step, at);
            }
        }

        private void ReadRows(PipelineMap stepMap, PlannedStep step, string at)
        {
            string[] names = SnakeNames(step);
            PipelineList rows = List(Required(stepMap, "rows", at), $"{at}.rows", step.Applied.Length);
            for (int row = 0; row < rows.Items.Count; row++)
            {
                string rowAt = $"{at}.rows[{row}]";
                PipelineMap rowMap = Map(rows.Items[row], rowAt);
                PipelineNode appliedValue = Required(rowMap, Applied, rowAt);
                bool applied = appliedValue is PipelineScalar { Value: bool flag } ? flag : throw Error(appliedValue, $"{rowAt}.{Applied}", "must be true or false.");
                step.Applied[row] = applied;
                foreach (PipelineEntry entry in rowMap.Entries)
                {
                    if (entry.Key != Applied && Array.IndexOf(names, entry.Key) < 0)
                    {
                        string known = names.Length == 0 ? "none" : string.Join(", ", names);
                        throw Error(entry.Value, $"{rowAt}.{entry.Key}", $"{step.Transform.Name} samples no parameter '{entry.Key}' (it samples: {known}).");
                    }
                }

                for (int p = 0; p < names.Length; p++)
                {
                    float value = 0;
                    if (applied)
                    {
                        PipelineNode given = Required(rowMap, names[p], rowAt);
                        value = given is PipelineScalar { NumberText: string text }
                            ? float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)
                            : throw Error(given, $"{rowAt}.{names[p]}", "must be a number.");
                    }

                    step.SetParameter(row, p, value);
                }
            }
        }

        private PipelineNode Required(PipelineMap map, string key, string at) =>
            map.Find(key)?.Value ?? throw Error(map, at, $"'{key}' is missing.");

        private PipelineMap Map(PipelineNode node, string at) =>
            node as PipelineMap ?? throw Error(node, at, $"expected an object, found {node.Describe()}.");

        private PipelineList List(PipelineNode node, string at, int count)
        {
            if (node is not PipelineList list)
            {
                throw Error(node, at, $"expected a list, found {node.Describe()}.");
            }

            if (count >= 0 && list.Items.Count != count)
            {
                throw Error(node, at, $"expected {count} items, found {list.Items.Count}.");
            }

            return list;
        }

        private string Text(PipelineNode node, string at) =>
            node is PipelineScalar { Value: string text } ? text : throw Error(node, at, $"expected text, found {node.Describe()}.");

        private long Integer(PipelineNode node, string at, long min, long max)
        {
            if (node is PipelineScalar { Value: long value } && value >= min && value <= max)
            {
                return value;
            }

            throw Error(node, at, $"expected an integer in [{min}, {max}].");
        }

        private PipelineFileException Error(PipelineNode node, string at, string reason) =>
            PipelineFileException.At(filePath, node.Line, at, null, null, reason);
    }
}
