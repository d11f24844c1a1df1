namespace FastAudiomentations;

/// <summary>The type of a transform's constructor parameter, as pipeline files write it.</summary>
public enum ParameterKind
{
    /// <summary>A real number.</summary>
    Number,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One word from a fixed set (see the description).</summary>
    Choice,

    /// <summary>A file or folder path.</summary>
    Path,

    /// <summary>A list of numbers.</summary>
    NumberList,
}
