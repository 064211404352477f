using BillingBot.Billing.Storage;

namespace BillingBot.Cli;

/// <summary>
/// The operator's own files, which a command reads (an import) or writes (a statement, codes, a backup). Run in the
/// operator's process they are the disk; run by the bot for an operator, they travel in the request and its answer,
/// so the bot never writes a path it was given.
/// </summary>
internal abstract class OperatorFiles
{
    /// <summary>The full path of <paramref name="path"/> as the operator means it (relative to the operator's folder).</summary>
    public abstract string Resolve(string path);

    /// <summary>A file or a folder is there.</summary>
    public abstract bool Exists(string fullPath);

    /// <summary>A file is there that is not a database.</summary>
    public abstract bool IsOtherFile(string fullPath);

    /// <summary>The file's content; null if there is none.</summary>
    public abstract byte[]? Read(string fullPath);

    /// <summary>Writes <paramref name="content"/>, replacing a file there.</summary>
    public abstract void Write(string fullPath, byte[] content);

    /// <summary>Takes back what <see cref="Write"/> wrote there.</summary>
    public abstract void Discard(string fullPath);

    /// <summary>Writes a consistent copy of <paramref name="store"/>.</summary>
    public abstract void Backup(BillingStore store, string fullPath);
}

/// <summary>The files on this machine, for a command the operator's process runs itself.</summary>
internal sealed class LocalFiles : OperatorFiles
{
    public override string Resolve(string path) => Path.GetFullPath(path);

    public override bool Exists(string fullPath) => File.Exists(fullPath) || Directory.Exists(fullPath);

    public override bool IsOtherFile(string fullPath) => BillingStore.IsOtherFile(fullPath);

    public override byte[]? Read(string fullPath) => File.Exists(fullPath) ? File.ReadAllBytes(fullPath) : null;

    public override void Write(string fullPath, byte[] content)
    {
        // Into a folder that is there: a mistyped path is refused before the command runs, never made.
        var temporary = fullPath + ".partial";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, fullPath, overwrite: true);
    }

    public override void Discard(string fullPath) => File.Delete(fullPath);

    public override void Backup(BillingStore store, string fullPath) => store.Backup(fullPath);
}

/// <summary>The operator's files as a request brought them: inputs read from it, outputs kept for the answer.</summary>
internal sealed class CarriedFiles(string workingDirectory, IReadOnlyDictionary<string, CarriedFile> given) : OperatorFiles
{
    private readonly Dictionary<string, byte[]> _written = new(StringComparer.Ordinal);

    /// <summary>What the command wrote, by the operator's full path.</summary>
    public IReadOnlyDictionary<string, byte[]> Written => _written;

    public override string Resolve(string path) => Path.GetFullPath(path, workingDirectory);

    public override bool Exists(string fullPath) => given.TryGetValue(fullPath, out var file) && file.Exists;

    public override bool IsOtherFile(string fullPath) => given.TryGetValue(fullPath, out var file) && file.OtherFile;

    public override byte[]? Read(string fullPath) => given.TryGetValue(fullPath, out var file) ? file.Content : null;

    public override void Write(string fullPath, byte[] content) => _written[fullPath] = content;

    public override void Discard(string fullPath) => _written.Remove(fullPath);

    public override void Backup(BillingStore store, string fullPath)
    {
        using var copy = new MemoryStream();
        store.Backup(copy);
        _written[fullPath] = copy.ToArray();
    }
}

/// <summary>What the operator's machine says of one file a command names: whether it is there, and the content of an input.</summary>
internal sealed record CarriedFile(bool Exists, bool OtherFile, byte[]? Content);
