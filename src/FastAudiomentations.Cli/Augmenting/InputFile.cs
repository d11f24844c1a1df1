namespace FastAudiomentations.Cli.Augmenting;

/// <summary>An audio file to augment.</summary>
/// <param name="FullPath">Absolute path.</param>
/// <param name="RelativePath">Path below its input folder (its file name for a file given directly); outputs keep it.</param>
internal sealed record InputFile(string FullPath, string RelativePath);
