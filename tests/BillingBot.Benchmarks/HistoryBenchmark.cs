using System.Diagnostics;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;

namespace BillingBot.Benchmarks;

/// <summary>The newest page of a long history, read as the bot reads it: one call, one read transaction.</summary>
internal static class HistoryBenchmark
{
    private const int Warmup = 20;

    public static void Run(string path, int entries, int calls)
    {
        using var store = new BillingStore(path);
        var billing = new BillingService(store, AccrualBenchmark.Time, new BillingSettings());
        var account = billing.Accounts.Create(new NewAccount("History", "RUB", 10m));
        var now = AccrualBenchmark.Time.GetUtcNow();
        store.Write(() =>
        {
            store.Entries.InsertBulk(Enumerable.Range(1, entries).Select(seq => new LedgerEntry
            {
                Id = $"history/{account.Id}/{seq}",
                AccountId = account.Id,
                Seq = seq,
                Position = LedgerEntry.PositionOf(account.Id, seq),
                Time = now,
                Amount = seq % 10 == 0 ? 100m : -10m,
                Kind = seq % 10 == 0 ? EntryKind.Payment : EntryKind.ServiceCharge,
                BalanceAfter = seq,
                ChargeDate = seq % 10 == 0 ? null : AccrualBenchmark.Day,
            }));
            store.Accounts.Update(account with { LastSeq = entries });
        });

        var newest = Percentiles(calls, () => billing.Accounts.History(account.Id).Entries.Count);
        Figures.Print(
            $"history page 1 of {Figures.Number(entries)} entries, median of {calls}",
            Figures.Milliseconds(newest.Median),
            "< 5 ms",
            newest.Median < 5);
        Figures.Print($"history page 1 of {Figures.Number(entries)} entries, p95 of {calls}", Figures.Milliseconds(newest.P95), "< 5 ms", newest.P95 < 5);

        // For scale: a deep page, and an empty read transaction (what any call pays for its snapshot).
        var deep = Percentiles(calls, () => billing.Accounts.History(account.Id, page: entries / AccountService.PageSize / 2).Entries.Count);
        Figures.Print($"history page {entries / AccountService.PageSize / 2} (middle), median / p95", $"{Figures.Milliseconds(deep.Median)} / {Figures.Milliseconds(deep.P95)}");
        var empty = Percentiles(calls, () => store.Read(() => 0));
        Figures.Print("empty read transaction, median / p95", $"{Figures.Milliseconds(empty.Median)} / {Figures.Milliseconds(empty.P95)}");
    }

    private static (double Median, double P95) Percentiles(int calls, Func<int> call)
    {
        for (var i = 0; i < Warmup; i++)
        {
            _ = call();
        }

        var times = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            _ = call();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (times[calls / 2], times[Math.Min(calls - 1, (int)Math.Ceiling(calls * 0.95) - 1)]);
    }
}
