using System.Reflection;

namespace FastAudiomentations.Benchmarks.Infrastructure;

/// <summary>Checks that every transform in <see cref="TransformCatalog"/> has a benchmark class.</summary>
/// <remarks>
/// A benchmark class covers a transform by deriving from <see cref="TransformBenchmark{TTransform, TParams}"/>
/// with it; the transform's static <c>Descriptor</c> is what the catalogue lists. Run before any benchmark, so
/// that a transform added without a benchmark stops the suite instead of going unmeasured (STYLE.md rule 9).
/// </remarks>
internal static class CatalogCoverage
{
    /// <summary>The catalogue names that no benchmark class in <paramref name="assembly"/> covers.</summary>
    public static List<string> Missing(Assembly assembly)
    {
        var covered = new HashSet<TransformDescriptor>(ReferenceEqualityComparer.Instance);
        foreach (Type type in assembly.GetTypes())
        {
            if (!type.IsAbstract && MeasuredTransform(type) is { } transform &&
                transform.GetProperty(nameof(Gain.Descriptor), BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is TransformDescriptor descriptor)
            {
                covered.Add(descriptor);
            }
        }

        var missing = new List<string>();
        foreach (TransformDescriptor descriptor in TransformCatalog.Transforms)
        {
            if (!covered.Contains(descriptor))
            {
                missing.Add(descriptor.Name);
            }
        }

        return missing;
    }

    private static Type? MeasuredTransform(Type type)
    {
        for (Type? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(TransformBenchmark<,>))
            {
                return current.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
