using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using FsCheck.Xunit;

namespace BillingBot.Billing.Tests.Properties;

/// <summary>The daily tariff over random scripts: each billing day charged once, from the billing start on.</summary>
public sealed class AccrualPropertyTests
{
    [Property(MaxTest = 60, Arbitrary = [typeof(LedgerArbitraries)])]
    public void AnyScript_EveryStep_TariffChargedOnceForEachDayFromBillingStartToAccruedThrough(Script script)
    {
        using var world = new LedgerWorld();
        world.Run(script, step =>
        {
            foreach (var account in step.After.Accounts.Where(a => a.DailyTariff > 0))
            {
                var charged = step.After.Entries
                    .Where(e => e.AccountId == account.Id && e.Kind == EntryKind.ServiceCharge && e.Id.StartsWith("tariff/", StringComparison.Ordinal))
                    .Select(e => e.ChargeDate!.Value)
                    .ToList();
                Assert.Equal(BillingDays(account), charged.Order());
            }
        });
    }

    [Fact]
    public void Accrue_ThroughBeforeBillingStart_ThenToday_ChargesOnlyFromBillingStart()
    {
        using var fixture = new BillingFixture();
        var account = fixture.Customer(tariff: 1m);
        var today = account.BillingStart;

        fixture.Billing.Charges.Accrue(today.AddDays(-3));
        var result = fixture.Billing.Charges.Accrue(today);

        Assert.Equal(1, result.Charges);
        Assert.Equal(-1m, fixture.Balance(account.Id));
    }

    private static IEnumerable<DateOnly> BillingDays(Account account)
    {
        for (var day = account.BillingStart; day <= account.AccruedThrough; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
