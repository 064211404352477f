using System.Runtime.InteropServices;

namespace BillingBot.Billing.Storage;

/// <summary>Flushing a folder: a file renamed into it is on the disk under its new name only once its folder is flushed.</summary>
internal static partial class Folders
{
    /// <summary>fsync of <paramref name="folder"/> on Linux and macOS; Windows has no such call and makes a rename durable itself.</summary>
    public static void Flush(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(folder, flags: 0);
        if (descriptor < 0)
        {
            throw new IOException($"The folder {folder} could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Sync(descriptor) != 0)
            {
                throw new IOException($"The folder {folder} could not be flushed to the disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Sync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
