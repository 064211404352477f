using System.Diagnostics;

namespace BillingBot.Tests.Common;

/// <summary>
/// A small tmpfs of its own, mounted on a temp folder unique to its user, so a disk can be filled for real. Mounting
/// needs Linux and root (or CAP_SYS_ADMIN); where it is refused, <see cref="TryMount"/> says why.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private readonly string _filler;

    private Tmpfs(string folder)
    {
        Folder = folder;
        _filler = Path.Combine(folder, "filler");
    }

    public string Folder { get; }

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> bytes, or says why this machine will not.</summary>
    public static (Tmpfs? Disk, string? Refusal) TryMount(long bytes)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (null, "a small disk is a tmpfs mount, which needs Linux");
        }

        var folder = Path.Combine(Path.GetTempPath(), "billingbot-tests", "disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes}", "tmpfs", folder);
        if (code == 0)
        {
            return (new Tmpfs(folder), null);
        }

        Directory.Delete(folder);
        return (null, $"mounting a tmpfs was refused here ({output.Trim()}); run as root to test a full disk");
    }

    /// <summary>Bytes still free on the disk.</summary>
    public long Free => new DriveInfo(Folder).AvailableFreeSpace;

    /// <summary>Takes space with a file until only about <paramref name="left"/> bytes are free.</summary>
    public void FillLeaving(long left)
    {
        using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write);
        var chunk = new byte[4096];
        while (Free > left)
        {
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, Free - left));
            file.Flush();
        }
    }

    /// <summary>Mounts the disk again read-only, its files kept, as a disk that went read-only after an error would be; says what failed, or null.</summary>
    public string? TryMakeReadOnly() => Run("mount", "-o", "remount,ro", Folder) is (0, _) ? null : "remounting read-only failed";

    /// <summary>Gives back what <see cref="FillLeaving"/> took.</summary>
    public void Empty() => File.Delete(_filler);

    public void Dispose()
    {
        // Lazy: a file a killed child still holds open must not keep the mount, or the folder, behind.
        Run("umount", "-l", Folder);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }

    private static (int Code, string Output) Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
