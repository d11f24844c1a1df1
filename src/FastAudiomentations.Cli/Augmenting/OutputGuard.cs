namespace FastAudiomentations.Cli.Augmenting;

/// <summary>Makes sure `fastaug augment` never writes into or over its inputs.</summary>
internal static class OutputGuard
{
    private static readonly StringComparison PathComparison =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    /// <summary>Refuses an output folder that is an input folder or lies inside one, or that is an input file.</summary>
    /// <exception cref="CliException">The output folder is unsafe.</exception>
    public static void CheckFolder(string outputFolder, IReadOnlyList<string> inputs)
    {
        string output = Path.GetFullPath(outputFolder);
        foreach (string input in inputs)
        {
            string full = Path.GetFullPath(input);
            if (File.Exists(full) && Same(full, output))
            {
                throw new CliException($"--output {outputFolder} is the input file {input}.");
            }

            if (Directory.Exists(full) && (Same(full, output) || IsInside(output, full)))
            {
                throw new CliException($"--output {outputFolder} is inside the input folder {input}; outputs would mix with inputs (and be read as inputs next time). Choose a folder outside it.");
            }
        }
    }

    /// <summary>Refuses an output path that is an input file or lies inside an input folder.</summary>
    /// <exception cref="CliException">The output path is unsafe.</exception>
    public static void CheckFile(string outputPath, IReadOnlyList<string> inputFolders, HashSet<string> inputFiles)
    {
        if (inputFiles.Contains(outputPath))
        {
            throw new CliException($"The output {outputPath} would overwrite an input file.");
        }

        foreach (string folder in inputFolders)
        {
            if (IsInside(outputPath, folder))
            {
                throw new CliException($"The output {outputPath} would be written inside the input folder {folder}.");
            }
        }
    }

    /// <summary>A set of paths compared as this OS compares file names.</summary>
    public static HashSet<string> PathSet() =>
        new(PathComparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);

    private static bool Same(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b), PathComparison);

    private static bool IsInside(string path, string folder)
    {
        string prefix = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, PathComparison);
    }
}
