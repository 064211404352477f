using System.Diagnostics;

namespace BillingBot.Telegram.Emulator;

/// <summary>The real program in a process of its own, polling an emulator: for what only a separate process shows (a kill, its memory).</summary>
public static class ChildBot
{
    /// <summary>
    /// Starts <c>dotnet BillingBot.dll</c> (beside the caller, which references its project) on <paramref name="database"/>,
    /// polling <paramref name="emulator"/>, its HTTP and operator API on free loopback ports, warnings only, and
    /// <paramref name="settings"/> on top; nothing from the machine's own <c>BillingBot__*</c> variables. Its output is
    /// redirected, for the caller to read or drain.
    /// </summary>
    public static Process Start(BotApiEmulator emulator, string database, string workingDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BillingBot.dll"));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BillingBot__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["BillingBot__Telegram__Token"] = emulator.Token;
        info.Environment["BillingBot__Telegram__BaseUrl"] = emulator.BaseUrl.ToString();
        info.Environment["BillingBot__Storage__Path"] = database;
        info.Environment["BillingBot__Http__Urls"] = "http://127.0.0.1:0";
        info.Environment["BillingBot__Admin__Urls"] = "http://127.0.0.1:0";
        info.Environment["BillingBot__Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }
}
