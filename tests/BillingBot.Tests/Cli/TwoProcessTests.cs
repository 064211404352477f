using System.Globalization;
using System.Text.Json;
using BillingBot.Admin;
using BillingBot.Billing.Storage;

namespace BillingBot.Tests.Cli;

/// <summary>A running bot owns its database: operator commands reach it through its API, and a second bot is refused.</summary>
public sealed class TwoProcessTests
{
    [Fact]
    public async Task OperatorCommands_WhileTheBotRunsInAnotherProcess_GoThroughItsApiAndASecondBotIsRefused()
    {
        using var db = new CliFixture();
        var environment = new Dictionary<string, string> { ["BillingBot__Storage__DemoPath"] = db.DbPath };
        // The console chat is a bot on the database too; it runs until its standard input closes.
        using var bot = ChildProcess.Start(db.Folder, [], environment);
        var endpoint = await WaitForBotAsync(db.DbPath, bot);
        Assert.Equal(bot.Id, endpoint.ProcessId);
        Assert.True(StoreLock.IsHeld(db.DbPath));

        var record = db.Run("payments", "record", "--account", "1", "--amount", "100", "--payment-id", "bank-7", "--json");
        var again = db.Run("payments", "record", "--account", "1", "--amount", "100", "--payment-id", "bank-7", "--json");
        var second = await ChildProcess.RunAsync(db.Folder, [], environment);

        Assert.True(record.ExitCode == 0, record.Error);
        Assert.Equal(record.Output, again.Output);
        Assert.Equal(3, second.ExitCode);
        var refusal = Assert.Single(second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(db.DbPath, refusal, StringComparison.Ordinal);
        Assert.Contains(bot.Id.ToString(CultureInfo.InvariantCulture), refusal, StringComparison.Ordinal);
        var balance = JsonDocument.Parse(db.Run("accounts", "show", "1", "--json").Output).RootElement.GetProperty("account").GetProperty("balance").GetDecimal();

        bot.StandardInput.Close();
        await bot.WaitForExitAsync();
        Assert.False(File.Exists(BotEndpoint.PathOf(db.DbPath)));
        Assert.False(StoreLock.IsHeld(db.DbPath));
        // With the bot gone the command opens the file itself and sees the same: the payment, once.
        var alone = JsonDocument.Parse(db.Run("accounts", "show", "1", "--json").Output).RootElement.GetProperty("account").GetProperty("balance").GetDecimal();
        Assert.Equal(balance, alone);
        Assert.Equal(1, db.WithBilling(b => b.Accounts.History(1, 1, 10_000).Entries.Count(e => e.Id.Contains("bank-7", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Bot_KilledWhileOwningTheFile_LeavesNoLockAndTheNextCommandOpensItItself()
    {
        using var db = new CliFixture();
        var environment = new Dictionary<string, string> { ["BillingBot__Storage__DemoPath"] = db.DbPath };
        using (var bot = ChildProcess.Start(db.Folder, [], environment))
        {
            await WaitForBotAsync(db.DbPath, bot);
            bot.Kill(); // SIGKILL: nothing of the bot's own runs.
            await bot.WaitForExitAsync();
        }

        Assert.True(File.Exists(BotEndpoint.PathOf(db.DbPath)), "the killed bot could not remove its endpoint file");
        var run = db.Run("accounts", "list");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Flower shop", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Waits until the bot takes commands: by then the demo's month of history is in, seeded before anything starts.</summary>
    private static async Task<BotEndpoint> WaitForBotAsync(string dbPath, System.Diagnostics.Process bot)
    {

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (BotEndpoint.Read(dbPath) is not { } endpoint || endpoint.ProcessId != bot.Id)
        {
            if (bot.HasExited)
            {
                Assert.Fail("the bot stopped: " + await bot.StandardError.ReadToEndAsync());
            }

            await Task.Delay(20, timeout.Token);
        }

        return BotEndpoint.Read(dbPath)!;
    }
}
