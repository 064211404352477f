using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.Tests.Storage;

public sealed class BillingStoreTests : IDisposable
{
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Backup_WhileOpen_CopyHasSameAccountsAndBalances()
    {
        var account = _f.Customer();
        _f.Pay(account, 123.45m);
        var target = Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "backup", "copy.db");

        _f.Store.Backup(target);
        _f.Pay(account, 1m);

        using var copy = new BillingStore(target);
        var billing = new BillingService(copy, _f.Time, _f.Settings);
        Assert.Equal(123.45m, billing.Accounts.Get(account.Id).Balance);
        Assert.Single(billing.Accounts.List());
    }

    [Fact]
    public void Backup_OntoItself_Refused() =>
        Assert.Throws<ArgumentException>(() => _f.Store.Backup(_f.DbPath));

    [Fact]
    public void Write_Throws_NothingStored()
    {
        var account = _f.Customer();

        Assert.Throws<InvalidOperationException>(() => _f.Store.Write(() =>
        {
            _f.Store.Accounts.Update(account with { Balance = 1_000m });
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(0m, _f.Balance(account.Id));
    }

    [Fact]
    public void Open_SecondStoreOnSameFile_SeesTheOthersWrites()
    {
        var account = _f.Customer();
        using var other = new BillingStore(_f.DbPath);
        var otherBilling = new BillingService(other, _f.Time, _f.Settings);

        otherBilling.Invoices.Record(new IncomingPayment("p", 10m, AccountId: account.Id));
        _f.Pay(account, 5m);

        Assert.Equal(15m, _f.Balance(account.Id));
        Assert.Equal(15m, otherBilling.Accounts.Get(account.Id).Balance);
    }

    [Fact]
    public void Read_InsideAWrite_SeesItsWorkAndLeavesItToCommit()
    {
        var account = _f.Customer();

        var seen = _f.Store.Write(() =>
        {
            _f.Store.Accounts.Update(account with { Balance = 7m });
            return _f.Store.Read(() => _f.Store.Accounts.FindById(account.Id).Balance);
        });

        Assert.Equal(7m, seen);
        Assert.Equal(7m, _f.Balance(account.Id));
    }

    [Fact]
    public void Read_InsideARead_ReadsTheSameSnapshot() =>
        Assert.Equal(1, _f.Store.Read(() => _f.Store.Read(() => 1)));

    [Fact]
    public void Write_InsideARead_Refused()
    {
        var account = _f.Customer();

        Assert.Throws<InvalidOperationException>(() => _f.Store.Read(() => _f.Store.Write(() => _f.Store.Accounts.Update(account with { Balance = 7m }))));

        Assert.Equal(0m, _f.Balance(account.Id));
    }
}
