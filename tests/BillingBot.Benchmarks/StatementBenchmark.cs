using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;
using BillingBot.Documents;
using BillingBot.Localization;
using Microsoft.Extensions.Options;

namespace BillingBot.Benchmarks;

/// <summary>A monthly statement of a busy account, on the accrual's database: found among its other months, and drawn as a PDF and as CSV.</summary>
internal static class StatementBenchmark
{
    private const int MonthEntries = 10_000;

    /// <summary>Entries in the month before and the one after, which the statement must step over.</summary>
    private const int AroundEntries = 2_000;

    private static readonly DateOnly Month = new(2025, 2, 1);

    public static void Run(string path)
    {
        using var store = new BillingStore(path);
        var time = AccrualBenchmark.Time;
        var billing = new BillingService(store, time, new BillingSettings());
        var documents = new DocumentService(billing, Localizer.Load(), time, Options.Create(new DocumentOptions()));
        var account = Seed(store, billing);

        // Fonts, JIT and the PDF backend's first use, on an empty month, so the figures below are of the work itself.
        _ = documents.StatementPdf(account.Id, Month.AddMonths(-6), "ru");

        var query = Figures.Measure(() => billing.Accounts.Statement(account.Id, Month, Month.AddMonths(1).AddDays(-1)).Entries.Count);
        Figures.Print($"statement query, {Figures.Number(query.Result)} of {Figures.Number(MonthEntries + (2 * AroundEntries))} entries", $"{Figures.Milliseconds(query.Elapsed.TotalMilliseconds)}, {Figures.Megabytes(query.Allocated)} allocated");
        var pdf = Figures.Measure(() => documents.StatementPdf(account.Id, Month, "ru"));
        Figures.Print(
            $"statement PDF of {Figures.Number(MonthEntries)} entries in a month",
            $"{Figures.Seconds(pdf.Elapsed)}, {Figures.Megabytes(pdf.Result.Content.Length)}, {Figures.Megabytes(pdf.Allocated)} allocated");

        var csv = Figures.Measure(() => documents.StatementCsv(account.Id, Month, "ru"));
        Figures.Print($"statement CSV of {Figures.Number(MonthEntries)} entries in a month", $"{Figures.Seconds(csv.Elapsed)}, {Figures.Megabytes(csv.Result.Content.Length)}, {Figures.Megabytes(csv.Allocated)} allocated");
    }

    /// <summary>A Moscow account with entries through January, February and the start of March, every tenth a payment.</summary>
    private static Account Seed(BillingStore store, BillingService billing)
    {
        var account = billing.Accounts.Create(new NewAccount("Цветочный магазин", "RUB", 100m, TimeZone: "Europe/Moscow"));
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(3));
        var end = new DateTimeOffset(2025, 3, 2, 0, 0, 0, TimeSpan.FromHours(3));
        var count = MonthEntries + (2 * AroundEntries);
        var january = (long)AroundEntries;
        var february = january + MonthEntries;
        var balance = 0m;
        var entries = new List<LedgerEntry>(count);
        for (var seq = 1L; seq <= count; seq++)
        {
            // Spread evenly over each month, so exactly MonthEntries fall in February.
            var time = seq <= january ? Between(start, new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(3)), seq - 1, january)
                : seq <= february ? Between(new DateTimeOffset(2025, 2, 1, 0, 0, 0, TimeSpan.FromHours(3)), new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(3)), seq - january - 1, MonthEntries)
                : Between(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(3)), end, seq - february - 1, AroundEntries);
            var payment = seq % 10 == 0;
            var amount = payment ? 1_000m : -100m;
            balance += amount;
            entries.Add(new LedgerEntry
            {
                Id = $"statement/{account.Id}/{seq}",
                AccountId = account.Id,
                Seq = seq,
                Position = LedgerEntry.PositionOf(account.Id, seq),
                Time = time,
                Amount = amount,
                Kind = payment ? EntryKind.Payment : EntryKind.ServiceCharge,
                PaymentId = payment ? $"bank-{seq}" : null,
                ChargeDate = payment ? null : DateOnly.FromDateTime(time.DateTime),
                BalanceAfter = balance,
            });
        }

        store.Write(() =>
        {
            store.Entries.InsertBulk(entries);
            store.Accounts.Update(account with { LastSeq = count, Balance = balance });
        });
        return account;
    }

    private static DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to, long index, long count) =>
        from + ((to - from) * index / count);
}
