using BillingBot.Billing.Accounts;
using BillingBot.Billing.Events;
using BillingBot.Billing.Ledger;

namespace BillingBot.Billing.Tests.Accounts;

public sealed class AccountServiceTests : IDisposable
{
    private static readonly DateOnly Sep29 = new(2022, 9, 29);
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Summary_Example2_RecommendsTenAndThirtyDaysOfLargestCharge()
    {
        var account = _f.Customer(tariff: 3.33m);
        _f.SetDay(Sep29);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 26), 3.33m);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 27), 3.33m);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 28), 5.58m);

        var forecast = _f.Billing.Accounts.Summary(account.Id).Forecast;

        Assert.Equal(5.58m, forecast.LargestDailyCharge);
        Assert.Equal(55.80m, forecast.TenDays);
        Assert.Equal(167.40m, forecast.ThirtyDays);
    }

    [Fact]
    public void Summary_NoHistory_RecommendsFromTariff()
    {
        var account = _f.Customer(tariff: 3.33m);

        var forecast = _f.Billing.Accounts.Summary(account.Id).Forecast;

        Assert.Equal((33.30m, 99.90m), (forecast.TenDays, forecast.ThirtyDays));
        Assert.True(forecast.FromTariff);
    }

    [Fact]
    public void Summary_ChargesOlderThan30Days_NotRecommendedFrom()
    {
        var account = _f.Customer(tariff: 3.33m);
        _f.SetDay(Sep29);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 8, 20), 50m);
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 28), 4m);

        Assert.Equal(40m, _f.Billing.Accounts.Summary(account.Id).Forecast.TenDays);
    }

    [Fact]
    public void Summary_Example3_DaysLeftAtWeeklyAverageAndDateMoneyRunsOut()
    {
        var account = _f.Customer(tariff: 3.33m);
        _f.SetDay(Sep29);
        decimal[] week = [3.33m, 3.33m, 5.58m, 3.33m, 3.33m, 5.58m, 3.50m];
        _f.Pay(account, 155.46m + week.Sum());
        for (var i = 0; i < week.Length; i++)
        {
            _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 22).AddDays(i), week[i]);
        }

        var summary = _f.Billing.Accounts.Summary(account.Id);

        Assert.Equal(155.46m, summary.Account.Balance);
        Assert.Equal(4.00m, summary.Forecast.DailyCharge);
        Assert.Equal(38, summary.Forecast.DaysLeft);
        Assert.Equal(new DateOnly(2022, 11, 6), summary.Forecast.RunsOutOn);
    }

    [Fact]
    public void History_Example3_NewestFirstPagedWithChargeDate()
    {
        var account = _f.Customer();
        _f.SetDay(Sep29);
        _f.Pay(account, 100m);
        for (var day = new DateOnly(2022, 9, 1); day <= new DateOnly(2022, 9, 28); day = day.AddDays(1))
        {
            _f.Billing.Charges.Post(account.Id, day, day.Day == 28 ? 5.58m : 3.33m);
        }

        var first = _f.Billing.Accounts.History(account.Id);
        var second = _f.Billing.Accounts.History(account.Id, page: 2);

        var newest = first.Entries[0];
        Assert.Equal((EntryKind.ServiceCharge, -5.58m, new DateOnly(2022, 9, 28)), (newest.Kind, newest.Amount, newest.ChargeDate));
        Assert.Equal(AccountService.PageSize, first.Entries.Count);
        Assert.True(first.HasMore);
        Assert.Equal(9, second.Entries.Count);
        Assert.False(second.HasMore);
        Assert.Equal(EntryKind.Payment, second.Entries[^1].Kind);
        var all = first.Entries.Concat(second.Entries).ToList();
        Assert.Equal(all.OrderByDescending(e => e.Seq), all);
        Assert.Equal(_f.Balance(account.Id), newest.BalanceAfter);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(107_374_184)] // (page - 1) × 20 no longer fits an int
    [InlineData(int.MaxValue)]
    public void History_PagePastTheOldestEntry_Empty(int page)
    {
        var account = _f.Customer();
        for (var i = 1; i <= 25; i++)
        {
            _f.Pay(account, i);
        }

        var past = _f.Billing.Accounts.History(account.Id, page);

        Assert.Equal((page, 0, false), (past.Page, past.Entries.Count, past.HasMore));
        Assert.Equal(5, _f.Billing.Accounts.History(account.Id, 2).Entries.Count);
    }

    [Fact]
    public void History_OtherAccountsEntries_NotShown()
    {
        var a = _f.Customer(name: "A");
        var b = _f.Customer(name: "B");
        _f.Pay(a, 10m);
        _f.Pay(b, 20m);

        Assert.Equal([10m], _f.Billing.Accounts.History(a.Id).Entries.Select(e => e.Amount));
        Assert.Empty(_f.Billing.Accounts.History(b.Id, page: 2).Entries);
    }

    [Theory]
    [InlineData("", "USD", "3.33", "UTC", BillingError.InvalidName)]
    [InlineData("Shop", "XYZ", "3.33", "UTC", BillingError.UnknownCurrency)]
    [InlineData("Shop", "USD", "-1", "UTC", BillingError.AmountNotPositive)]
    [InlineData("Shop", "USD", "3.333", "UTC", BillingError.AmountTooPrecise)]
    [InlineData("Shop", "USD", "3.33", "Mars/Olympus", BillingError.UnknownTimeZone)]
    public void Create_BadInput_RefusedAndNothingStored(string name, string currency, string tariff, string zone, BillingError expected)
    {
        var error = Assert.Throws<BillingException>(() => _f.Billing.Accounts.Create(new NewAccount(name, currency, decimal.Parse(tariff, System.Globalization.CultureInfo.InvariantCulture), TimeZone: zone)));

        Assert.Equal(expected, error.Error);
        Assert.Empty(_f.Billing.Accounts.List());
    }

    [Fact]
    public void Create_ClientOfCustomerOrOtherCurrency_Refused()
    {
        var customer = _f.Customer();
        var agency = _f.Agency("RUB");

        Assert.Equal(BillingError.NotAnAgency, Assert.Throws<BillingException>(() => _f.Billing.Accounts.Create(new NewAccount("C", "USD", 0, AgencyId: customer.Id))).Error);
        Assert.Equal(BillingError.CurrencyMismatch, Assert.Throws<BillingException>(() => _f.Billing.Accounts.Create(new NewAccount("C", "USD", 0, AgencyId: agency.Id))).Error);
        Assert.Equal(BillingError.UnknownAccount, Assert.Throws<BillingException>(() => _f.Billing.Accounts.Create(new NewAccount("C", "RUB", 0, AgencyId: 404))).Error);
    }

    [Fact]
    public void Import_SameRowsTwice_CreatedOnce()
    {
        var agency = _f.Agency("RUB");
        NewAccount[] rows = [new("One", "RUB", 10m, ExternalId: "e1"), new("Two", "rub", 20m, AgencyId: agency.Id, ExternalId: "e2")];

        var first = _f.Billing.Accounts.Import(rows);
        var second = _f.Billing.Accounts.Import(rows);

        Assert.All(first, r => Assert.True(r.Created));
        Assert.All(second, r => Assert.False(r.Created));
        Assert.Equal(first.Select(r => r.Account.Id), second.Select(r => r.Account.Id));
        Assert.Equal(3, _f.Billing.Accounts.List().Count);
        Assert.Equal(agency.Id, _f.Billing.Accounts.Get(first[1].Account.Id).AgencyId);
    }

    [Fact]
    public void All_ReadAPageAtATime_EveryAccountOnceInIdOrder()
    {
        var made = Enumerable.Range(1, 5).Select(n => _f.Customer(name: $"Shop {n}").Id).ToList();

        Assert.Equal(made, _f.Billing.Accounts.All(page: 2).Select(a => a.Id));
        Assert.Equal(made, _f.Billing.Accounts.All(page: 5).Select(a => a.Id));
        Assert.Equal([made[2], made[3]], _f.Billing.Accounts.List(made[1], 2).Accounts.Select(a => a.Id));
        Assert.Equal(made[3], _f.Billing.Accounts.List(made[1], 2).Next);
        Assert.Null(_f.Billing.Accounts.List(made[3], 2).Next);
    }

    [Fact]
    public void IdsByExternalId_ManyAskedSomeThere_OnlyThoseThere()
    {
        var made = _f.Billing.Accounts.Import([.. Enumerable.Range(1, 600).Select(n => new NewAccount($"Shop {n}", "USD", 1m, ExternalId: $"e-{n}"))]);

        var found = _f.Billing.Accounts.IdsByExternalId([.. Enumerable.Range(1, 1_200).Select(n => $"e-{n}"), "e-1"]);

        Assert.Equal(600, found.Count);
        Assert.Equal(made[599].Account.Id, found["e-600"]);
        Assert.False(found.ContainsKey("e-601"));
    }

    [Fact]
    public void Import_BadRow_NothingImported()
    {
        NewAccount[] rows = [new("One", "RUB", 10m, ExternalId: "e1"), new("Bad", "ZZZ", 1m, ExternalId: "e2")];

        Assert.Throws<BillingException>(() => _f.Billing.Accounts.Import(rows));

        Assert.Empty(_f.Billing.Accounts.List());
    }

    [Fact]
    public void SetTariff_NewTariff_UsedByForecast()
    {
        var account = _f.Customer(tariff: 3.33m);

        _f.Billing.Accounts.SetTariff(account.Id, 5m);

        Assert.Equal(50m, _f.Billing.Accounts.Summary(account.Id).Forecast.TenDays);
        Assert.Equal(BillingError.UnknownAccount, Assert.Throws<BillingException>(() => _f.Billing.Accounts.SetTariff(404, 1m)).Error);
    }

    [Fact]
    public void SetTariff_DaysEndedButNotAccruedYet_ChargedAtTheTariffTheyHadAndTheNewOneFromToday()
    {
        var sep1 = new DateOnly(2022, 9, 1);
        var account = _f.Customer(tariff: 3.33m);
        _f.Billing.Charges.Accrue(sep1);
        _f.SetDay(sep1.AddDays(3)); // 2 and 3 September ended while no accrual ran

        _f.Billing.Accounts.SetTariff(account.Id, 10m);
        _f.SetDay(sep1.AddDays(4));
        _f.Billing.Charges.Accrue();

        Assert.Equal([3.33m, 3.33m, 3.33m, 10m], _f.Entries(account.Id).Select(e => -e.Amount));
        Assert.Equal([sep1, sep1.AddDays(1), sep1.AddDays(2), sep1.AddDays(3)], _f.Entries(account.Id).Select(e => e.ChargeDate!.Value));
        Assert.Equal(-(3 * 3.33m) - 10m, _f.Balance(account.Id));
        Assert.Equal(10m, _f.Billing.Accounts.Get(account.Id).DailyTariff);
    }

    [Fact]
    public void SetTariff_ToZeroToStopCharging_DaysAlreadyEndedStillCharged()
    {
        var account = _f.Customer(tariff: 3.33m);
        _f.SetDay(new DateOnly(2022, 9, 3));

        _f.Billing.Accounts.SetTariff(account.Id, 0m);
        _f.SetDay(new DateOnly(2022, 9, 10));
        _f.Billing.Charges.Accrue();

        Assert.Equal(-2 * 3.33m, _f.Balance(account.Id));
        Assert.Equal(_f.SumOfEntries(account.Id), _f.Balance(account.Id));
    }

    [Fact]
    public void Post_BalanceCrossesThreshold_OneLowEventPerCrossingAndRecovered()
    {
        var account = _f.Customer(tariff: 10m);
        _f.SetDay(Sep29);
        _f.Pay(account, 100m);

        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 26), 10m); // 90: 9 days left
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 27), 65m); // 25 left at 37.5/day: 0 days → low
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 28), 10m); // still low: no second alert
        _f.Pay(account, 500m); // recovered
        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 29), 500m); // low again

        Assert.Equal([EventType.BalanceLow, EventType.BalanceRecovered, EventType.BalanceLow],
            _f.Events().Where(e => e.Type is EventType.BalanceLow or EventType.BalanceRecovered).Select(e => e.Type));
    }

    [Fact]
    public void Post_MoneyThreshold_LowAtOrBelowIt()
    {
        var account = _f.Billing.Accounts.SetThresholds(_f.Customer(tariff: 0m).Id, days: 0, money: 50m);
        _f.Pay(account, 60m);

        _f.Billing.Charges.Post(account.Id, new DateOnly(2022, 9, 1), 10m);

        Assert.Single(_f.Events(EventType.BalanceLow));
    }

    [Fact]
    public void Change_TimeZoneEastThenWest_EveryDayChargedOnceAndNoneSkipped()
    {
        _f.Time.SetUtcNow(new DateTimeOffset(2022, 9, 29, 10, 0, 0, TimeSpan.Zero));
        var account = _f.Customer(tariff: 1m);
        _f.Time.SetUtcNow(new DateTimeOffset(2022, 10, 2, 10, 0, 0, TimeSpan.Zero));
        _f.Billing.Charges.Accrue();

        // UTC+14: it is already 3 October there, so 2 October has ended and is charged next.
        _f.Billing.Accounts.Change(account.Id, new AccountChange(TimeZone: "Pacific/Kiritimati"));
        _f.Billing.Charges.Accrue();
        // UTC-11: still 1 October there; the days charged already are not charged again.
        _f.Billing.Accounts.Change(account.Id, new AccountChange(TimeZone: "Pacific/Pago_Pago"));
        _f.Billing.Charges.Accrue();
        _f.Time.SetUtcNow(new DateTimeOffset(2022, 10, 5, 10, 0, 0, TimeSpan.Zero));
        _f.Billing.Charges.Accrue();

        var days = _f.Billing.Accounts.Statement(account.Id, new DateOnly(2022, 9, 1), new DateOnly(2022, 10, 31)).Entries
            .Where(e => e.Kind == EntryKind.ServiceCharge).Select(e => e.ChargeDate!.Value).ToList();
        // On 5 October at 10:00 UTC it is 4 October in Pago Pago: 3 October is the last day that has ended there.
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => new DateOnly(2022, 9, 29).AddDays(i))], days);
        Assert.Equal(-5m, _f.Billing.Accounts.Get(account.Id).Balance);
        Assert.Equal("Pacific/Pago_Pago", _f.Billing.Accounts.Get(account.Id).TimeZone);
    }

    [Fact]
    public void Change_NameAndAlert_KeptAndTheRestLeft()
    {
        var account = _f.Customer(name: "Shop");

        var changed = _f.Billing.Accounts.Change(account.Id, new AccountChange(Name: "  Flower shop ", LowBalanceDays: 5, LowBalanceMoney: 20m));
        var cleared = _f.Billing.Accounts.Change(account.Id, new AccountChange(ClearLowBalanceMoney: true));

        Assert.Equal(("Flower shop", 5, (decimal?)20m, account.TimeZone), (changed.Name, changed.LowBalanceDays, changed.LowBalanceMoney, changed.TimeZone));
        Assert.Equal(("Flower shop", 5, (decimal?)null), (cleared.Name, cleared.LowBalanceDays, cleared.LowBalanceMoney));
        Assert.Equal(BillingError.InvalidName, Assert.Throws<BillingException>(() => _f.Billing.Accounts.Change(account.Id, new AccountChange(Name: "a\nb"))).Error);
        Assert.Equal(BillingError.UnknownTimeZone, Assert.Throws<BillingException>(() => _f.Billing.Accounts.Change(account.Id, new AccountChange(TimeZone: "Mars/Olympus"))).Error);
        Assert.Equal(BillingError.InvalidThreshold, Assert.Throws<BillingException>(() => _f.Billing.Accounts.Change(account.Id, new AccountChange(LowBalanceDays: 400))).Error);
        Assert.Equal("Flower shop", _f.Billing.Accounts.Get(account.Id).Name);
    }
}
