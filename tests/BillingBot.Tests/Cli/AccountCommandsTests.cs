using BillingBot.Cli;

namespace BillingBot.Tests.Cli;

public sealed class AccountCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    private (int Code, string Output, string Error) RunOn(string database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = OperatorCommandLine.Run(["--db", database, .. args], output, error, _db.Time);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void AccountsCreate_Customer_PrintsTheAccount()
    {
        var run = _db.Run("accounts", "create", "--name", "Flower shop", "--currency", "usd", "--tariff", "3,33");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Created: #1 Flower shop (customer): balance 0.00 USD, tariff 3.33 USD a day", run.Output.Trim());
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Command_OnADatabaseThatDoesNotExist_RefusedAndNothingMade()
    {
        var typo = _db.PathOf(Path.Combine("no-such-folder", "billnig.db"));

        var (code, output, error) = RunOn(typo, "accounts", "list");

        Assert.Equal(OperatorCommandLine.BadInput, code);
        Assert.Empty(output);
        Assert.Contains($"{typo} does not exist", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(typo)));
    }

    [Fact]
    public void AccountsCreate_OnANewDatabase_SaysItIsCreatingItOnce()
    {
        var fresh = _db.PathOf("fresh.db");

        var first = RunOn(fresh, "accounts", "create", "--name", "Shop", "--currency", "USD", "--tariff", "1");
        var second = RunOn(fresh, "accounts", "create", "--name", "Shop 2", "--currency", "USD", "--tariff", "1");

        Assert.Equal(0, first.Code);
        Assert.Equal($"Creating a new database at {fresh}.", Lines(first.Output)[0]);
        Assert.Equal(0, second.Code);
        Assert.DoesNotContain("Creating", second.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(fresh));
    }

    [Fact]
    public void AccountsCreate_AgencyAndClient_LinksTheClient()
    {
        var agency = _db.CreateAccount("RUB", "0", "Agency", "--kind", "agency");

        var client = _db.Json("accounts", "create", "--name", "Client", "--currency", "RUB", "--tariff", "100", "--agency", $"{agency}", "--time-zone", "Europe/Moscow");

        Assert.Equal("agency", _db.Json("accounts", "show", $"{agency}").GetProperty("account").GetProperty("kind").GetString());
        Assert.Equal(agency, client.GetProperty("agencyId").GetInt32());
        Assert.Equal("customer", client.GetProperty("kind").GetString());
        Assert.Equal("Europe/Moscow", client.GetProperty("timeZone").GetString());
    }

    [Fact]
    public void AccountsList_TwoAccounts_OneLineEach()
    {
        _db.CreateAccount(name: "First");
        _db.CreateAccount("RUB", "10", "Second");

        var run = _db.Run("accounts", "list");

        Assert.Equal(["#1 First (customer): balance 0.00 USD, tariff 3.33 USD a day", "#2 Second (customer): balance 0.00 RUB, tariff 10.00 RUB a day"], Lines(run.Output));
        Assert.Equal(2, _db.Json("accounts", "list").GetArrayLength());
    }

    [Fact]
    public void AccountsShow_NoChargesYet_RecommendsFromTheTariff()
    {
        var id = _db.CreateAccount(tariff: "3.33");

        var forecast = _db.Json("accounts", "show", $"{id}").GetProperty("forecast");

        Assert.Equal(33.30m, forecast.GetProperty("tenDays").GetDecimal());
        Assert.Equal(99.90m, forecast.GetProperty("thirtyDays").GetDecimal());
        Assert.True(forecast.GetProperty("fromTariff").GetBoolean());
    }

    [Fact]
    public void AccountsShow_WorkedExample2_RecommendsTenAndThirtyDaysOfTheLargestCharge()
    {
        var id = _db.CreateAccount(tariff: "0");
        _db.Run("charges", "post", $"{id}", "--date", "2022-09-25", "--amount", "3.33");
        _db.Run("charges", "post", $"{id}", "--date", "2022-09-26", "--amount", "3.33");
        _db.Run("charges", "post", $"{id}", "--date", "2022-09-27", "--amount", "5.58");

        var run = _db.Run("accounts", "show", $"{id}");

        Assert.Contains("Recommended top-up: 55.80 USD for 10 days, 167.40 USD for 30 days", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountsShow_WorkedExample3_SaysHowLongTheMoneyLasts()
    {
        // Seven days at 4.09 USD and 155.46 USD left: about 38 days, until 6 November.
        using var db = new CliFixture(new DateTimeOffset(2022, 9, 28, 10, 0, 0, TimeSpan.Zero));
        var id = db.CreateAccount(tariff: "0");
        db.Run("payments", "record", "--account", $"{id}", "--amount", "184.09", "--payment-id", "bank-1");
        for (var day = 22; day <= 28; day++)
        {
            db.Run("charges", "post", $"{id}", "--date", $"2022-09-{day}", "--amount", "4.09");
        }

        db.Time.SetUtcNow(new DateTimeOffset(2022, 9, 29, 10, 0, 0, TimeSpan.Zero));
        var run = db.Run("accounts", "show", $"{id}");

        Assert.Contains("Balance: 155.46 USD", run.Output, StringComparison.Ordinal);
        Assert.Contains("Money lasts about 38 days, until 2022-11-06 (average charge 4.09 USD a day)", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void TariffSet_NewTariff_IsChargedByTheNextAccrual()
    {
        var id = _db.CreateAccount(tariff: "3.33");

        var run = _db.Run("tariff", "set", $"{id}", "5");
        _db.Run("accrue", "--through", "2022-09-28");

        Assert.Equal("Account #1: daily tariff is now 5.00 USD.", run.Output.Trim());
        Assert.Equal(-5m, _db.Json("accounts", "show", $"{id}").GetProperty("account").GetProperty("balance").GetDecimal());
    }

    public void Dispose() => _db.Dispose();

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void AccountsSet_NameZoneAndAlert_PrintsTheAccountAsChanged()
    {
        _db.Run("accounts", "create", "--name", "Shop", "--currency", "RUB", "--tariff", "10");

        var run = _db.Run("accounts", "set", "1", "--name", "Flower shop", "--time-zone", "moscow", "--low-balance-days", "3", "--low-balance-money", "500");
        var off = _db.Run("accounts", "set", "1", "--low-balance-money", "off");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Account #1 Flower shop: time zone Europe/Moscow; low-balance alert at fewer than 3 days left (0 is off) or a balance of 500.00 RUB.", run.Output.Trim());
        Assert.EndsWith("or a balance of no amount set.", off.Output.Trim(), StringComparison.Ordinal);
        Assert.Contains("Flower shop", _db.Run("accounts", "list").Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "accounts", "set", "1" }, "Say what to change: --name, --time-zone, --low-balance-days or --low-balance-money.")]
    [InlineData(new[] { "accounts", "set", "1", "--time-zone", "Mars/Olympus" }, "Mars/Olympus")]
    [InlineData(new[] { "accounts", "set", "1", "--low-balance-money", "lots" }, "lots")]
    [InlineData(new[] { "accounts", "set", "9", "--name", "X" }, "There is no account 9.")]
    public void AccountsSet_BadInput_OneLineAndNothingChanged(string[] args, string message)
    {
        _db.Run("accounts", "create", "--name", "Shop", "--currency", "RUB", "--tariff", "10");

        var run = _db.Run(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(message, run.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("#1 Shop (customer)", _db.Run("accounts", "list").Output, StringComparison.Ordinal);
    }
}
