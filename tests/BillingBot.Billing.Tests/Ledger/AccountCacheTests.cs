using BillingBot.Billing.Accounts;
using BillingBot.Billing.Members;

namespace BillingBot.Billing.Tests.Ledger;

/// <summary>Accounts are read through what was last committed: a write rolled back, or not yet committed, is never read elsewhere.</summary>
public sealed class AccountCacheTests : IDisposable
{
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Payment_InABatchRolledBack_NotInTheBalanceReadAfter()
    {
        var shop = _f.Customer();
        _f.Pay(shop, 10m);
        Assert.Equal(10m, _f.Balance(shop.Id));

        var batch = _f.Store.TryWriteAll<bool>([() =>
        {
            _f.Pay(shop, 40m);
            Assert.Equal(50m, _f.Balance(shop.Id));
            throw new InvalidOperationException("another unit fails");
        }]);

        Assert.Null(batch);
        Assert.Equal(10m, _f.Balance(shop.Id));
        Assert.Equal(10m, _f.Store.Read(() => _f.Store.Accounts.FindById(shop.Id).Balance));
    }

    [Fact]
    public void Account_MadeInATransactionRolledBack_NeverReadForTheNextOne()
    {
        Assert.Null(_f.Store.TryWriteAll<bool>([() =>
        {
            var ghost = _f.Billing.Accounts.Create(new NewAccount("Ghost", "USD", 1m));
            Assert.Equal("Ghost", _f.Billing.Accounts.Get(ghost.Id).Name);
            throw new InvalidOperationException("the batch fails");
        }]));

        var shop = _f.Billing.Accounts.Create(new NewAccount("Real shop", "USD", 1m));

        Assert.Equal("Real shop", _f.Billing.Accounts.Get(shop.Id).Name);
        Assert.DoesNotContain(_f.Billing.Accounts.List(), a => a.Name == "Ghost");
    }

    [Fact]
    public void Promise_TakenInABatchRolledBack_NeitherOwedNorRepaidAfter()
    {
        var shop = PaidWithNoPromises();

        Assert.Null(_f.Store.TryWriteAll<bool>([() =>
        {
            _f.Billing.Promises.Take(shop.Id, 10m, "ghost");
            Assert.Single(_f.Billing.Promises.Offer(shop.Id).Unsettled);
            throw new InvalidOperationException("the batch fails");
        }]));
        _f.SetDay(new DateOnly(2022, 10, 29));
        _f.Pay(shop, 20m);

        Assert.Empty(_f.Billing.Promises.Offer(shop.Id).Unsettled);
        Assert.Equal(50m - 5.58m + 20m, _f.Balance(shop.Id));
        Assert.Equal(_f.SumOfEntries(shop.Id), _f.Balance(shop.Id));
    }

    [Fact]
    public void Promise_TakenAfterItsAccountsDebtWasRead_RepaidFromTheNextPaymentOnceOverdue()
    {
        var shop = PaidWithNoPromises();
        var promise = _f.Billing.Promises.Take(shop.Id, 10m, "taken");

        _f.SetDay(promise.DueOn.AddDays(1));
        _f.Pay(shop, 20m);

        Assert.Empty(_f.Billing.Promises.Offer(shop.Id).Unsettled);
        Assert.Equal(50m - 5.58m + 20m, _f.Balance(shop.Id));
    }

    [Fact]
    public void Accrual_OfAnAccountReadBefore_ReadWithItsCharges()
    {
        var shop = _f.Customer(tariff: 3.33m);
        _f.Pay(shop, 100m);
        Assert.Equal(100m, _f.Balance(shop.Id));
        _f.Time.Advance(TimeSpan.FromDays(3));

        var result = _f.Billing.Charges.Accrue();

        Assert.True(result.Charges > 0);
        Assert.Equal(100m - (result.Charges * 3.33m), _f.Balance(shop.Id));
        Assert.Equal(_f.SumOfEntries(shop.Id), _f.Balance(shop.Id));
    }

    [Fact]
    public void TwoServicesOverOneStore_EachReadsWhatTheOtherWrote()
    {
        var shop = _f.Customer();
        var other = new BillingService(_f.Store, _f.Time, _f.Settings);
        Assert.Equal(0m, other.Accounts.Get(shop.Id).Balance);
        Assert.Empty(other.Members.AccountsOf(77));

        _f.Pay(shop, 25m);
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(shop.Id, Role.Owner), 77);

        Assert.Equal(25m, other.Accounts.Get(shop.Id).Balance);
        Assert.Single(other.Members.AccountsOf(77));
    }

    /// <summary>A shop that paid and was charged (so it may take a promised payment), its debt read once: none.</summary>
    private Account PaidWithNoPromises()
    {
        var shop = _f.Customer(tariff: 3.33m);
        _f.SetDay(new DateOnly(2022, 9, 29));
        _f.Pay(shop, 50m);
        _f.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 28), 5.58m);
        Assert.Empty(_f.Billing.Promises.Offer(shop.Id).Unsettled);
        return _f.Billing.Accounts.Get(shop.Id);
    }
}
