using System.Globalization;
using System.Text.Json;
using BillingBot.Billing;
using BillingBot.Billing.Storage;

namespace BillingBot.Tests.Cli;

/// <summary>An operator command works while another process (the bot) has the same database open and is writing to it.</summary>
public sealed class TwoProcessTests
{
    [Fact]
    public async Task PaymentsRecord_WhileAnotherProcessWrites_SucceedsAndBothSeeIt()
    {
        using var db = new CliFixture();
        var id = db.CreateAccount(tariff: "0").ToString(CultureInfo.InvariantCulture);
        using var store = new BillingStore(db.DbPath);
        var billing = new BillingService(store, db.Time, new BillingSettings());
        using var stop = new CancellationTokenSource();
        // This process plays the running bot: it holds the file open and posts a charge after charge meanwhile.
        var bot = Task.Run(() =>
        {
            var posted = 0;
            while (!stop.IsCancellationRequested)
            {
                // Each call without a key is a charge of its own.
                billing.Charges.Post(int.Parse(id, CultureInfo.InvariantCulture), new DateOnly(2022, 1, 1), 0.01m);
                posted++;
            }

            return posted;
        });

        var child = await ChildProcess.RunAsync(db.Folder, ["--db", db.DbPath, "payments", "record", "--account", id, "--amount", "100", "--payment-id", "bank-7"]);
        await stop.CancelAsync();
        var posted = await bot;

        Assert.True(child.ExitCode == 0, child.Error);
        Assert.Contains("bank-7", child.Output, StringComparison.Ordinal);
        Assert.True(posted > 0);
        var expected = 100m - (posted * 0.01m);
        Assert.Equal(expected, billing.Accounts.Get(int.Parse(id, CultureInfo.InvariantCulture)).Balance);
        var show = await ChildProcess.RunAsync(db.Folder, ["--db", db.DbPath, "accounts", "show", id, "--json"]);
        Assert.Equal(expected, JsonDocument.Parse(show.Output).RootElement.GetProperty("account").GetProperty("balance").GetDecimal());
    }
}
