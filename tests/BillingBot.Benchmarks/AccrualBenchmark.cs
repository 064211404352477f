using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Benchmarks;

/// <summary>
/// One day of accrual for many accounts, against a raw LiteDB bulk insert of as many entries in the same run:
/// the raw insert, and plain LiteDB doing the same work (<see cref="LayoutFloor"/>), are what the accrual (read the account, write its entry, update its balance) is held to.
/// </summary>
internal static class AccrualBenchmark
{
    /// <summary>The billing day accrued; the clock stands on the morning after, as a nightly run would.</summary>
    public static readonly DateOnly Day = new(2025, 3, 1);

    public static readonly FakeTimeProvider Time = new(new DateTimeOffset(2025, 3, 2, 6, 0, 0, TimeSpan.Zero));

    private const int SeedBatch = 10_000;

    public static string Run(Workspace workspace, int accounts)
    {
        var path = workspace.File("billing.db");
        AccrualResult result;
        TimeSpan accrualTime;
        using (var store = new BillingStore(path))
        {
            var seeded = Figures.Measure(() => Seed(store, accounts, Day));
            Figures.Print($"seed {Figures.Number(seeded.Result)} accounts (setup, not timed against a target)", Figures.Seconds(seeded.Elapsed));

            var billing = new BillingService(store, Time, new BillingSettings());
            var accrual = Figures.Measure(() => billing.Charges.Accrue(Day));
            result = accrual.Result;
            accrualTime = accrual.Elapsed;
            Figures.Print(
                $"accrue {Figures.Number(accounts)} accounts",
                $"{Figures.Seconds(accrualTime)}, {Figures.Number(result.Charges)} entries, {Figures.Number(result.Charges / accrualTime.TotalSeconds)} entries/s, {Figures.Megabytes(accrual.Allocated)} allocated",
                "<= 1.5 s",
                accrualTime.TotalSeconds <= 1.5);
        }

        var raw = Figures.Measure(() => RawLiteDb.BulkInsert(workspace.File("raw.db"), result.Charges, Day, Time.GetUtcNow()));
        Figures.Print(
            $"raw LiteDB bulk insert of {Figures.Number(result.Charges)} entries (the store's connection: direct mode, exact keys; _id + unique Position)",
            $"{Figures.Seconds(raw.Elapsed)}, {Figures.Number(result.Charges / raw.Elapsed.TotalSeconds)} entries/s, {Figures.Megabytes(raw.Allocated)} allocated");
        Figures.Print("accrual / raw insert", Figures.Number(accrualTime / raw.Elapsed, "0.00") + "x");
        var floor = LayoutFloor.Run(workspace, accounts, Day, Time.GetUtcNow(), raw.Elapsed);
        var ratio = accrualTime / floor;
        Figures.Print("accrual / plain LiteDB's floor of the same work (one balance a document)", Figures.Number(ratio, "0.00") + "x", "<= 1.3x", ratio <= 1.3);

        return path;
    }

    /// <summary>
    /// Accounts as a month of use leaves them: a month of daily charges in <see cref="Account.RecentCharges"/>; one in ten
    /// a client of an agency with an auto top-up rule; one in fifty (clients all) so low that the charge raises a low-balance
    /// event and its rule tops it up. Each is charged through the day before <paramref name="day"/>.
    /// </summary>
    public static int Seed(BillingStore store, int count, DateOnly day)
    {
        var agencies = Math.Max(1, count / 1_000);
        var history = Enumerable.Range(1, Forecast.LargestWindowDays).Select(d => new DailyCharge(day.AddDays(-d - 1), 10m)).Reverse().ToList();
        var all = Enumerable.Range(1, agencies).Select(id => Template(id, day, 0m, 1_000_000m, history: []) with { Kind = AccountKind.Agency })
            .Concat(Enumerable.Range(agencies + 1, count).Select(id => Template(id, day, 10m, id % 50 == 0 ? 35m : 1_000m, history) with
            {
                AgencyId = id % 10 == 0 ? 1 + (id % agencies) : null,
            }))
            .ToList();
        foreach (var batch in all.Chunk(SeedBatch))
        {
            store.Write(() =>
            {
                store.Accounts.InsertBulk(batch);
                store.Rules.InsertBulk(batch.Where(a => a.IsClient).Select(a => new AutoTopUpRule
                {
                    Id = a.Id,
                    AgencyId = a.AgencyId!.Value,
                    Amount = 500m,
                    Threshold = 100m,
                    Limit = 1_000m,
                    Period = LimitPeriod.Month,
                    Enabled = true,
                    PeriodStart = AutoTopUpRule.StartOf(LimitPeriod.Month, day),
                }));
            });
        }

        return all.Count;
    }

    private static Account Template(int id, DateOnly day, decimal tariff, decimal balance, IReadOnlyList<DailyCharge> history) => new()
    {
        Id = id,
        Name = "Bench " + id.ToString(CultureInfo.InvariantCulture),
        Currency = "RUB",
        DailyTariff = tariff,
        LowBalanceDays = 3,
        TimeZone = "UTC",
        CreatedAt = new DateTimeOffset(day.AddDays(-60), TimeOnly.MinValue, TimeSpan.Zero),
        BillingStart = day.AddDays(-60),
        AccruedThrough = day.AddDays(-1),
        Balance = balance,
        HasPaid = true,
        RecentCharges = history,
    };
}
