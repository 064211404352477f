using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BillingBot.Admin;
using BillingBot.Billing.Storage;
using BillingBot.Cli;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Telegram.Tests;

/// <summary>Operator commands on a database a running bot owns: sent to the bot's API, answered exactly as when run alone.</summary>
public sealed partial class OperatorApiTests : BotTest
{
    private static readonly DateTimeOffset Now = new(2022, 9, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    protected override TimeProvider Time => _time;

    [Fact]
    public async Task EveryCommand_WhileTheBotRuns_PrintsWhatItPrintsRunAlone()
    {
        var alone = Path.Combine(Folder, "alone");
        Directory.CreateDirectory(Path.Combine(Folder, "bot"));
        Directory.CreateDirectory(alone);
        await File.WriteAllTextAsync(Path.Combine(Folder, "bot", "customers.csv"), Customers);
        await File.WriteAllTextAsync(Path.Combine(alone, "customers.csv"), Customers);

        var throughBot = Script(DbPath, Path.Combine(Folder, "bot"));
        await Bot.DisposeAsync();
        // The same commands with no bot running: each opens the file itself.
        Bot = await BotHost.StartAsync(Emulator, Path.Combine(Folder, "other.db"), _time);
        // On a database that exists, as the bot's does (a first command on a new one would say it is creating it).
        new BillingStore(Path.Combine(alone, "billing.db")).Dispose();
        var itself = Script(Path.Combine(alone, "billing.db"), alone);

        Assert.Equal(itself.Count, throughBot.Count);
        for (var i = 0; i < itself.Count; i++)
        {
            Assert.Equal(itself[i], throughBot[i]);
        }

        // The files the bot made for the operator landed in the operator's folder, and match.
        foreach (var name in new[] { "statement.csv", "codes.csv" })
        {
            Assert.Equal(Lines(File.ReadAllText(Path.Combine(alone, name))).Length, Lines(File.ReadAllText(Path.Combine(Folder, "bot", name))).Length);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(alone, "statement.csv")), File.ReadAllText(Path.Combine(Folder, "bot", "statement.csv")));
        Assert.Equal(Run(DbPath, "accounts", "list").Output.Replace(DbPath, "", StringComparison.Ordinal), Run(Path.Combine(Folder, "bot", "backup.db"), "accounts", "list").Output.Replace(Path.Combine(Folder, "bot", "backup.db"), "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_WrongOrMissingToken_401AndNothingRuns()
    {
        var endpoint = BotEndpoint.Read(DbPath)!;
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url) };
        var request = new CommandRequest(["accounts", "create", "--name", "Sneaky", "--currency", "USD", "--tariff", "1"], Folder, new Dictionary<string, CarriedFile>());

        using var none = await http.PostAsJsonAsync(AdminApi.CommandsPath, request, Formats.Json);
        http.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token-at-all");
        using var wrong = await http.PostAsJsonAsync(AdminApi.CommandsPath, request, Formats.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(Bot.Billing.Accounts.List());
    }

    [Fact]
    public async Task Api_CommandNamingAnotherDatabase_RefusedAndNothingRuns()
    {
        var endpoint = BotEndpoint.Read(DbPath)!;
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken.Read(AdminToken.PathOf(DbPath)));
        var request = new CommandRequest(["--db", "other.db", "accounts", "create", "--name", "Elsewhere", "--currency", "USD", "--tariff", "1"], Folder, new Dictionary<string, CarriedFile>());

        using var response = await http.PostAsJsonAsync(AdminApi.CommandsPath, request, Formats.Json);
        var answer = await response.Content.ReadFromJsonAsync<CommandAnswer>(Formats.Json);

        Assert.Equal(OperatorCommandLine.BadInput, answer!.ExitCode);
        Assert.Equal($"This bot runs on {DbPath}, not on {Path.Combine(Folder, "other.db")}: nothing was done.", answer.Error.Trim());
        Assert.Empty(Bot.Billing.Accounts.List());
    }

    [Fact]
    public async Task Token_MadeOnceOwnerOnlyAndKeptAcrossRestarts()
    {
        var path = AdminToken.PathOf(DbPath);
        var first = await File.ReadAllTextAsync(path);

        await RestartAsync(_time);

        Assert.Equal(first, await File.ReadAllTextAsync(path));
        Assert.Equal(64, first.Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.DoesNotContain(Bot.Logs.Lines, l => l.Contains(first, StringComparison.Ordinal));
    }

    private const string Customers = "name,currency,tariff,agency,external_id\nRose shop,USD,2.5,,r-1\nTulip shop,USD,1,,t-1\n";

    /// <summary>The same operator's session on <paramref name="db"/>: what each command printed, its folder and invoice numbers made alike.</summary>
    private List<string> Script(string db, string folder)
    {
        string[][] commands =
        [
            ["accounts", "create", "--name", "Flower shop", "--currency", "USD", "--tariff", "3.33"],
            ["accounts", "import", Path.Combine(folder, "customers.csv"), "--codes-out", Path.Combine(folder, "codes.csv")],
            ["accounts", "import", Path.Combine(folder, "customers.csv"), "--codes-out", Path.Combine(folder, "codes.csv")],
            ["accounts", "list"],
            ["tariff", "set", "1", "5.58"],
            ["charges", "post", "1", "--date", "2022-09-28", "--amount", "5.58", "--key", "usage-1"],
            ["charges", "post", "1", "--date", "2022-09-28", "--amount", "5.58", "--key", "usage-1"],
            ["invoices", "issue", "1", "--amount", "100"],
            ["payments", "record", "--account", "1", "--amount", "50", "--payment-id", "bank-1"],
            ["payments", "record", "--account", "1", "--amount", "50", "--payment-id", "bank-1", "--json"],
            ["accrue", "--through", "2022-09-28"],
            ["history", "1"],
            ["accounts", "show", "1", "--json"],
            ["accounts", "show", "99"],
            ["invoices", "list", "1"],
            ["statement", "1", "--month", "2022-09", "--format", "csv", "--out", Path.Combine(folder, "statement.csv")],
            ["promised", "take", "1", "--amount", "10"],
            ["outbox", "stats"],
            ["backup", Path.Combine(folder, "backup.db")],
        ];
        return commands.Select(args => Run(db, args)).Select(r => Alike($"{r.ExitCode}|{r.Output}|{r.Error}", db, folder)).ToList();
    }

    private CliRun Run(string db, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = OperatorCommandLine.Run(["--db", db, .. args], output, error, _time);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static string Alike(string text, string db, string folder) =>
        InvoiceNumber().Replace(text.Replace(db, "DB", StringComparison.Ordinal).Replace(folder, "FOLDER", StringComparison.Ordinal), "NUMBER");

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex InvoiceNumber();

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
