using System.Collections.Concurrent;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Ledger;

namespace BillingBot.Billing.Tests.Properties;

/// <summary>Many threads on one store: every operation is one whole transaction, so no update is lost.</summary>
public sealed class ParallelPostingTests
{
    private const int Threads = 8;
    private const int PerThread = 200;

    [Fact]
    public void PaymentsAndCharges_EightThreadsOnOneAccount_LoseNoUpdate()
    {
        using var fixture = new BillingFixture();
        var account = fixture.Customer(tariff: 0m);
        var day = fixture.Time.Today("UTC");
        var expected = 0m;
        for (var t = 0; t < Threads; t++)
        {
            for (var i = 0; i < PerThread; i++)
            {
                expected += i % 2 == 0 ? Amount(t, i) : -Amount(t, i);
            }
        }

        RunTogether(t =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                if (i % 2 == 0)
                {
                    fixture.Pay(account, Amount(t, i), $"pay/{t}/{i}");
                }
                else
                {
                    fixture.Billing.Charges.Post(account.Id, day, Amount(t, i), key: $"charge/{t}/{i}");
                }
            }
        });

        Assert.Equal(expected, fixture.Balance(account.Id));
        Assert.Equal(expected, fixture.SumOfEntries(account.Id));
        AssertChained(fixture, account.Id, Threads * PerThread);
    }

    [Fact]
    public void TransfersReturnsAndTopUps_FromManyThreads_ConserveTheAgencyGroupAndNeverOverdraw()
    {
        using var fixture = new BillingFixture();
        var agency = fixture.Agency();
        var client = fixture.Client(agency, name: "Topped up");
        var other = fixture.Client(agency, name: "Other");
        fixture.Billing.Agency.SetRule(client.Id, amount: 50m, threshold: 20m, limit: 100_000m, LimitPeriod.Day);
        fixture.Pay(agency, 5_000m, "opening");
        var day = fixture.Time.Today("UTC");
        var charged = new ConcurrentBag<decimal>();

        RunTogether(t =>
        {
            for (var i = 0; i < PerThread / 4; i++)
            {
                var key = $"{t}/{i}";
                var amount = Amount(t, i);
                Refusable(() => (t % 4) switch
                {
                    0 => fixture.Billing.Agency.Transfer(agency.Id, i % 2 == 0 ? client.Id : other.Id, amount, key),
                    1 => fixture.Billing.Agency.Transfer(i % 2 == 0 ? client.Id : other.Id, agency.Id, amount, key),
                    2 => fixture.Billing.Agency.Transfer(agency.Id, other.Id, amount, key),
                    _ => Charge(fixture, client.Id, day, amount, key, charged),
                });
            }
        });

        var group = new[] { agency.Id, client.Id, other.Id };
        Assert.Equal(5_000m - charged.Sum(), group.Sum(fixture.Balance));
        foreach (var id in group)
        {
            Assert.Equal(fixture.SumOfEntries(id), fixture.Balance(id));
            AssertChained(fixture, id, expectedCount: null);
        }

        var entries = fixture.Store.Read(() => fixture.Store.Entries.FindAll().ToList());
        Assert.Contains(entries, e => e.AutoTopUp);
        Assert.DoesNotContain(entries, e => e.Kind == EntryKind.TransferOut && e.BalanceAfter < 0);
        Assert.Equal(0m, entries.Where(e => e.Kind is EntryKind.TransferIn or EntryKind.TransferOut).Sum(e => e.Amount));
    }

    /// <summary>Different amounts per thread and step, so a lost or doubled update shows in the sum.</summary>
    private static decimal Amount(int thread, int step) => 1m + thread + (step % 17 / 100m);

    private static LedgerEntry Charge(BillingFixture fixture, int accountId, DateOnly day, decimal amount, string key, ConcurrentBag<decimal> charged)
    {
        var entry = fixture.Billing.Charges.Post(accountId, day, amount, key: "charge/" + key);
        charged.Add(amount);
        return entry;
    }

    private static void Refusable(Func<LedgerEntry> operation)
    {
        try
        {
            operation();
        }
        catch (BillingException e) when (e.Error is BillingError.InsufficientFunds)
        {
            // Refused by the rules; the properties check that a refusal changes nothing.
        }
    }

    /// <summary>Starts every worker on its own thread and releases them at once.</summary>
    private static void RunTogether(Action<int> work)
    {
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads)
            .Select(t => Task.Factory.StartNew(() =>
            {
                start.SignalAndWait();
                work(t);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Task.WaitAll(workers);
    }

    private static void AssertChained(BillingFixture fixture, int accountId, int? expectedCount)
    {
        var entries = fixture.Store.Read(() => fixture.Store.Entries.Find(e => e.AccountId == accountId).OrderBy(e => e.Seq).ToList());
        if (expectedCount is { } count)
        {
            Assert.Equal(count, entries.Count);
        }

        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Seq));
        var balance = 0m;
        foreach (var entry in entries)
        {
            balance += entry.Amount;
            Assert.Equal(balance, entry.BalanceAfter);
        }
    }
}
