namespace BillingBot.Tests.Cli;

public sealed class LedgerCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Fact]
    public void ChargesPost_UsageCharge_DebitsAndShowsInHistory()
    {
        var id = _db.CreateAccount(tariff: "0");

        var run = _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "5.58", "--description", "SMS package");

        Assert.Equal("Charged 5.58 USD to account #1 for 2022-09-27. Balance: -5.58 USD.", run.Output.Trim());
        var history = _db.Run("history", $"{id}").Output;
        Assert.Contains("-5.58 USD  Usage charge for 2022-09-27: SMS package  (balance -5.58 USD)", history, StringComparison.Ordinal);
    }

    [Fact]
    public void ChargesPost_KeyAndDescriptionBeginningWithAt_TakenAsTheyAre_NotAsResponseFiles()
    {
        var id = _db.CreateAccount(tariff: "0");

        var run = _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "1", "--key", "@SUM(1)", "--description", "@cmd");
        var again = _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "1", "--key", "@SUM(1)", "--description", "@cmd");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Usage charge for 2022-09-27: @cmd", _db.Run("history", $"{id}").Output, StringComparison.Ordinal);
        Assert.Equal(-1m, _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public void ChargesPost_SameKeyAgain_SaysItWasAlreadyRecorded_AndChargesNothing()
    {
        var id = _db.CreateAccount(tariff: "0");

        var first = _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "5.58", "--key", "crm-17");
        var again = _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "5.58", "--key", "crm-17");

        Assert.Equal("Charged 5.58 USD to account #1 for 2022-09-27. Balance: -5.58 USD.", first.Output.Trim());
        Assert.Equal(0, again.ExitCode);
        Assert.Equal("The charge with key crm-17 was already recorded (5.58 USD to account #1 for 2022-09-27); nothing was charged again. Balance: -5.58 USD.", again.Output.Trim());
        Assert.Equal(-5.58m, _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public void ChargesPost_OnAClientWithAnAutoTopUpRule_PrintsTheBalanceAfterTheTopUp()
    {
        var agency = _db.CreateAccount("USD", "0", "Agency", "--kind", "agency");
        var client = _db.CreateAccount("USD", "0", "Client", "--agency", $"{agency}");
        _db.Run("payments", "record", "--account", $"{agency}", "--amount", "1000", "--payment-id", "bank-1");
        Assert.Equal(0, _db.Run("autotopup", "set", $"{client}", "--amount", "500", "--threshold", "0", "--limit", "2000", "--period", "day").ExitCode);

        var run = _db.Run("charges", "post", $"{client}", "--date", "2022-09-27", "--amount", "100");

        var balance = _db.Json("accounts", "show", $"{client}").GetProperty("account").GetProperty("balance").GetDecimal();
        Assert.Equal(400m, balance);
        Assert.Equal("Charged 100.00 USD to account #2 for 2022-09-27. Balance: 400.00 USD.", run.Output.Trim());
    }

    [Fact]
    public void ChargesPost_KeyTooLong_OneLineWithTheLimit_NothingCharged()
    {
        var id = _db.CreateAccount(tariff: "0");

        var run = _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "1", "--key", new string('k', 1_014));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("at most 200 characters", run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(0m, _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public void Accrue_ThroughADate_ChargesEveryDayOnce()
    {
        var id = _db.CreateAccount(tariff: "3.33");
        _db.Time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 10, 0, 0, TimeSpan.Zero));

        var first = _db.Run("accrue", "--through", "2022-09-30");
        var again = _db.Json("accrue", "--through", "2022-09-30");

        Assert.Equal("Accrued the daily tariff through 2022-09-30: 3 charges on 1 account.", first.Output.Trim());
        Assert.Equal(0, again.GetProperty("charges").GetInt32());
        Assert.Equal(-9.99m, _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal());
    }

    [Fact]
    public void Accrue_NoDate_ChargesEachAccountThroughItsOwnYesterday()
    {
        _db.CreateAccount(tariff: "1");
        _db.Run("accounts", "create", "--name", "West", "--currency", "USD", "--tariff", "1", "--time-zone", "America/Los_Angeles");
        // 00:30 UTC on 1 October is still 30 September in Los Angeles: that day has not ended there.
        _db.Time.SetUtcNow(new DateTimeOffset(2022, 10, 1, 0, 30, 0, TimeSpan.Zero));

        var result = _db.Json("accrue");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("through").ValueKind);
        Assert.Equal(3 + 2, result.GetProperty("charges").GetInt32());
    }

    [Fact]
    public void History_MoreThanAPage_PagesNewestFirst()
    {
        var id = _db.CreateAccount(tariff: "0");
        for (var day = 1; day <= 25; day++)
        {
            _db.Run("charges", "post", $"{id}", "--date", $"2022-08-{day:00}", "--amount", "1");
        }

        var first = _db.Run("history", $"{id}");
        var second = _db.Json("history", $"{id}", "--page", "2");

        var lines = AccountCommandsTests.Lines(first.Output);
        Assert.Equal("Account #1 Shop, history page 1:", lines[0]);
        Assert.Contains("Usage charge for 2022-08-25", lines[1], StringComparison.Ordinal);
        Assert.Equal(22, lines.Length);
        Assert.Equal("More: history 1 --page 2", lines[^1]);
        Assert.False(second.GetProperty("hasMore").GetBoolean());
        var entries = second.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(5, entries.Count);
        Assert.Equal("2022-08-05", entries[0].GetProperty("chargeDate").GetString());
        Assert.Equal("serviceCharge", entries[0].GetProperty("kind").GetString());
    }

    public void Dispose() => _db.Dispose();
}
