using System.Text.Json;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Cli;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests;

/// <summary>A temp LiteDB file, a fake clock, and the operator command line run in-process against them.</summary>
public sealed class CliFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2022, 9, 28, 10, 0, 0, TimeSpan.Zero);

    public CliFixture(DateTimeOffset? start = null)
    {
        Directory.CreateDirectory(Folder);
        Time = new FakeTimeProvider(start ?? Start);

        // The operator's database exists, empty, as after a first accounts create: commands on a missing file are refused.
        new BillingStore(DbPath).Dispose();
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "billingbot-cli-tests", Guid.NewGuid().ToString("N"));
    public string DbPath => PathOf("billing.db");
    public FakeTimeProvider Time { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs one command against <see cref="DbPath"/>, as <c>BillingBot --db DbPath args…</c> would.</summary>
    public CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = OperatorCommandLine.Run(["--db", DbPath, .. args], output, error, Time);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs a command that must succeed with <c>--json</c> and parses what it printed.</summary>
    public JsonElement Json(params string[] args)
    {
        var result = Run([.. args, "--json"]);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}");
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    public int CreateAccount(string currency = "USD", string tariff = "3.33", string name = "Shop", params string[] more) =>
        Json(["accounts", "create", "--name", name, "--currency", currency, "--tariff", tariff, .. more]).GetProperty("id").GetInt32();

    /// <summary>Opens the money model on the same file, for set-up and for checks the command line does not print.</summary>
    public T WithBilling<T>(Func<BillingService, T> work)
    {
        using var store = new BillingStore(DbPath);
        return work(new BillingService(store, Time, new BillingSettings()));
    }

    /// <summary>Everything a command could change, as one string: equal snapshots mean nothing changed.</summary>
    public string Snapshot() => WithBilling(b => JsonSerializer.Serialize(b.Accounts.List().Select(a => new
    {
        Account = a,
        History = b.Accounts.History(a.Id, 1, 10_000).Entries,
        Invoices = b.Invoices.List(a.Id),
        Promises = b.Promises.Offer(a.Id).Unsettled,
        Rule = b.Agency.Rule(a.Id),
    })));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a killed child process; the temp folder is the OS's to clean.
        }
    }
}

/// <summary>What a command printed and its exit code.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>The one line a failing command printed to stderr.</summary>
    public string ErrorLine
    {
        get
        {
            var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"expected one line on stderr, got: {Error}");
            return lines[0].TrimEnd('\r');
        }
    }
}
