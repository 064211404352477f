using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace BillingBot.Billing.Storage;

/// <summary>What is wrong with a store's file, found by <see cref="StoreFile.Verify"/> before LiteDB reads it.</summary>
public enum StoreDamage
{
    /// <summary>The file ends inside a page: it was cut short (or is not whole).</summary>
    PartialPage,

    /// <summary>The file holds fewer pages than its header counts: it was cut short.</summary>
    Truncated,

    /// <summary>A page's header is not what LiteDB writes there: the page was overwritten.</summary>
    BadPage,
}

/// <summary>The store's file is damaged; it was refused before anything read or wrote it, and left as it was.</summary>
public sealed class DamagedStoreException(string path, StoreDamage damage, long page = 0, long pages = 0)
    : IOException($"{path} is damaged ({damage}{(page > 0 ? $", page {page}" : "")}{(pages > 0 ? $" of {pages}" : "")}).")
{
    public string Path { get; } = path;

    public StoreDamage Damage { get; } = damage;

    /// <summary>The page found wrong (<see cref="StoreDamage.BadPage"/>) or how many the file holds (<see cref="StoreDamage.Truncated"/>).</summary>
    public long Page { get; } = page;

    /// <summary>How many pages the file's header counts.</summary>
    public long Pages { get; } = pages;
}

/// <summary>
/// Checks a LiteDB 5 file's structure before the store opens it. LiteDB itself, given a file cut short or with pages
/// overwritten, goes on until a read fails deep inside it, and then writes to the file (it marks it damaged, or makes
/// an empty database of a file too short to hold a page); some damage hangs its open. Checked here first, such a file
/// is refused with what is wrong and left exactly as it was.
/// </summary>
/// <remarks>
/// LiteDB's own mark of a damaged file (a byte of its header) is not a refusal: LiteDB sets it whenever one of its
/// checks fails while it closes after an error, which a failed write on a full disk can cause in a sound file. Real
/// damage is found by the checks here, or when it is read (<see cref="StoreFault.Damaged"/>).
/// Reads 32 bytes of each page, so a file of a gigabyte costs about 130,000 small reads. The layout is LiteDB 5's
/// (<c>BasePage</c> and <c>HeaderPage</c> in its source): a page is 8 KB; its header holds its own number at byte 0,
/// its type at byte 4, and the used bytes, next free position and highest slot at 24, 28 and 30. LiteDB has no
/// checksums, so damage inside a document's bytes is found only when the document is read (see
/// <see cref="StoreFault.Damaged"/>, found while running).
/// </remarks>
public static class StoreFile
{
    public const int PageSize = 8192;
    private const int PageHeaderSize = 32;
    private const int HeaderInfoAt = 32;
    private const int FileVersionAt = 59;
    private const int LastPageIdAt = 64;
    private const byte FileVersion = 8;

    private enum PageType : byte { Empty = 0, Header = 1, Collection = 2, Index = 3, Data = 4 }

    /// <summary>Whether <paramref name="path"/> is missing, empty, or begins as a LiteDB 5 file; says nothing of the rest.</summary>
    public static bool IsDatabaseOrNothing(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return true;
        }

        Span<byte> found = stackalloc byte[Signature.Length];
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return RandomAccess.Read(file, found, HeaderInfoAt) == found.Length && found.SequenceEqual(Signature);
    }

    /// <summary>Throws <see cref="NotADatabaseException"/> unless <see cref="IsDatabaseOrNothing"/>: LiteDB would write its pages over some other file.</summary>
    public static void RequireDatabaseOrNothing(string path)
    {
        if (!IsDatabaseOrNothing(path))
        {
            throw new NotADatabaseException(path);
        }
    }

    /// <summary>
    /// Throws <see cref="NotADatabaseException"/> if <paramref name="path"/> is some other file, and
    /// <see cref="DamagedStoreException"/> if it is a damaged database; a missing or empty file is a new database.
    /// </summary>
    public static void Verify(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            return;
        }

        // The first page as far as the file holds it: some other file is that, before a database cut short is damage.
        Span<byte> header = stackalloc byte[PageSize];
        var read = RandomAccess.Read(file, header, 0);
        if (read < HeaderInfoAt + Signature.Length || !header.Slice(HeaderInfoAt, Signature.Length).SequenceEqual(Signature))
        {
            throw new NotADatabaseException(path);
        }

        if (length < PageSize || length % PageSize != 0)
        {
            throw new DamagedStoreException(path, StoreDamage.PartialPage);
        }

        if (header[FileVersionAt] != FileVersion || !IsPageHeader(header, 0, PageType.Header))
        {
            throw new NotADatabaseException(path);
        }

        var pages = length / PageSize;
        var counted = BinaryPrimitives.ReadUInt32LittleEndian(header[LastPageIdAt..]) + 1L;
        // Pages not yet copied from the log are read from there: a file with a log may be shorter than its header says.
        if (pages < counted && !HasLog(path))
        {
            throw new DamagedStoreException(path, StoreDamage.Truncated, pages, counted);
        }

        if (FirstBadPage(file, pages) is { } bad)
        {
            throw new DamagedStoreException(path, StoreDamage.BadPage, bad, pages);
        }
    }

    private static ReadOnlySpan<byte> Signature => "** This is a LiteDB file **"u8;

    private static bool HasLog(string path) => new FileInfo(StoreEngine.LogPathOf(path)) is { Exists: true, Length: > 0 };

    private static long? FirstBadPage(SafeFileHandle file, long pages)
    {
        Span<byte> page = stackalloc byte[PageHeaderSize];
        for (var number = 1L; number < pages; number++)
        {
            RandomAccess.Read(file, page, number * PageSize);
            // A page never written (a file grown ahead of its pages) is all zeros.
            if (!IsPageHeader(page, number, null) && page.ContainsAnyExcept((byte)0))
            {
                return number;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="page"/> begins as LiteDB writes page <paramref name="number"/> (of <paramref name="type"/>, or of any type but the header's).</summary>
    private static bool IsPageHeader(ReadOnlySpan<byte> page, long number, PageType? type)
    {
        var kind = (PageType)page[4];
        var usedBytes = BinaryPrimitives.ReadUInt16LittleEndian(page[24..]);
        var nextFree = BinaryPrimitives.ReadUInt16LittleEndian(page[28..]);
        var highestSlot = page[30];
        var footer = highestSlot == byte.MaxValue ? 0 : (highestSlot + 1) * 4;
        return BinaryPrimitives.ReadUInt32LittleEndian(page) == number
            && (type is { } wanted ? kind == wanted : kind is PageType.Empty or PageType.Collection or PageType.Index or PageType.Data)
            && usedBytes <= PageSize - PageHeaderSize - footer
            && nextFree >= PageHeaderSize && nextFree <= PageSize - footer;
    }
}

/// <summary>A stored document holds a value that does not decode into its type: the file is damaged there.</summary>
public sealed class DamagedDocumentException(Type type, string member, Exception cause)
    : Exception($"A stored {type.Name} holds a {member} that does not decode: {cause.Message}", cause);
