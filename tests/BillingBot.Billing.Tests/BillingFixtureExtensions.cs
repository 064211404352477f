using BillingBot.Billing.Events;
using BillingBot.Billing.Ledger;

namespace BillingBot.Billing.Tests;

internal static class BillingFixtureExtensions
{
    public static IReadOnlyList<OutboxEvent> Events(this BillingFixture f, EventType? type = null) =>
        f.Store.Read(() => f.Store.Outbox.FindAll().Where(e => type is null || e.Type == type).ToList());

    public static IReadOnlyList<LedgerEntry> Entries(this BillingFixture f, int accountId) =>
        f.Store.Read(() => f.Store.Entries.Find(e => e.AccountId == accountId).OrderBy(e => e.Seq).ToList());

    /// <summary>Moves the fake clock to 10:00 UTC of <paramref name="day"/>.</summary>
    public static void SetDay(this BillingFixture f, DateOnly day) =>
        f.Time.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero));
}
