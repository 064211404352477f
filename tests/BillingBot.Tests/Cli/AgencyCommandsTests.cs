namespace BillingBot.Tests.Cli;

public sealed class AgencyCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();
    private readonly int _agency;
    private readonly int _client;

    public AgencyCommandsTests()
    {
        _agency = _db.CreateAccount("RUB", "0", "Agency", "--kind", "agency");
        _client = _db.CreateAccount("RUB", "0", "Client", "--agency", $"{_agency}");
        _db.Run("payments", "record", "--account", $"{_agency}", "--amount", "3000", "--payment-id", "bank-1");
    }

    [Fact]
    public void Transfer_AgencyToClientAndBack_MovesTheMoney()
    {
        var there = _db.Run("transfer", "--from", $"{_agency}", "--to", $"{_client}", "--amount", "700");
        var back = _db.Json("transfer", "--from", $"{_client}", "--to", $"{_agency}", "--amount", "200");

        Assert.Equal("Moved 700.00 RUB from account #1 to account #2. Balances: #1 2300.00 RUB, #2 700.00 RUB.", there.Output.Trim());
        Assert.Equal((500m, 2500m), (back.GetProperty("fromBalance").GetDecimal(), back.GetProperty("toBalance").GetDecimal()));
    }

    [Fact]
    public void Transfer_SameKeyTwice_MovedOnceAndTheSecondRunPrintsTheFirst()
    {
        var first = _db.Run("transfer", "--from", $"{_agency}", "--to", $"{_client}", "--amount", "700", "--key", "crm-81");
        var again = _db.Run("transfer", "--from", $"{_agency}", "--to", $"{_client}", "--amount", "700", "--key", "crm-81");

        Assert.Equal(first.Output, again.Output);
        Assert.Equal(700m, _db.WithBilling(b => b.Accounts.Get(_client).Balance));
        Assert.Equal(2300m, _db.WithBilling(b => b.Accounts.Get(_agency).Balance));
    }

    [Fact]
    public void Transfer_MoreThanTheClientHas_RefusedAndNothingMoves()
    {
        var before = _db.Snapshot();

        var run = _db.Run("transfer", "--from", $"{_client}", "--to", $"{_agency}", "--amount", "1");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Not enough money: the balance is 0.00 RUB and 1.00 RUB is needed.", run.ErrorLine);
        Assert.Equal(before, _db.Snapshot());
    }

    [Fact]
    public void AutoTopUpSet_WorkedExample5_TopsUpWhenTheBalanceReachesTheThreshold()
    {
        var set = _db.Run("autotopup", "set", $"{_client}", "--amount", "500", "--threshold", "0", "--limit", "2000", "--period", "day");
        _db.Run("charges", "post", $"{_client}", "--date", "2022-09-28", "--amount", "10");

        Assert.Equal("Auto top-up of client #2 from agency #1 is on: 500.00 RUB when the balance is at or below 0.00 RUB, at most 2000.00 RUB a day.", set.Output.Trim());
        Assert.Equal(490m, Balance(_client));
        Assert.Equal(2500m, Balance(_agency));
        Assert.Contains("Auto top-up from agency Agency", _db.Run("history", $"{_client}").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AutoTopUpShow_TheRuleAndWhatItMovedInItsPeriod_OrThatThereIsNone()
    {
        var none = _db.Run("autotopup", "show", $"{_client}");
        _db.Run("autotopup", "set", $"{_client}", "--amount", "500", "--threshold", "0", "--limit", "2000", "--period", "day");
        _db.Run("charges", "post", $"{_client}", "--date", "2022-09-28", "--amount", "10");

        var shown = _db.Run("autotopup", "show", $"{_client}");
        var json = _db.Json("autotopup", "show", $"{_client}");
        var unknown = _db.Run("autotopup", "show", "99");

        Assert.Equal("Client #2 has no auto top-up rule.", none.Output.Trim());
        Assert.Equal("Auto top-up of client #2 from agency #1 is on: 500.00 RUB when the balance is at or below 0.00 RUB, at most 2000.00 RUB a day. Moved since 2022-09-28: 500.00 RUB of 2000.00 RUB.", shown.Output.Trim());
        Assert.Equal(500m, json.GetProperty("usedInPeriod").GetDecimal());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("There is no account 99.", unknown.ErrorLine);
    }

    [Fact]
    public void AutoTopUpOffAndOn_Rule_StopsAndResumesTopUps()
    {
        _db.Run("autotopup", "set", $"{_client}", "--amount", "500", "--threshold", "0", "--limit", "2000", "--period", "day");

        var off = _db.Run("autotopup", "off", $"{_client}");
        _db.Run("charges", "post", $"{_client}", "--date", "2022-09-27", "--amount", "10");
        var balanceWhileOff = Balance(_client);
        var on = _db.Json("autotopup", "on", $"{_client}");
        _db.Run("charges", "post", $"{_client}", "--date", "2022-09-28", "--amount", "10");

        Assert.StartsWith("Auto top-up of client #2 from agency #1 is off", off.Output, StringComparison.Ordinal);
        Assert.Equal(-10m, balanceWhileOff);
        Assert.True(on.GetProperty("enabled").GetBoolean());
        Assert.Equal("day", on.GetProperty("period").GetString());
        Assert.Equal(480m, Balance(_client));
    }

    [Fact]
    public void AutoTopUpOff_NoRule_Refused()
    {
        var run = _db.Run("autotopup", "off", $"{_client}");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Account 2 has no auto top-up rule; set one first.", run.ErrorLine);
    }

    public void Dispose() => _db.Dispose();

    private decimal Balance(int id) => _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal();
}
