using System.Diagnostics;
using System.Globalization;

namespace BillingBot.Benchmarks;

/// <summary>Prints one line per figure, with its target where it has one.</summary>
internal static class Figures
{
    public static void Print(string what, string value, string? target = null, bool? met = null)
    {
        var verdict = met switch
        {
            true => " ok",
            false => " MISSED",
            null => "",
        };
        Console.WriteLine(target is null ? $"{what}: {value}" : $"{what}: {value} (target {target}){verdict}");
    }

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    public static string Milliseconds(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Times <paramref name="work"/> and counts the bytes the process allocated meanwhile.</summary>
    public static (T Result, TimeSpan Elapsed, long Allocated) Measure<T>(Func<T> work)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var result = work();
        watch.Stop();
        return (result, watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    public static void Memory()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Print("peak working set", Megabytes(process.PeakWorkingSet64));
        Print("total allocated", Megabytes(GC.GetTotalAllocatedBytes(precise: true)));
        Print("GC collections gen0/gen1/gen2", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
    }
}
