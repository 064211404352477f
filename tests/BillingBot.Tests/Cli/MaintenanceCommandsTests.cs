using BillingBot.Billing;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Cli;

namespace BillingBot.Tests.Cli;

public sealed class MaintenanceCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Fact]
    public void Invite_Manager_PrintsACodeThatWorksOnce()
    {
        var id = _db.CreateAccount();

        var run = _db.Run("invite", $"{id}", "--role", "manager");

        Assert.StartsWith("Invitation code for account #1 (manager), single use, valid until 2022-10-01 10:00 UTC: ", run.Output, StringComparison.Ordinal);
        var code = run.Output.Trim().Split(' ')[^1];
        var membership = _db.WithBilling(b => b.Members.Redeem(code, userId: 7));
        Assert.Equal((id, Role.Manager), (membership.AccountId, membership.Role));
        var again = Assert.Throws<BillingException>(() => _db.WithBilling(b => b.Members.Redeem(code, userId: 8)));
        Assert.Equal(BillingError.InvalidInvitation, again.Error);
    }

    [Fact]
    public void Check_SoundStore_SaysSoAndExitsZero()
    {
        var shop = _db.CreateAccount();
        _db.Run("payments", "record", "--account", $"{shop}", "--amount", "155.46", "--payment-id", "bank-1");
        _db.Run("charges", "post", $"{shop}", "--date", "2022-09-27", "--amount", "3.33");

        var run = _db.Run("check");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Checked 1 accounts and ", run.Output, StringComparison.Ordinal);
        Assert.Contains("every balance is the sum of its entries", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ABalanceThatIsNotTheSumOfItsEntries_NamedAndExitOne()
    {
        var shop = _db.CreateAccount();
        var other = _db.CreateAccount(name: "Other");
        _db.Run("payments", "record", "--account", $"{shop}", "--amount", "100", "--payment-id", "bank-1");
        // A balance changed behind the ledger's back, as a damaged or hand-edited file would have it.
        _db.WithBilling(b =>
        {
            var accounts = b.Store.Collection<BillingBot.Billing.Accounts.Account>("accounts");
            b.Store.Write(() => accounts.Update(accounts.FindById(shop) with { Balance = 90m }));
            return true;
        });

        var run = _db.Run("check");
        var json = _db.Run("check", "--json");

        Assert.Equal(OperatorCommandLine.Failed, run.ExitCode);
        Assert.Contains($"Account #{shop}: balance 90, but its entries add up to 100", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain($"Account #{other}:", run.Output, StringComparison.Ordinal);
        var mismatch = Assert.Single(System.Text.Json.JsonDocument.Parse(json.Output).RootElement.GetProperty("mismatches").EnumerateArray());
        Assert.Equal(100m, mismatch.GetProperty("sumOfEntries").GetDecimal());
    }

    [Fact]
    public void Backup_ToAFolder_CopyHasTheSameAccounts()
    {
        var shop = _db.CreateAccount();
        var agency = _db.CreateAccount("RUB", "0", "Agency", "--kind", "agency");
        _db.Run("payments", "record", "--account", $"{shop}", "--amount", "155.46", "--payment-id", "bank-1");
        var expected = _db.Run("accounts", "list").Output;

        Directory.CreateDirectory(_db.PathOf("copies"));
        var run = _db.Json("backup", _db.PathOf("copies/backup.db"));

        Assert.Equal(_db.PathOf("copies/backup.db"), run.GetProperty("backup").GetString());
        Assert.False(File.Exists(_db.PathOf("copies/backup-log.db")), "a backup is one file");
        using var copy = new CliFixture();
        File.Copy(_db.PathOf("copies/backup.db"), copy.DbPath, overwrite: true);
        Assert.Equal(expected, copy.Run("accounts", "list").Output);
        Assert.Equal(155.46m, copy.WithBilling(b => b.Accounts.Get(shop).Balance));
        Assert.Equal(agency, copy.WithBilling(b => b.Accounts.Get(agency).Id));
    }

    [Fact]
    public void AnyCommand_FileHeldByAnOwnerThatTakesNoCommands_RefusedInOneLineAndNothingWritten()
    {
        var shop = _db.CreateAccount();
        using var running = new BillingStore(_db.DbPath);

        var run = _db.Run("payments", "record", "--account", $"{shop}", "--amount", "1", "--payment-id", "bank-1");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{_db.DbPath} is in use by another process (another operator command, or a bot starting or stopping); try again in a moment.", run.ErrorLine);
        Assert.Equal(0m, new BillingService(running, _db.Time, new BillingSettings()).Accounts.Get(shop).Balance);
    }

    [Fact]
    public void Backup_OntoTheDatabaseItself_Refused()
    {
        _db.CreateAccount();

        var run = _db.Run("backup", _db.DbPath);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("The backup must be a file other than the database itself", run.ErrorLine, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
