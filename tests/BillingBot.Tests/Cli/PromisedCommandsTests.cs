namespace BillingBot.Tests.Cli;

public sealed class PromisedCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Fact]
    public void PromisedTake_AfterAPaidTopUp_CreditsAndRepayTakesItBack()
    {
        var id = _db.CreateAccount(tariff: "3.33");
        _db.Run("payments", "record", "--account", $"{id}", "--amount", "10", "--payment-id", "bank-1");

        var take = _db.Run("promised", "take", $"{id}", "--amount", "50");
        var balanceAfterTake = Balance(id);
        var repay = _db.Run("promised", "repay", $"{id}");

        Assert.Equal("Promised payment 1 of 50.00 USD credited to account #1; repay by 2022-10-05.", take.Output.Trim());
        Assert.Equal(60m, balanceAfterTake);
        Assert.Equal("Repaid 1 promised payment of account #1. Balance: 10.00 USD.", repay.Output.Trim());
        Assert.Equal(10m, Balance(id));
    }

    [Fact]
    public void PromisedTake_SameKeyTwice_TakenOnce()
    {
        var id = _db.CreateAccount(tariff: "3.33");
        _db.Run("payments", "record", "--account", $"{id}", "--amount", "10", "--payment-id", "bank-1");

        var first = _db.Run("promised", "take", $"{id}", "--amount", "50", "--key", "retry-1");
        var again = _db.Run("promised", "take", $"{id}", "--amount", "50", "--key", "retry-1");

        Assert.Equal(first.Output, again.Output);
        Assert.Equal(60m, Balance(id));
    }

    [Fact]
    public void PromisedTake_AboveThirtyDaysOfTheLargestCharge_Refused()
    {
        var id = _db.CreateAccount(tariff: "3.33");
        _db.Run("payments", "record", "--account", $"{id}", "--amount", "10", "--payment-id", "bank-1");

        var run = _db.Run("promised", "take", $"{id}", "--amount", "100");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("A promised payment can be at most 99.90 USD now.", run.ErrorLine);
        Assert.Equal(10m, Balance(id));
    }

    [Fact]
    public void PromisedTake_NeverPaid_Refused()
    {
        var id = _db.CreateAccount();

        var run = _db.Run("promised", "take", $"{id}", "--amount", "5");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("A promised payment is available after the first paid top-up.", run.ErrorLine);
    }

    public void Dispose() => _db.Dispose();

    private decimal Balance(int id) => _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal();
}
