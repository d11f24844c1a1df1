namespace FastAudiomentations.Cli.Augmenting;

/// <summary>Expands the inputs of `fastaug augment` (files and folders) into audio files with relative paths.</summary>
internal static class InputScanner
{
    /// <summary>
    /// Every supported audio file under the inputs: a folder is searched recursively and its files keep
    /// their path below it; a file given directly keeps its name. Names starting with '.' (hidden files,
    /// temporary files of an interrupted write) are skipped. Sorted by relative path (ordinal), so the
    /// order is the same on every machine.
    /// </summary>
    /// <exception cref="CliException">An input is missing, a file has an unsupported extension, or two inputs would give the same output name.</exception>
    public static List<InputFile> Scan(IReadOnlyList<string> inputs, IReadOnlyList<string> extensions)
    {
        var files = new List<InputFile>();
        foreach (string input in inputs)
        {
            string full = Path.GetFullPath(input);
            if (Directory.Exists(full))
            {
                foreach (string path in Directory.EnumerateFiles(full, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = FileAttributes.Hidden }))
                {
                    if (IsAudio(path, extensions) && !Path.GetFileName(path).StartsWith('.'))
                    {
                        files.Add(new InputFile(path, Path.GetRelativePath(full, path)));
                    }
                }
            }
            else if (File.Exists(full))
            {
                if (!IsAudio(full, extensions))
                {
                    throw new CliException($"{input}: not a supported audio file (supported: {string.Join(", ", extensions)}).");
                }

                files.Add(new InputFile(full, Path.GetFileName(full)));
            }
            else
            {
                throw new CliException($"{input}: no such file or folder.");
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));
        RejectDuplicates(files);
        return files;
    }

    private static bool IsAudio(string path, IReadOnlyList<string> extensions)
    {
        string extension = Path.GetExtension(path);
        foreach (string supported in extensions)
        {
            if (extension.Equals(supported, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Two inputs whose outputs would collide ("a.wav" and "a.mp3", or the same name in two input folders).</summary>
    private static void RejectDuplicates(List<InputFile> files)
    {
        var seen = new Dictionary<string, InputFile>(StringComparer.Ordinal);
        foreach (InputFile file in files)
        {
            string key = ClipIdentity.Normalise(ClipIdentity.OutputRelativePath(file.RelativePath, 0));
            if (seen.TryGetValue(key, out InputFile? other))
            {
                throw new CliException(other.FullPath == file.FullPath
                    ? $"{file.FullPath} is given twice."
                    : $"{other.FullPath} and {file.FullPath} would be written to the same outputs ({ClipIdentity.Normalise(ClipIdentity.OutputRelativePath(file.RelativePath, 0))}, ...); augment them in separate runs or rename one.");
            }

            seen.Add(key, file);
        }
    }
}
