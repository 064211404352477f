using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Events;
using BillingBot.Billing.Ledger;

namespace BillingBot.Billing.Tests.Agency;

public sealed class AgencyServiceTests : IDisposable
{
    private static readonly DateOnly Day = new(2022, 9, 29);
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    private (int Agency, int Client) AgencyWithRule(decimal agencyMoney)
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency);
        _f.SetDay(Day);
        _f.Pay(agency, agencyMoney);
        _f.Billing.Agency.SetRule(client.Id, amount: 500m, threshold: 0m, limit: 2000m, LimitPeriod.Day);
        return (agency.Id, client.Id);
    }

    private void Spend(int clientId, decimal amount, string key) => _f.Billing.Charges.Post(clientId, Day, amount, key: key);

    [Fact]
    public void Debit_Example5_FourTopUpsOf500InADayAndNoFifth()
    {
        var (agency, client) = AgencyWithRule(10_000m);
        _f.Billing.Agency.Transfer(agency, client, 500m, "start");

        for (var i = 1; i <= 5; i++)
        {
            Spend(client, 500m, $"use-{i}");
        }

        Assert.Equal(0m, _f.Balance(client));
        Assert.Equal(10_000m - 500m - 4 * 500m, _f.Balance(agency));
        Assert.Equal(4, _f.Events(EventType.AutoTopUpDone).Count);
        Assert.Equal(4, _f.Entries(client).Count(e => e is { Kind: EntryKind.TransferIn, AutoTopUp: true }));
        Assert.Equal(2000m, _f.Billing.Agency.Rule(client)!.UsedInPeriod);

        _f.SetDay(Day.AddDays(1));
        _f.Billing.Charges.Post(client, Day.AddDays(1), 1m, key: "next-day");
        Assert.Equal(499m, _f.Balance(client));
        Assert.Equal(5, _f.Events(EventType.AutoTopUpDone).Count);
    }

    [Fact]
    public void Debit_Example5_BalanceStopsAt10_NoTrigger()
    {
        var (agency, client) = AgencyWithRule(10_000m);
        _f.Billing.Agency.Transfer(agency, client, 510m, "start");

        Spend(client, 500m, "use");

        Assert.Equal(10m, _f.Balance(client));
        Assert.Empty(_f.Events(EventType.AutoTopUpDone));
    }

    [Fact]
    public void Debit_Example5_AgencyCannotCover_RuleOffAndStaysOff()
    {
        var (agency, client) = AgencyWithRule(800m);
        _f.Billing.Agency.Transfer(agency, client, 500m, "start");

        Spend(client, 500m, "use-1");

        var rule = _f.Billing.Agency.Rule(client)!;
        Assert.False(rule.Enabled);
        Assert.Equal("InsufficientAgencyFunds", rule.DisabledReason);
        var disabled = Assert.Single(_f.Events(EventType.AutoTopUpDisabled));
        Assert.Equal((agency, client), (disabled.AccountId, disabled.CounterpartyId!.Value));
        Assert.Equal(300m, _f.Balance(agency));

        _f.Pay(agency, 5000m);
        Spend(client, 1m, "use-2");
        Assert.Equal(-1m, _f.Balance(client));
        Assert.Single(_f.Events(EventType.AutoTopUpDisabled));

        _f.Billing.Agency.SetEnabled(client, enabled: true);
        Spend(client, 1m, "use-3");
        Assert.Equal(498m, _f.Balance(client));
    }

    [Fact]
    public void Transfer_Example6_ReturnNeverMoreThanClientHas()
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency);
        _f.Pay(agency, 1000m);
        _f.Billing.Agency.Transfer(agency.Id, client.Id, 300m, "give");

        _f.Billing.Agency.Transfer(client.Id, agency.Id, 200m, "back");
        var error = Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(client.Id, agency.Id, 150m, "too-much"));

        Assert.Equal(BillingError.InsufficientFunds, error.Error);
        Assert.Equal(100m, _f.Balance(client.Id));
        Assert.Equal(900m, _f.Balance(agency.Id));
    }

    [Fact]
    public void Transfer_ReturnToZero_DoesNotTriggerAutoTopUp()
    {
        var (agency, client) = AgencyWithRule(10_000m);
        _f.Billing.Agency.Transfer(agency, client, 300m, "give");

        _f.Billing.Agency.Transfer(client, agency, 300m, "back");

        Assert.Equal((10_000m, 0m), (_f.Balance(agency), _f.Balance(client)));
        Assert.Empty(_f.Events(EventType.AutoTopUpDone));
    }

    [Fact]
    public void Transfer_MoreThanAgencyHas_Refused()
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency);
        _f.Pay(agency, 100m);

        Assert.Equal(BillingError.InsufficientFunds, Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(agency.Id, client.Id, 100.01m, "k")).Error);
        Assert.Equal((100m, 0m), (_f.Balance(agency.Id), _f.Balance(client.Id)));
    }

    [Fact]
    public void Transfer_SameKeyTwice_MovedOnce()
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency);
        _f.Pay(agency, 1000m);

        _f.Billing.Agency.Transfer(agency.Id, client.Id, 300m, "k");
        _f.Billing.Agency.Transfer(agency.Id, client.Id, 300m, "k");

        Assert.Equal((700m, 300m), (_f.Balance(agency.Id), _f.Balance(client.Id)));
        Assert.Equal(BillingError.IdempotencyConflict, Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(agency.Id, client.Id, 400m, "k")).Error);
    }

    [Fact]
    public void Transfer_NotItsClient_Refused()
    {
        var agency = _f.Agency("RUB");
        var stranger = _f.Billing.Accounts.Create(new NewAccount("Stranger", "RUB", 0));
        var otherAgency = _f.Agency("RUB", "Other");
        var otherClient = _f.Client(otherAgency);
        _f.Pay(agency, 1000m);

        Assert.Equal(BillingError.NotAClientOfAgency, Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(agency.Id, stranger.Id, 10m, "a")).Error);
        Assert.Equal(BillingError.NotAClientOfAgency, Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(agency.Id, otherClient.Id, 10m, "b")).Error);
        Assert.Equal(BillingError.UnknownAccount, Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(agency.Id, 404, 10m, "c")).Error);
        Assert.Equal(1000m, _f.Balance(agency.Id));
    }

    [Theory]
    [InlineData(LimitPeriod.Day, LimitPeriod.Week)]
    [InlineData(LimitPeriod.Day, LimitPeriod.Month)]
    [InlineData(LimitPeriod.Day, LimitPeriod.Day)]
    public void SetRule_ChangedAfterTopUpsThisPeriod_WhatWasMovedStillCountsAgainstTheLimit(LimitPeriod before, LimitPeriod after)
    {
        // 29 September 2022 is a Thursday: the day, its week and its month all began with the four top-ups in them.
        var (_, client) = AgencyWithRule(10_000m);
        _f.Billing.Agency.SetRule(client, amount: 500m, threshold: 0m, limit: 2000m, before);
        for (var i = 1; i <= 4; i++)
        {
            Spend(client, 500m, $"use-{i}");
        }

        var rule = _f.Billing.Agency.SetRule(client, amount: 500m, threshold: 0m, limit: 2000m, after);
        Spend(client, 500m, "use-5");

        Assert.Equal(2000m, rule.UsedInPeriod);
        Assert.Equal(2000m, _f.Entries(client).Where(e => e.AutoTopUp).Sum(e => e.Amount));
        Assert.Equal(-500m, _f.Balance(client));
    }

    [Fact]
    public void SetRule_NewPeriodBegun_CountsOnlyTheTopUpsOfIt()
    {
        var (_, client) = AgencyWithRule(10_000m);
        Spend(client, 500m, "use-1");
        var movedOnThursday = _f.Entries(client).Where(e => e.AutoTopUp).Sum(e => e.Amount);
        _f.SetDay(Day.AddDays(1));

        var rule = _f.Billing.Agency.SetRule(client, amount: 500m, threshold: 0m, limit: 2000m, LimitPeriod.Day);
        var week = _f.Billing.Agency.SetRule(client, amount: 500m, threshold: 0m, limit: 2000m, LimitPeriod.Week);

        Assert.Equal((Day.AddDays(1), 0m), (rule.PeriodStart, rule.UsedInPeriod));
        Assert.True(movedOnThursday > 0);
        Assert.Equal((new DateOnly(2022, 9, 26), movedOnThursday), (week.PeriodStart, week.UsedInPeriod));
    }

    [Fact]
    public void SetRule_LimitBelowAmountOrNotAClient_Refused()
    {
        var agency = _f.Agency("RUB");
        var client = _f.Client(agency);

        Assert.Equal(BillingError.AutoTopUpLimitBelowAmount, Assert.Throws<BillingException>(() => _f.Billing.Agency.SetRule(client.Id, 500m, 0m, 100m, LimitPeriod.Day)).Error);
        Assert.Equal(BillingError.InvalidAutoTopUpRule, Assert.Throws<BillingException>(() => _f.Billing.Agency.SetRule(client.Id, 500m, _f.Settings.Accounts.MaxAmount + 1, 1000m, LimitPeriod.Day)).Error);
        Assert.Equal(BillingError.InvalidAutoTopUpRule, Assert.Throws<BillingException>(() => _f.Billing.Agency.SetRule(client.Id, 500m, 0m, 1000m, (LimitPeriod)5)).Error);
        Assert.Equal(BillingError.NotAClient, Assert.Throws<BillingException>(() => _f.Billing.Agency.SetRule(agency.Id, 500m, 0m, 1000m, LimitPeriod.Day)).Error);
        Assert.Equal(BillingError.NoAutoTopUpRule, Assert.Throws<BillingException>(() => _f.Billing.Agency.SetEnabled(client.Id, false)).Error);
        Assert.Null(_f.Billing.Agency.Rule(client.Id));
    }

    [Theory]
    [InlineData(LimitPeriod.Day, "2022-09-29")]
    [InlineData(LimitPeriod.Week, "2022-09-26")]
    [InlineData(LimitPeriod.Month, "2022-09-01")]
    public void StartOf_Period_FirstDayOfIt(LimitPeriod period, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), AutoTopUpRule.StartOf(period, Day));

    [Fact]
    public void Transfer_SameKeyOtherClient_RefusedAndTheOtherGetsNothing()
    {
        var agency = _f.Agency("RUB");
        var a = _f.Client(agency, name: "A");
        var b = _f.Client(agency, name: "B");
        _f.Pay(agency, 1000m);
        _f.Billing.Agency.Transfer(agency.Id, a.Id, 100m, "k");

        var error = Assert.Throws<BillingException>(() => _f.Billing.Agency.Transfer(agency.Id, b.Id, 100m, "k"));

        Assert.Equal(BillingError.IdempotencyConflict, error.Error);
        Assert.Equal((900m, 100m, 0m), (_f.Balance(agency.Id), _f.Balance(a.Id), _f.Balance(b.Id)));
    }
}
