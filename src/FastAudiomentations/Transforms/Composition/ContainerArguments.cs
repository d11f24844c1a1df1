namespace FastAudiomentations;

/// <summary>Validation shared by the containers.</summary>
internal static class ContainerArguments
{
    public static Transform[] Children(IEnumerable<Transform> transforms, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(transforms, parameterName);
        Transform[] children = [.. transforms];
        if (children.Length == 0)
        {
            throw new ArgumentException("A container needs at least one transform.", parameterName);
        }

        for (int i = 0; i < children.Length; i++)
        {
            if (children[i] is null)
            {
                throw new ArgumentException($"Transform {i} is null.", parameterName);
            }
        }

        return children;
    }
}
