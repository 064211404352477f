namespace BillingBot.Tests.Cli;

/// <summary>Bad input of every kind: exit code 2, one line on stderr saying why, and nothing changed.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CliFixture _db = new();

    public BadInputTests()
    {
        // #1 a USD shop with money and an unpaid invoice, #2 a RUB agency.
        _db.CreateAccount("USD", "3.33", "Shop");
        _db.CreateAccount("RUB", "0", "Agency", "--kind", "agency");
        _db.Run("payments", "record", "--account", "1", "--amount", "100", "--payment-id", "bank-1");
        _db.Run("invoices", "issue", "1", "--amount", "50");
    }

    public static TheoryData<string[], string> Cases => new()
    {
        { ["payments", "record", "--account", "1", "--amount", "-5", "--payment-id", "p"], "The amount must be greater than zero, not -5." },
        { ["invoices", "issue", "1", "--amount", "0"], "The amount must be greater than zero, not 0." },
        { ["charges", "post", "1", "--date", "2022-09-28", "--amount", "1.005"], "1.005 is too precise for USD: at most 2 digits after the point." },
        { ["promised", "take", "1", "--amount", "0,001"], "0.001 is too precise for USD" },
        { ["payments", "record", "--account", "1", "--amount", "100000001", "--payment-id", "p"], "100000001.00 USD is more than one operation may move (100000000.00 USD)." },
        { ["invoices", "issue", "1", "--amount", "2 000 000"], "An invoice can be at most 1000000.00 USD, not 2000000.00 USD." },
        { ["invoices", "issue", "1", "--amount", "0.5"], "An invoice must be at least 1.00 USD, not 0.50 USD." },
        { ["accounts", "show", "99"], "There is no account 99." },
        { ["history", "42"], "There is no account 42." },
        { ["tariff", "set", "7", "1"], "There is no account 7." },
        { ["invoices", "cancel", "NOPE0-NOPE0"], "There is no invoice NOPE0-NOPE0." },
        { ["payments", "record", "--invoice", "NOPE0-NOPE0", "--amount", "5", "--payment-id", "p"], "There is no invoice NOPE0-NOPE0." },
        { ["payments", "record", "--account", "1", "--amount", "7", "--payment-id", "bank-1"], "'bank-1' was already used for a different operation; nothing was changed." },
        { ["accounts", "create", "--name", "Client", "--currency", "USD", "--tariff", "1", "--agency", "2"], "The currency must be RUB, not USD." },
        { ["accounts", "create", "--name", "Client", "--currency", "RUB", "--tariff", "1", "--agency", "1"], "Account #1 Shop is a customer, not an agency: a client can belong only to an agency." },
        { ["accounts", "create", "--name", "Sub", "--currency", "RUB", "--tariff", "0", "--kind", "agency", "--agency", "2"], "An agency cannot be the client of another agency." },
        { ["accounts", "create", "--name", "X", "--currency", "XYZ", "--tariff", "1"], "'XYZ' is not a supported currency code" },
        { ["accounts", "create", "--name", "X", "--currency", "USD", "--tariff", "1", "--time-zone", "Mars/Base"], "'Mars/Base' is not a known time zone" },
        { ["accounts", "create", "--name", " ", "--currency", "USD", "--tariff", "1"], "cannot be used as a name" },
        { ["accounts", "create", "--name", "X", "--currency", "USD", "--tariff", "1", "--kind", "boss"], "'boss' is not one of: customer, agency." },
        { ["accounts", "create", "--name", "X", "--currency", "USD"], "Option '--tariff' is required." },
        { ["charges", "post", "1", "--date", "28.09.2022", "--amount", "5"], "'28.09.2022' is not a date: write it as YYYY-MM-DD." },
        { ["accrue", "--through", "2022-02-30"], "'2022-02-30' is not a date" },
        { ["payments", "record", "--account", "1", "--amount", "5", "--payment-id", " "], "A payment needs its payment id: the reference the payment system gave it." },
        { ["accrue", "--through", "2032-09-28"], "A charge is for a day that has begun; 2032-09-28 has not." },
        { ["charges", "post", "1", "--date", "2022-09-28", "--amount", "12abc"], "'12abc' is not an amount: write it like 100, 100.50, 100,50 or 1 000." },
        { ["charges", "post", "1", "--date", "2022-09-28", "--amount", "1,000.50"], "'1,000.50' is not an amount" },
        { ["accounts", "show", "abc"], "'abc' is not an id: write a whole number above zero." },
        { ["accounts", "show", "0"], "'0' is not an id" },
        { ["history", "1", "--page", "0"], "'0' is not a page number" },
        { ["invite", "1", "--role", "admin"], "'admin' is not one of: owner, manager." },
        { ["transfer", "--from", "1", "--to", "2", "--amount", "5"], "Account 1 is not a client of agency 2." },
        { ["promised", "repay", "1"], "Account 1 has no promised payment to repay." },
        { ["autotopup", "set", "1", "--amount", "5", "--threshold", "0", "--limit", "10", "--period", "day"], "Account 1 is not a client of any agency." },
        { ["frobnicate"], "Unrecognized command or argument 'frobnicate'." },
        { ["accounts"], "Required command was not provided." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_BadInput_OneLineExitTwoNothingChanged(string[] args, string message)
    {
        var before = _db.Snapshot();

        var run = _db.Run(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.ErrorLine, StringComparison.Ordinal);
        Assert.DoesNotContain("{", run.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Equal(before, _db.Snapshot());
    }

    [Theory]
    [InlineData(4_000)]
    [InlineData(135_000)]
    public void Run_DbNamesAFileThatIsNotADatabase_OneLineAndTheFileLeftAsItWas(int size)
    {
        var path = _db.PathOf("customers.csv");
        var text = string.Concat(Enumerable.Repeat("name,currency,tariff,agency,external_id\nShop,USD,3.33,,x1\n", (size / 50) + 1))[..size];
        File.WriteAllText(path, text);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = BillingBot.Cli.OperatorCommandLine.Run(["--db", path, "accounts", "list"], output, error, _db.Time);

        Assert.Equal(2, code);
        Assert.Equal($"{path} is not a BillingBot database; it was left as it was.", new CliResult(code, output.ToString(), error.ToString()).ErrorLine);
        Assert.Equal(text, File.ReadAllText(path));
        Assert.False(File.Exists(_db.PathOf("customers-log.csv")));
    }

    public static TheoryData<string[], string, int, int> JsonRefusals => new()
    {
        { ["accounts", "show", "99"], "UnknownAccount", 404, 2 },
        { ["accounts", "import", "missing.csv"], "InvalidInput", 400, 2 },
        { ["statement", "1", "--month", "2022-09", "--out", "nowhere/statement.pdf"], "InvalidInput", 400, 2 },
        { ["accounts", "frobnicate"], "InvalidArguments", 400, 2 },
    };

    [Theory]
    [MemberData(nameof(JsonRefusals))]
    public void Json_EveryRefusal_IsTheOperatorApisProblem_WithItsCodeAndStatus(string[] args, string code, int status, int exit)
    {
        var before = _db.Snapshot();

        var run = _db.Run([.. args, "--json"]);

        Assert.Equal(exit, run.ExitCode);
        Assert.Empty(run.Output);
        using var problem = System.Text.Json.JsonDocument.Parse(run.Error);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(code, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal($"urn:billingbot:problem:{code}", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(before, _db.Snapshot());
    }

    [Fact]
    public void Json_ADatabaseInUse_IsAProblemToo()
    {
        using var held = BillingBot.Billing.Storage.StoreLock.Take(_db.DbPath);

        var run = _db.Run("accounts", "list", "--json");

        Assert.Equal(1, run.ExitCode);
        using var problem = System.Text.Json.JsonDocument.Parse(run.Error);
        Assert.Equal("StoreInUse", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
    }

    public void Dispose() => _db.Dispose();
}
