using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Ledger;

namespace BillingBot.Billing.Tests.Ledger;

public sealed class ChargeServiceTests : IDisposable
{
    private static readonly DateOnly Sep1 = new(2022, 9, 1);
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Accrue_AfterThreeDaysDown_EachMissedDayChargedOnce()
    {
        var account = _f.Customer(tariff: 3.33m);
        var free = _f.Customer(tariff: 0m, name: "Free");
        _f.Billing.Charges.Accrue(Sep1);
        _f.SetDay(Sep1.AddDays(3));

        var result = _f.Billing.Charges.Accrue(Sep1.AddDays(3));
        var again = _f.Billing.Charges.Accrue(Sep1.AddDays(3));

        Assert.Equal(3, result.Charges);
        Assert.Equal(0, again.Charges);
        var days = _f.Entries(account.Id).Select(e => e.ChargeDate).ToList();
        Assert.Equal([Sep1, Sep1.AddDays(1), Sep1.AddDays(2), Sep1.AddDays(3)], days);
        Assert.Equal(-4 * 3.33m, _f.Balance(account.Id));
        Assert.Equal(Sep1.AddDays(3), _f.Billing.Accounts.Get(account.Id).AccruedThrough);
        Assert.Empty(_f.Entries(free.Id));
        Assert.Equal(Sep1.AddDays(3), _f.Billing.Accounts.Get(free.Id).AccruedThrough);
    }

    [Fact]
    public void Accrue_ThroughADayBegunNowhere_RefusedAndNothingCharged()
    {
        // 10:00 UTC on 1 September: 2 September has begun in UTC+14 at most, 3 September nowhere.
        var account = _f.Customer(tariff: 3.33m);

        var error = Assert.Throws<BillingException>(() => _f.Billing.Charges.Accrue(Sep1.AddDays(2)));

        Assert.Equal(BillingError.ChargeDateInFuture, error.Error);
        Assert.Empty(_f.Entries(account.Id));
        Assert.Null(_f.Billing.Accounts.Get(account.Id).AccruedThrough);
    }

    [Fact]
    public void Accrue_ThroughADayBegunElsewhereButNotInTheAccountsZone_ChargedThroughItsOwnToday()
    {
        // 12:00 UTC on 1 September is 02:00 on 2 September in Kiritimati (UTC+14).
        _f.Time.SetUtcNow(new DateTimeOffset(2022, 9, 1, 12, 0, 0, TimeSpan.Zero));
        var utc = _f.Customer(tariff: 3.33m);
        var kiritimati = _f.Billing.Accounts.Create(new NewAccount("Kiritimati", "USD", 2m, TimeZone: "Pacific/Kiritimati"));

        _f.Billing.Charges.Accrue(Sep1.AddDays(1));
        var early = _f.Entries(utc.Id).Select(e => e.ChargeDate!.Value).ToList();
        _f.SetDay(Sep1.AddDays(1));
        _f.Billing.Charges.Accrue(Sep1.AddDays(1));

        Assert.Equal([Sep1], early);
        Assert.Equal([Sep1, Sep1.AddDays(1)], _f.Entries(utc.Id).Select(e => e.ChargeDate!.Value));
        Assert.Equal([Sep1.AddDays(1)], _f.Entries(kiritimati.Id).Select(e => e.ChargeDate!.Value));
    }

    [Fact]
    public void Accrue_ChargeDescription_HasTheDayItIsFor()
    {
        var account = _f.Customer(tariff: 5.58m);

        _f.Billing.Charges.Accrue(Sep1);

        var entry = Assert.Single(_f.Entries(account.Id));
        Assert.Equal((EntryKind.ServiceCharge, -5.58m, Sep1, ChargeService.TariffKey(account.Id, Sep1)), (entry.Kind, entry.Amount, entry.ChargeDate, entry.Id));
    }

    [Fact]
    public void Post_SameKeyTwice_ChargedOnceAndWithoutAKeyEachCallCharges()
    {
        var account = _f.Customer(tariff: 0m);

        _f.Billing.Charges.Post(account.Id, Sep1, 2m, "SMS pack", key: "sms-1");
        _f.Billing.Charges.Post(account.Id, Sep1, 2m, "SMS pack", key: "sms-1");
        _f.Billing.Charges.Post(account.Id, Sep1, 5m, "Extra storage");
        _f.Billing.Charges.Post(account.Id, Sep1, 5m, "Extra storage");

        Assert.Equal(-12m, _f.Balance(account.Id));
        Assert.Equal(BillingError.IdempotencyConflict, Assert.Throws<BillingException>(() => _f.Billing.Charges.Post(account.Id, Sep1, 9m, key: "sms-1")).Error);
    }

    [Fact]
    public void Post_KeyShapedLikeATariffDay_NeverBlocksTheAccrual()
    {
        var account = _f.Customer(tariff: 3.33m);

        _f.Billing.Charges.Post(account.Id, Sep1, 1m, key: ChargeService.TariffKey(account.Id, Sep1));
        _f.Billing.Charges.Accrue(Sep1);

        Assert.Equal(-4.33m, _f.Balance(account.Id));
    }

    [Fact]
    public void Accrue_ClientsRunningLow_ToppedUpWithinTheirRulesLimitOverTwoNights()
    {
        var agency = _f.Agency("RUB");
        _f.Pay(agency, 10_000m);
        var capped = _f.Client(agency, tariff: 100m, name: "Capped");
        var open = _f.Client(agency, tariff: 100m, name: "Open");
        var none = _f.Client(agency, tariff: 100m, name: "No rule");
        // One top-up a month for the first; as many as needed for the second; the third has no rule.
        _f.Billing.Agency.SetRule(capped.Id, amount: 150m, threshold: 0m, limit: 150m, LimitPeriod.Month);
        _f.Billing.Agency.SetRule(open.Id, amount: 150m, threshold: 0m, limit: 10_000m, LimitPeriod.Month);
        _f.Billing.Charges.Accrue(Sep1);
        _f.SetDay(Sep1.AddDays(1));

        _f.Billing.Charges.Accrue(Sep1.AddDays(1));

        // Night one: each charged 100 and the two with rules topped up by 150; night two: the capped one's limit is spent.
        Assert.Equal(-100m + 150m - 100m, _f.Balance(capped.Id));
        Assert.Equal(-100m + 150m - 100m + 150m, _f.Balance(open.Id));
        Assert.Equal(-200m, _f.Balance(none.Id));
        Assert.Equal(150m, _f.Billing.Agency.Rule(capped.Id)!.UsedInPeriod);
        Assert.Equal(300m, _f.Billing.Agency.Rule(open.Id)!.UsedInPeriod);
        Assert.Equal(10_000m - 450m, _f.Balance(agency.Id));
        foreach (var account in new[] { agency, capped, open, none })
        {
            Assert.Equal(_f.SumOfEntries(account.Id), _f.Balance(account.Id));
        }
    }

    [Fact]
    public void Post_KeySpellingTheKeyOfAnAutoTopUp_StillCharged()
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency);
        var today = _f.Time.Today(client.TimeZone);
        _f.Pay(agency, 10_000m);
        _f.Billing.Agency.SetRule(client.Id, amount: 500m, threshold: 0m, limit: 2_000m, LimitPeriod.Day);

        _f.Billing.Charges.Post(client.Id, today, 100m, key: "u"); // tops the client up: entries derived from the charge's
        _f.Billing.Charges.Post(client.Id, today, 50m, key: "u/autotopup/1/in");
        _f.Billing.Charges.Post(client.Id, today, 50m, key: "u/autotopup/1/in");

        Assert.Equal(-100m + 500m - 50m, _f.Balance(client.Id));
        Assert.Equal(_f.SumOfEntries(client.Id), _f.Balance(client.Id));
    }

    [Fact]
    public void Post_DayNotBegunYet_Refused()
    {
        var account = _f.Customer(tariff: 0m);

        Assert.Equal(BillingError.ChargeDateInFuture, Assert.Throws<BillingException>(() => _f.Billing.Charges.Post(account.Id, Sep1.AddDays(1), 1m)).Error);
        Assert.Empty(_f.Entries(account.Id));
    }

    [Fact]
    public void Post_ChargeMayMakeBalanceNegative()
    {
        var account = _f.Customer(tariff: 0m);

        _f.Billing.Charges.Post(account.Id, Sep1, 10m);

        Assert.Equal(-10m, _f.Balance(account.Id));
        Assert.Equal(-10m, _f.SumOfEntries(account.Id));
    }

    [Theory]
    [InlineData("0", BillingError.AmountNotPositive)]
    [InlineData("-1", BillingError.AmountNotPositive)]
    [InlineData("1.001", BillingError.AmountTooPrecise)]
    [InlineData("100000000.01", BillingError.AmountTooLarge)]
    public void Post_BadAmount_RefusedAndNothingChanged(string amount, BillingError expected)
    {
        var account = _f.Customer();

        var error = Assert.Throws<BillingException>(() => _f.Billing.Charges.Post(account.Id, Sep1, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, error.Error);
        Assert.Empty(_f.Entries(account.Id));
    }

    [Fact]
    public void Accrue_InAccountTimeZone_StartsOnItsLocalDay()
    {
        // 23:30 UTC on 1 September is already 2 September in Moscow.
        _f.Time.SetUtcNow(new DateTimeOffset(2022, 9, 1, 23, 30, 0, TimeSpan.Zero));
        var account = _f.Billing.Accounts.Create(new NewAccount("Moscow", "RUB", 10m, TimeZone: "Europe/Moscow"));

        _f.Billing.Charges.Accrue(new DateOnly(2022, 9, 2));

        Assert.Equal(new DateOnly(2022, 9, 2), account.BillingStart);
        Assert.Equal([new DateOnly(2022, 9, 2)], _f.Entries(account.Id).Select(e => e.ChargeDate!.Value));
    }
}
