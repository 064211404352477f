using BillingBot.Billing.Members;
using BillingBot.Cli;

namespace BillingBot.Tests.Cli;

public sealed class AccountImportTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Fact]
    public void AccountsImport_AgencyClientsAndCodes_CreatesEachAccountAndOneCodePerNewAccount()
    {
        var existingAgency = _db.CreateAccount("RUB", "0", "Old agency", "--kind", "agency");
        var csv = Write("accounts.csv", $"""
            name,currency,tariff,agency,external_id,kind
            Agency,RUB,0,,ag-1,agency
            Client of the file's agency,RUB,"100,50",ag-1,c-1,
            Client of an existing agency,RUB,1 000,{existingAgency},c-2,
            Plain shop,usd,3.33,,c-3,
            """);

        var result = _db.Json("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv"));

        Assert.Equal(4, result.GetProperty("created").GetInt32());
        var accounts = _db.Json("accounts", "list").EnumerateArray().ToDictionary(a => a.GetProperty("externalId").GetString() ?? "", a => a);
        Assert.Equal("agency", accounts["ag-1"].GetProperty("kind").GetString());
        Assert.Equal(accounts["ag-1"].GetProperty("id").GetInt32(), accounts["c-1"].GetProperty("agencyId").GetInt32());
        Assert.Equal(100.50m, accounts["c-1"].GetProperty("dailyTariff").GetDecimal());
        Assert.Equal(existingAgency, accounts["c-2"].GetProperty("agencyId").GetInt32());
        Assert.Equal(1000m, accounts["c-2"].GetProperty("dailyTariff").GetDecimal());
        Assert.Equal("USD", accounts["c-3"].GetProperty("currency").GetString());

        var codes = AccountCommandsTests.Lines(File.ReadAllText(_db.PathOf("codes.csv")));
        Assert.Equal("external_id,account_id,code", codes[0]);
        Assert.Equal(5, codes.Length);
        var c3 = codes.Single(l => l.StartsWith("c-3,", StringComparison.Ordinal)).Split(',');
        var membership = _db.WithBilling(b => b.Members.Redeem(c3[2], userId: 42));
        Assert.Equal((int.Parse(c3[1], System.Globalization.CultureInfo.InvariantCulture), Role.Owner), (membership.AccountId, membership.Role));
    }

    [Fact]
    public void AccountsImport_ClientNamingAnAgencyOfAnEarlierImport_JoinsThatAgency()
    {
        _db.Run("accounts", "import", Write("agencies.csv", "name,currency,tariff,agency,external_id,kind\nShop first,RUB,1,,s-0,\nAgency,RUB,0,,ag-7,agency\n"));

        var result = _db.Json("accounts", "import", Write("clients.csv", "name,currency,tariff,agency,external_id\nClient,RUB,2,ag-7,c-7\n"));

        Assert.Equal(1, result.GetProperty("created").GetInt32());
        var accounts = _db.Json("accounts", "list").EnumerateArray().ToDictionary(a => a.GetProperty("externalId").GetString() ?? "", a => a);
        Assert.Equal(accounts["ag-7"].GetProperty("id").GetInt32(), accounts["c-7"].GetProperty("agencyId").GetInt32());
    }

    [Fact]
    public void AccountsImport_SameFileAgain_CreatesNothingAndWritesNoCodes()
    {
        var csv = Write("accounts.csv", "name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\nOther,USD,2,,x-2\n");
        _db.Run("accounts", "import", csv);

        var again = _db.Json("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv"));

        Assert.Equal((0, 2), (again.GetProperty("created").GetInt32(), again.GetProperty("existing").GetInt32()));
        Assert.Equal(2, _db.Json("accounts", "list").GetArrayLength());
        Assert.Equal(["external_id,account_id,code"], AccountCommandsTests.Lines(File.ReadAllText(_db.PathOf("codes.csv"))));
    }

    [Fact]
    public void AccountsImport_TextOutput_SaysWhatWasImported()
    {
        var csv = Write("accounts.csv", "name;currency;tariff;agency;external_id\nShop;USD;1;;x-1\n");

        var run = _db.Run("accounts", "import", csv);

        Assert.Equal("Imported 1 row: 1 new account, 0 already there.", run.Output.Trim());
    }

    [Theory]
    [InlineData("name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\nBad,XXX,1,,x-2\n", "line 3", "'XXX' is not a supported currency")]
    [InlineData("name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\nBad,USD,1.005,,x-2\n", "line 3", "too precise")]
    [InlineData("name,currency,tariff,agency,external_id\nShop,USD,one,,x-1\n", "line 2", "'one' is not an amount")]
    [InlineData("name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\nTwin,USD,1,,x-1\n", "line 3", "appears more than once")]
    [InlineData("name,currency,tariff,agency,external_id\nShop,USD,1,nobody,x-1\n", "line 2", "no agency has the id or external id 'nobody'")]
    [InlineData("name,currency,tariff,agency,external_id\nShop,USD,1,,\n", "line 2", "external_id is empty")]
    [InlineData("name,currency,external_id\nShop,USD,x-1\n", "accounts.csv", "must name the columns")]
    public void AccountsImport_BadFile_OneLineAndNothingImported(string content, string where, string why)
    {
        var csv = Write("accounts.csv", content);

        var run = _db.Run("accounts", "import", csv);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(where, run.ErrorLine, StringComparison.Ordinal);
        Assert.Contains(why, run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(0, _db.Json("accounts", "list").GetArrayLength());
    }

    [Fact]
    public void AccountsImport_TimeZoneColumn_AsAPersonTypesIt_StoredAsItsIanaId_AndAnUnknownOneRefusesItsRow()
    {
        var good = Write("zones.csv", "name,currency,tariff,agency,external_id,time_zone\nShop,RUB,1,,z-1,Новосибирск\nCafe,EUR,1,,z-2,europe/berlin\nKiosk,USD,1,,z-3,\n");
        var bad = Write("bad-zones.csv", "name,currency,tariff,agency,external_id,time_zone\nShop,RUB,1,,b-1,Atlantis\n");

        var run = _db.Run("accounts", "import", good);
        var refused = _db.Run("accounts", "import", bad);

        Assert.True(run.ExitCode == 0, run.Error);
        var zones = _db.WithBilling(b => b.Accounts.List().ToDictionary(a => a.ExternalId!, a => a.TimeZone));
        Assert.Equal("Asia/Novosibirsk", zones["z-1"]);
        Assert.Equal("Europe/Berlin", zones["z-2"]);
        Assert.Equal(new BillingBot.Billing.AccountOptions().DefaultTimeZone, zones["z-3"]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("bad-zones.csv, line 2: 'Atlantis' is not a known time zone (for example Moscow, Europe/Berlin, UTC+3).", refused.ErrorLine);
        Assert.False(zones.ContainsKey("b-1"));
    }

    [Fact]
    public void AccountsImport_SeveralBadRows_EachOnALineOfItsOwnInOnePass_AndNothingImported()
    {
        var csv = Write("accounts.csv", string.Join('\n',
            "name,currency,tariff,agency,external_id",
            "Shop,USD,1,,x-1",
            "Short,USD,1",
            "Client,USD,1,nobody,x-3",
            "Bad,XXX,1,,x-4",
            "Good,USD,1,,x-5",
            "\"Open,USD,1,,x-6") + "\n");

        var run = _db.Run("accounts", "import", csv);

        Assert.Equal(2, run.ExitCode);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(
            [
                "accounts.csv, line 3: 3 fields, 5 expected.",
                "accounts.csv, line 4: no agency has the id or external id 'nobody'.",
                "accounts.csv, line 5: 'XXX' is not a supported currency code (for example USD, EUR, RUB).",
                "accounts.csv, line 7: a quote is opened and never closed.",
                "accounts.csv: nothing was imported; rows to correct: 4.",
            ],
            lines);
        Assert.Empty(run.Output);
        Assert.Equal(0, _db.Json("accounts", "list").GetArrayLength());
    }

    [Fact]
    public void AccountsImport_ClientOfACustomer_RefusedAndNothingImported()
    {
        var shop = _db.CreateAccount();
        var csv = Write("accounts.csv", $"name,currency,tariff,agency,external_id\nA,USD,1,,x-1\nB,USD,1,{shop},x-2\n");

        var run = _db.Run("accounts", "import", csv);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Account #{shop} Shop is a customer, not an agency", run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(1, _db.Json("accounts", "list").GetArrayLength());
    }

    [Fact]
    public void AccountsImport_ClientOfAnAgencyInTheFileRefused_NothingImportedAndNoCodesFileLeft()
    {
        var csv = Write("accounts.csv", "name,currency,tariff,agency,external_id,kind\nAgency,RUB,0,,ag-1,agency\nClient,USD,1,ag-1,c-1,customer\n");

        var run = _db.Run("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("accounts.csv: nothing imported. The currency must be RUB, not USD.", run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(0, _db.Json("accounts", "list").GetArrayLength());
        Assert.False(File.Exists(_db.PathOf("codes.csv")));
    }

    [Fact]
    public void AccountsImport_CodesFileCannotBeWritten_OneLineAndNothingImported()
    {
        var csv = Write("accounts.csv", "name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\n");
        var notAFolder = Write("notes.txt", "a file, not a folder");

        var run = _db.Run("accounts", "import", csv, "--codes-out", Path.Combine(notAFolder, "codes.csv"));
        var folder = _db.Run("accounts", "import", csv, "--codes-out", _db.Folder);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Cannot write " + Path.Combine(notAFolder, "codes.csv"), run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(2, folder.ExitCode);
        Assert.Contains("already exists", folder.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(0, _db.Json("accounts", "list").GetArrayLength());
    }

    [Fact]
    public void AccountsImport_MissingFile_OneLine()
    {
        var run = _db.Run("accounts", "import", _db.PathOf("nowhere.csv"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("File not found:", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountsImport_CodesFileExists_RefusedBeforeImporting()
    {
        var csv = Write("accounts.csv", "name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\n");
        var codes = Write("codes.csv", "earlier codes");

        var run = _db.Run("accounts", "import", csv, "--codes-out", codes);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already exists", run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal("earlier codes", File.ReadAllText(codes));
        Assert.Equal(0, _db.Json("accounts", "list").GetArrayLength());
    }

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData("=1+2")]
    [InlineData("@cmd")]
    [InlineData("+x")]
    [InlineData("-x")]
    public void AccountsImport_ExternalIdThatLooksLikeAFormula_EscapedInTheCodesFile(string externalId)
    {
        var csv = Write("accounts.csv", $"""
            name,currency,tariff,agency,external_id,kind
            Shop,USD,1,,{externalId},
            """);

        _db.Json("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv"));

        var row = AccountCommandsTests.Lines(File.ReadAllText(_db.PathOf("codes.csv")))[1];
        Assert.StartsWith($"\"'{externalId}\",", row, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountsImport_HugeFieldRefused_TheLineQuotesItCut()
    {
        var huge = new string('9', 20_000_000) + "x";
        var csv = Write("accounts.csv", "name,currency,tariff,agency,external_id\nShop,USD," + huge + ",,c-1\n");

        var run = _db.Run("accounts", "import", csv);

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Error.Length < 400, $"{run.Error.Length} characters");
        Assert.Contains("…", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountsCreate_HugeName_RefusedInOneShortLine()
    {
        var run = _db.Run("accounts", "create", "--name", new string('n', 1_000_000), "--currency", "USD", "--tariff", "1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.True(run.Error.Length < 400, $"{run.Error.Length} characters");
        Assert.Contains("…", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void InviteMissingOwners_AfterAnImportWhoseCodesWereLost_FreshCodesForTheAccountsNoOneOwns()
    {
        _db.Run("accounts", "import", Write("accounts.csv", "name,currency,tariff,agency,external_id\nFirst,USD,1,,x-1\nSecond,USD,1,,x-2\nThird,USD,1,,x-3\n"));
        var first = _db.WithBilling(b => b.Accounts.IdsByExternalId(["x-1"])["x-1"]);
        var owner = _db.Json("invite", $"{first}", "--role", "owner").GetProperty("code").GetString()!;
        _db.WithBilling(b => b.Members.Redeem(owner, userId: 7));

        var run = _db.Run("invite", "--missing-owners", "--codes-out", _db.PathOf("fresh.csv"));
        var again = _db.Run("invite", "--missing-owners", "--codes-out", _db.PathOf("fresh.csv"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"2 owner invitation codes written to {_db.PathOf("fresh.csv")}.", run.Output.Trim());
        var rows = AccountCommandsTests.Lines(File.ReadAllText(_db.PathOf("fresh.csv")))[1..].Select(l => l.Split(',')).ToList();
        Assert.Equal(["x-2", "x-3"], rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            var membership = _db.WithBilling(b => b.Members.Redeem(row[2], userId: 100 + int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal((int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), Role.Owner), (membership.AccountId, membership.Role));
        }

        // Codes are shown once: an earlier file is never written over.
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("exists", again.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(_db.WithBilling(b => b.Members.AccountsWithoutOwner()));
    }

    [Theory]
    [InlineData("invite")]
    [InlineData("invite", "--missing-owners")]
    [InlineData("invite", "1", "--missing-owners", "--codes-out", "x.csv")]
    [InlineData("invite", "1")]
    public void Invite_NeitherAnAccountNorMissingOwners_OneLineSaysWhatToGive(params string[] args)
    {
        _db.CreateAccount();

        var run = _db.Run(args);

        Assert.Equal(OperatorCommandLine.BadInput, run.ExitCode);
        Assert.Contains("--missing-owners", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void AccountsImport_CodesPathNotWritable_RefusedBeforeAnythingIsStored_NothingLeftBehind()
    {
        var csv = Write("accounts.csv", "name,currency,tariff,agency,external_id\nShop,USD,1,,x-1\n");
        Directory.CreateDirectory(_db.PathOf("codes.csv.probe"));

        var run = _db.Run("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(_db.WithBilling(b => b.Accounts.List()));
        Assert.False(File.Exists(_db.PathOf("codes.csv")));
        Directory.Delete(_db.PathOf("codes.csv.probe"));
        Assert.Equal(0, _db.Run("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv")).ExitCode);
        Assert.Equal(2, AccountCommandsTests.Lines(File.ReadAllText(_db.PathOf("codes.csv"))).Length);
    }

    private string Write(string name, string content)
    {
        File.WriteAllText(_db.PathOf(name), content);
        return _db.PathOf(name);
    }

    [Fact]
    public void Import_BotUsernameKnown_CodesCarryTheLinkThatOpensTheBot()
    {
        _db.Run("accounts", "create", "--name", "Seed", "--currency", "USD", "--tariff", "0");
        // As a bot with a token leaves it in the store at its start (getMe).
        _db.WithBilling(b =>
        {
            new BillingBot.Chat.BotIdentity(b.Store).Remember("flowers_bot");
            return 0;
        });
        var csv = _db.PathOf("import.csv");
        File.WriteAllText(csv, "name,currency,tariff,agency,external_id\nShop,USD,1,,s-1\n");

        _db.Run("accounts", "import", csv, "--codes-out", _db.PathOf("codes.csv"));

        var codes = AccountCommandsTests.Lines(File.ReadAllText(_db.PathOf("codes.csv")));
        Assert.Equal("external_id,account_id,code,link", codes[0]);
        var row = codes[1].Split(',');
        Assert.Equal($"https://t.me/flowers_bot?start={row[2]}", row[3]);
    }
}
