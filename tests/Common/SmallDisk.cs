namespace BillingBot.Tests.Common;

/// <summary>A <see cref="Tmpfs"/> for a test, which is skipped with the reason where mounting is refused.</summary>
public sealed class SmallDisk : IDisposable
{
    private readonly Tmpfs _disk;

    private SmallDisk(Tmpfs disk) => _disk = disk;

    public string Folder => _disk.Folder;

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> bytes; skips the test if this machine will not.</summary>
    public static SmallDisk Mount(long bytes)
    {
        var (disk, refusal) = Tmpfs.TryMount(bytes);
        Skip.If(disk is null, refusal);
        return new SmallDisk(disk);
    }

    /// <summary>Bytes still free on the disk.</summary>
    public long Free => _disk.Free;

    /// <inheritdoc cref="Tmpfs.FillLeaving"/>
    public void FillLeaving(long left) => _disk.FillLeaving(left);

    /// <summary>Mounts the disk again read-only, its files kept, as a disk that went read-only after an error would be.</summary>
    public void MakeReadOnly() => Assert.Null(_disk.TryMakeReadOnly());

    /// <summary>Gives back what <see cref="FillLeaving"/> took.</summary>
    public void Empty() => _disk.Empty();

    public void Dispose() => _disk.Dispose();
}
