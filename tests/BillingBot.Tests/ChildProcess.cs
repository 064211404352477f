using System.Diagnostics;

namespace BillingBot.Tests;

/// <summary>Runs the built program as a separate process: <c>dotnet BillingBot.dll args…</c>.</summary>
public static class ChildProcess
{
    /// <summary>The program, copied next to the tests because they reference its project.</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "BillingBot.dll");

    public static Process Start(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only the configuration a test gives: nothing from the machine running the tests.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BillingBot__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        // Tests run side by side: each program listens on a free port rather than all on the default one.
        info.Environment["BillingBot__Http__Urls"] = "http://127.0.0.1:0";
        info.Environment["BillingBot__Admin__Urls"] = "http://127.0.0.1:0";

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs to the end; <paramref name="input"/> is typed on standard input, which is then closed.</summary>
    public static async Task<CliResult> RunAsync(string workingDirectory, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string input = "")
    {
        using var process = Start(workingDirectory, args, environment);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    // The dotnet CLI running the tests tells its children where it is.
    private static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
