namespace BillingBot.Billing.Storage;

/// <summary>
/// The one process that may open a database file: an exclusive lock on <c>FILE.lock</c> beside it, held while the store
/// is open. LiteDB's direct mode takes no lock of its own on Linux, so a second opener would silently write over the
/// first one's pages. The operating system drops the lock with the process, so a killed owner never leaves it held.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private readonly FileStream _file;

    private StoreLock(FileStream file) => _file = file;

    /// <summary>The lock file of the database at <paramref name="databasePath"/>.</summary>
    public static string PathOf(string databasePath) => databasePath + ".lock";

    /// <summary>Takes the lock of <paramref name="databasePath"/>, or throws <see cref="StoreInUseException"/> if another owner holds it.</summary>
    public static StoreLock Take(string databasePath) =>
        TryTake(databasePath) ?? throw new StoreInUseException(databasePath);

    /// <summary>Takes the lock, or returns null while another owner holds it.</summary>
    public static StoreLock? TryTake(string databasePath)
    {
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix and a share lock on Windows; either ends with the process.
            return new StoreLock(new FileStream(PathOf(databasePath), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (IsHeldElsewhere(e))
        {
            return null;
        }
    }

    /// <summary>
    /// The lock is another owner's (EWOULDBLOCK from flock on Linux and macOS, a sharing violation on Windows), not a
    /// file that cannot be written at all (a read-only disk), which is its own refusal.
    /// </summary>
    private static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020);

    /// <summary>Whether some process owns the database now (the answer may change the moment after).</summary>
    public static bool IsHeld(string databasePath)
    {
        if (!File.Exists(PathOf(databasePath)))
        {
            return false;
        }

        using var taken = TryTake(databasePath);
        return taken is null;
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>The database is open in another process (a running bot, or another operator command).</summary>
public sealed class StoreInUseException(string path) : IOException($"{path} is in use by another process.")
{
    public string Path { get; } = path;
}
