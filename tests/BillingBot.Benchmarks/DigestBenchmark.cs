using BillingBot.Billing;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Localization;
using BillingBot.Notifications;
using Microsoft.Extensions.Options;

namespace BillingBot.Benchmarks;

/// <summary>
/// The morning after the accrual, on its database: the accrual's events turned into messages, then every account
/// owner's digest built at 09:00, as the daily schedule does, and the schedule's next minute when all are made.
/// </summary>
internal static class DigestBenchmark
{
    private const long FirstUser = 1_000_000;

    public static void Run(string path)
    {
        using var store = new BillingStore(path);
        var time = AccrualBenchmark.Time;
        var billing = new BillingService(store, time, new BillingSettings());
        var options = Options.Create(new NotificationOptions());
        var localizer = Localizer.Load();
        var notifier = new Notifier(billing, localizer, time, options);
        var digests = new Digests(billing, notifier, localizer, time, options);
        var chats = Figures.Measure(() => Seed(store, billing));
        Figures.Print($"link an owner's chat to each of {Figures.Number(chats.Result)} accounts (setup, not timed against a target)", Figures.Seconds(chats.Elapsed));

        var dispatch = Figures.Measure(() =>
        {
            var made = 0;
            while (store.Read(() => store.Outbox.Exists(e => e.Delivered == false)))
            {
                made += notifier.Dispatch();
            }

            return made;
        });
        Figures.Print("turn the accrual's events into messages", $"{Figures.Seconds(dispatch.Elapsed)}, {Figures.Number(dispatch.Result)} messages, {Figures.Megabytes(dispatch.Allocated)} allocated");

        time.SetUtcNow(new DateTimeOffset(AccrualBenchmark.Day.AddDays(1), new TimeOnly(9, 0), TimeSpan.Zero));
        var first = Figures.Measure(digests.QueueDue);
        Figures.Print(
            $"build the 09:00 digests of {Figures.Number(chats.Result)} chats",
            $"{Figures.Seconds(first.Elapsed)}, {Figures.Number(first.Result)} messages, {Figures.Megabytes(first.Allocated)} allocated",
            "<= 3 s",
            first.Elapsed.TotalSeconds <= 3);

        time.Advance(DailySchedule.Tick);
        var next = Figures.Measure(digests.QueueDue);
        Figures.Print("the next minute's digest pass (all made already)", $"{Figures.Seconds(next.Elapsed)}, {Figures.Number(next.Result)} messages, {Figures.Megabytes(next.Allocated)} allocated");
    }

    /// <summary>Every account but the agencies gets an owner whose private chat takes the digest, half in English, half in Russian.</summary>
    public static int Seed(BillingStore store, BillingService billing, string digestTime = "09:00")
    {
        var accounts = billing.Accounts.List().Where(a => a.Kind == Billing.Accounts.AccountKind.Customer).ToList();
        var sessions = store.Collection<ChatSession>("chats");
        var joined = AccrualBenchmark.Time.GetUtcNow();
        foreach (var batch in accounts.Chunk(10_000))
        {
            store.Write(() =>
            {
                store.Members.InsertBulk(batch.Select(a => new Membership { Id = Membership.IdOf(a.Id, FirstUser + a.Id), AccountId = a.Id, UserId = FirstUser + a.Id, Role = Role.Owner, JoinedAt = joined }));
                sessions.InsertBulk(batch.Select(a => new ChatSession { Id = FirstUser + a.Id, UserId = FirstUser + a.Id, AccountId = a.Id, Language = a.Id % 2 == 0 ? "en" : "ru", DigestTime = digestTime }));
            });
        }

        return accounts.Count;
    }
}
