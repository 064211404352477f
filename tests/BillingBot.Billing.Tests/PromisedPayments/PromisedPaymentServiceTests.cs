using BillingBot.Billing.Accounts;
using BillingBot.Billing.Events;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.PromisedPayments;

namespace BillingBot.Billing.Tests.PromisedPayments;

public sealed class PromisedPaymentServiceTests : IDisposable
{
    private static readonly DateOnly Sep29 = new(2022, 9, 29);
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>An account that paid before and whose largest daily charge is 5.58 USD.</summary>
    private Account PayingCustomer()
    {
        var account = _f.Customer(tariff: 3.33m);
        _f.SetDay(Sep29);
        _f.Pay(account, 50m);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 27), 3.33m);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 28), 5.58m);
        return _f.Billing.Accounts.Get(account.Id);
    }

    [Fact]
    public void Take_Example4_CreditedAtOnceDueInSevenDays()
    {
        var account = PayingCustomer();

        var offer = _f.Billing.Promises.Offer(account.Id);
        var promise = _f.Billing.Promises.Take(account.Id, 100m, "take-1");

        Assert.True(offer.Available);
        Assert.Equal(167.40m, offer.MaxAmount);
        Assert.Equal((PromiseStatus.Open, Sep29.AddDays(7)), (promise.Status, promise.DueOn));
        Assert.Equal(account.Balance + 100m, _f.Balance(account.Id));
        Assert.Equal(EntryKind.PromisedPaymentCredit, _f.Entries(account.Id)[^1].Kind);
        Assert.Single(_f.Events(EventType.PromisedPaymentTaken));
        Assert.Equal([promise.Id], _f.Billing.Promises.Offer(account.Id).Unsettled.Select(p => p.Id));
    }

    [Fact]
    public void Take_SameKey_TakenOnce()
    {
        var account = PayingCustomer();

        _f.Billing.Promises.Take(account.Id, 100m, "k");
        _f.Billing.Promises.Take(account.Id, 100m, "k");

        Assert.Equal(account.Balance + 100m, _f.Balance(account.Id));
    }

    [Fact]
    public void Take_AboveLimitOrBadAmount_Refused()
    {
        var account = PayingCustomer();

        Assert.Equal(BillingError.PromisedPaymentAboveLimit, Assert.Throws<BillingException>(() => _f.Billing.Promises.Take(account.Id, 167.41m, "a")).Error);
        Assert.Equal(BillingError.AmountNotPositive, Assert.Throws<BillingException>(() => _f.Billing.Promises.Take(account.Id, 0m, "b")).Error);
        Assert.Equal(BillingError.AmountTooPrecise, Assert.Throws<BillingException>(() => _f.Billing.Promises.Take(account.Id, 1.005m, "c")).Error);
        Assert.Equal(account.Balance, _f.Balance(account.Id));
    }

    [Fact]
    public void Take_WhileOneOpen_Refused()
    {
        var account = PayingCustomer();
        _f.Billing.Promises.Take(account.Id, 10m, "a");

        var error = Assert.Throws<BillingException>(() => _f.Billing.Promises.Take(account.Id, 10m, "b"));

        Assert.Equal(BillingError.PromisedPaymentOpen, error.Error);
    }

    [Fact]
    public void Take_NeverPaid_Refused()
    {
        var account = _f.Customer();

        Assert.Equal(BillingError.PromisedPaymentNeedsPaidInvoice, _f.Billing.Promises.Offer(account.Id).Refusal);
        Assert.Equal(BillingError.PromisedPaymentNeedsPaidInvoice, Assert.Throws<BillingException>(() => _f.Billing.Promises.Take(account.Id, 10m, "a")).Error);
    }

    [Fact]
    public void Take_NeverPaidButRuleOff_Allowed()
    {
        using var f = new BillingFixture(new BillingSettings { PromisedPayments = new PromisedPaymentOptions { RequirePaidInvoice = false } });
        var account = f.Customer(tariff: 3.33m);

        Assert.Equal(99.90m, f.Billing.Promises.Offer(account.Id).MaxAmount);
        f.Billing.Promises.Take(account.Id, 99.90m, "a");
        Assert.Equal(99.90m, f.Balance(account.Id));
    }

    [Fact]
    public void Take_ThirdInOneMonth_Refused()
    {
        var account = PayingCustomer();
        _f.Billing.Promises.Take(account.Id, 10m, "a");
        _f.Billing.Promises.Repay(account.Id);
        _f.Billing.Promises.Take(account.Id, 10m, "b");
        _f.Billing.Promises.Repay(account.Id);

        Assert.Equal(BillingError.PromisedPaymentMonthlyLimit, Assert.Throws<BillingException>(() => _f.Billing.Promises.Take(account.Id, 10m, "c")).Error);

        _f.SetDay(new DateOnly(2022, 10, 1));
        Assert.True(_f.Billing.Promises.Offer(account.Id).Available);
    }

    [Fact]
    public void Payment_BeforeDueDate_GoesToBalanceAsUsual()
    {
        var account = PayingCustomer();
        _f.Billing.Promises.Take(account.Id, 100m, "a");

        _f.SetDay(Sep29.AddDays(7));
        _f.Pay(account, 30m);

        Assert.Equal(account.Balance + 130m, _f.Balance(account.Id));
        Assert.Equal(PromiseStatus.Open, Assert.Single(_f.Billing.Promises.Offer(account.Id).Unsettled).Status);
    }

    [Fact]
    public void Payment_Example4_OverdueDebtRepaidFirstRestReachesBalance()
    {
        var account = PayingCustomer();
        var promise = _f.Billing.Promises.Take(account.Id, 100m, "a");
        _f.SetDay(promise.DueOn.AddDays(1));
        Assert.Equal(BillingError.PromisedPaymentOverdue, _f.Billing.Promises.Offer(account.Id).Refusal);

        _f.Pay(account, 60m);
        Assert.Equal(account.Balance + 100m, _f.Balance(account.Id));
        var partly = Assert.Single(_f.Billing.Promises.Offer(account.Id).Unsettled);
        Assert.Equal((PromiseStatus.Overdue, 60m), (partly.Status, partly.Repaid));

        _f.Pay(account, 150m);
        Assert.Equal(account.Balance + 100m + 150m - 40m, _f.Balance(account.Id));
        Assert.Empty(_f.Billing.Promises.Offer(account.Id).Unsettled);
        Assert.Equal([-60m, -40m], _f.Entries(account.Id).Where(e => e.Kind == EntryKind.PromisedPaymentRepayment).Select(e => e.Amount));
        Assert.Single(_f.Events(EventType.PromisedPaymentOverdue));
        Assert.Single(_f.Events(EventType.PromisedPaymentRepaid));
        Assert.Equal(_f.SumOfEntries(account.Id), _f.Balance(account.Id));
    }

    [Fact]
    public void Transfer_FromAgencyToOverdueClient_RepaysDebtFirst()
    {
        using var f = new BillingFixture(new BillingSettings { PromisedPayments = new PromisedPaymentOptions { RequirePaidInvoice = false } });
        var agency = f.Agency("RUB");
        var client = f.Client(agency, tariff: 100m);
        f.Pay(agency, 1000m);
        var promise = f.Billing.Promises.Take(client.Id, 300m, "p");
        f.SetDay(promise.DueOn.AddDays(1));

        f.Billing.Agency.Transfer(agency.Id, client.Id, 500m, "t");

        Assert.Equal(300m + 500m - 300m, f.Balance(client.Id));
        Assert.Empty(f.Billing.Promises.Offer(client.Id).Unsettled);
    }

    [Fact]
    public void Repay_WithFunds_RepaidAndWithoutFundsRefused()
    {
        var account = PayingCustomer();
        _f.Billing.Promises.Take(account.Id, 100m, "a");
        _f.Billing.Charges.Post(account.Id, Sep29, 100m, key: "big");
        var before = _f.Balance(account.Id);

        Assert.Equal(BillingError.InsufficientFunds, Assert.Throws<BillingException>(() => _f.Billing.Promises.Repay(account.Id)).Error);
        Assert.Equal(before, _f.Balance(account.Id));

        _f.Pay(account, 100m);
        var repaid = Assert.Single(_f.Billing.Promises.Repay(account.Id));
        Assert.Equal(PromiseStatus.Repaid, repaid.Status);
        Assert.Equal(before, _f.Balance(account.Id));
        Assert.Equal(BillingError.NoOpenPromisedPayment, Assert.Throws<BillingException>(() => _f.Billing.Promises.Repay(account.Id)).Error);
    }

    [Fact]
    public void Review_AroundDueDay_RemindsDayBeforeAndOnItThenOverdueEachOnce()
    {
        var account = PayingCustomer();
        var promise = _f.Billing.Promises.Take(account.Id, 100m, "a");

        EventType[] Reviewed(DateOnly day)
        {
            _f.SetDay(day);
            _f.Billing.Promises.Review();
            _f.Billing.Promises.Review();
            return _f.Events().Where(e => e.PromiseId == promise.Id && e.Type != EventType.PromisedPaymentTaken).Select(e => e.Type).ToArray();
        }

        Assert.Empty(Reviewed(promise.DueOn.AddDays(-2)));
        Assert.Equal([EventType.PromisedPaymentDueTomorrow], Reviewed(promise.DueOn.AddDays(-1)));
        Assert.Equal([EventType.PromisedPaymentDueTomorrow, EventType.PromisedPaymentDueToday], Reviewed(promise.DueOn));
        Assert.Equal([EventType.PromisedPaymentDueTomorrow, EventType.PromisedPaymentDueToday, EventType.PromisedPaymentOverdue], Reviewed(promise.DueOn.AddDays(1)));
        Assert.Equal(PromiseStatus.Overdue, Assert.Single(_f.Billing.Promises.Offer(account.Id).Unsettled).Status);
    }

    [Fact]
    public void Repay_OverduePromiseOfClientWhoseDebitTopsItUp_RepaidOnce()
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency, tariff: 10m);
        _f.SetDay(Sep29);
        _f.Pay(agency, 10_000m);
        _f.Pay(client, 100m);
        _f.Billing.Promises.Take(client.Id, 100m, "p");
        _f.Billing.Agency.SetRule(client.Id, amount: 500m, threshold: 100m, limit: 2000m, Billing.Agency.LimitPeriod.Day);
        _f.SetDay(Sep29.AddDays(8));

        _f.Billing.Promises.Repay(client.Id);

        Assert.Equal(-100m, _f.Entries(client.Id).Where(e => e.Kind == EntryKind.PromisedPaymentRepayment).Sum(e => e.Amount));
        Assert.Equal(600m, _f.Balance(client.Id));
    }
}
