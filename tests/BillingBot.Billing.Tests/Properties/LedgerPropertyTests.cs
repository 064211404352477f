using BillingBot.Billing.Ledger;
using FsCheck.Xunit;

namespace BillingBot.Billing.Tests.Properties;

/// <summary>
/// Invariants of the ledger over random scripts of payments, charges, transfers, returns, promised payments,
/// paid invoices, accruals with the clock moved on, and replays of earlier operations with their keys.
/// </summary>
public sealed class LedgerPropertyTests
{
    private const int Cases = 60;

    private static readonly EntryKind[] TransferKinds = [EntryKind.TransferIn, EntryKind.TransferOut];

    [Property(MaxTest = Cases, Arbitrary = [typeof(LedgerArbitraries)])]
    public void AnyScript_EveryStep_BalanceEqualsSumOfEntriesAndChainsUp(Script script)
    {
        using var world = new LedgerWorld();
        world.Run(script, step =>
        {
            foreach (var account in step.After.Accounts)
            {
                Assert.True(account.Balance == world.SumOfEntries(account.Id), $"{step}: account {account.Id} caches {account.Balance}, its entries sum to {world.SumOfEntries(account.Id)}");
                var entries = step.After.Entries.Where(e => e.AccountId == account.Id).OrderBy(e => e.Seq).ToList();
                Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
                Assert.Equal(entries.Count, account.LastSeq);
                var balance = 0m;
                foreach (var entry in entries)
                {
                    balance += entry.Amount;
                    Assert.True(entry.BalanceAfter == balance, $"{step}: entry {entry.Id} says balance after {entry.BalanceAfter}, its chain says {balance}");
                    Assert.Equal(LedgerEntry.PositionOf(account.Id, entry.Seq), entry.Position);
                }
            }
        });
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(LedgerArbitraries)])]
    public void AnyScript_EveryStep_TransfersAndReturnsConserveAgencyAndClientsTotal(Script script)
    {
        using var world = new LedgerWorld();
        var group = world.AgencyGroup;
        world.Run(script, step =>
        {
            var entries = step.NewEntries;
            Assert.DoesNotContain(entries, e => TransferKinds.Contains(e.Kind) && !group.Contains(e.AccountId));
            var moved = entries.Where(e => TransferKinds.Contains(e.Kind));
            Assert.True(moved.Sum(e => e.Amount) == 0, $"{step}: transfer entries sum to {moved.Sum(e => e.Amount)}");
            foreach (var transferOut in moved.Where(e => e.Kind == EntryKind.TransferOut))
            {
                Assert.Contains(moved, e => e.Kind == EntryKind.TransferIn && e.Amount == -transferOut.Amount && e.AccountId == transferOut.CounterpartyId && e.CounterpartyId == transferOut.AccountId);
            }

            var change = group.Sum(step.After.Balance) - group.Sum(step.Before.Balance);
            var fromOutside = entries.Where(e => group.Contains(e.AccountId) && !TransferKinds.Contains(e.Kind)).Sum(e => e.Amount);
            Assert.True(change == fromOutside, $"{step}: agency and clients changed by {change}, payments, charges and promises by {fromOutside}");
        });
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(LedgerArbitraries)])]
    public void AnyScript_ReplayOfDoneOperationWithSameKey_ChangesNothing(Script script)
    {
        using var world = new LedgerWorld();
        world.Run(script, step =>
        {
            if (step is { IsReplay: true, ReplayOfSuccess: true })
            {
                Assert.True(step.Succeeded, $"{step}: a replay of an operation that was done must return the same, not be refused");
                Assert.Empty(step.NewEntries);
                Assert.Equal(step.Before.Render(), step.After.Render());
            }
        });
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(LedgerArbitraries)])]
    public void AnyScript_EveryStep_OnlyServiceChargesTakeABalanceBelowZero(Script script)
    {
        using var world = new LedgerWorld();
        world.Run(script, step =>
        {
            var entries = step.NewEntries;
            foreach (var after in step.After.Accounts)
            {
                var charged = entries.Any(e => e.AccountId == after.Id && e.Kind == EntryKind.ServiceCharge);
                Assert.False(!charged && step.Before.Balance(after.Id) >= 0 && after.Balance < 0, $"{step}: account {after.Id} went from {step.Before.Balance(after.Id)} to {after.Balance} without a service charge");
            }

            // Money only leaves for another account, or to repay a promise on request, from what is there.
            Assert.DoesNotContain(entries, e => e.Kind == EntryKind.TransferOut && e.BalanceAfter < 0);
            if (step.Effective is RepayPromises)
            {
                Assert.DoesNotContain(entries, e => e.Kind == EntryKind.PromisedPaymentRepayment && e.BalanceAfter < 0);
            }
        });
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(LedgerArbitraries)])]
    public void AnyScript_RefusedOperation_ChangesNothing(Script script)
    {
        using var world = new LedgerWorld();
        world.Run(script, step =>
        {
            if (!step.Succeeded)
            {
                Assert.Empty(step.NewEntries);
                Assert.Equal(step.Before.Render(), step.After.Render());
            }
        });
    }
}
