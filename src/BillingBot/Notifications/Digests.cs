using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Chat;
using BillingBot.Localization;
using LiteDB;
using Microsoft.Extensions.Options;

namespace BillingBot.Notifications;

/// <summary>
/// The daily messages: each subscribed chat's digest at its local time, and each agency's summary of yesterday's
/// auto top-ups. A message's id names its chat and day, so one is made once however often this runs, and a bot
/// that was down at nine makes the day's digest when it is back.
/// </summary>
internal sealed class Digests(BillingService billing, Notifier notifier, Localizer localizer, TimeProvider time, IOptions<NotificationOptions> options)
{
    private readonly ILiteCollection<ChatSession> _sessions = billing.Store.Collection<ChatSession>("chats");

    /// <summary>Told of a chat whose digest could not be made (the schedule logs it); the others go on.</summary>
    public Action<long, Exception>? Failed { get; set; }

    public int QueueDue()
    {
        var now = time.GetUtcNow();
        var due = new List<(ChatSession Session, string Id, DateOnly Today)>();
        foreach (var session in billing.Store.Read(() => _sessions.Find(s => s.DigestEnabled && !s.Unreachable && s.AccountId != null).ToList()))
        {
            try
            {
                // One reading of the clock for both the day and the hour: a pass that crosses midnight must not
                // make tomorrow's digest at 00:00.
                var local = TimeZoneInfo.ConvertTime(now, Clock.Zone(session.TimeZone)).DateTime;
                var at = TimeOnly.TryParseExact(session.DigestTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var digestAt) ? digestAt : new TimeOnly(9, 0);
                if (TimeOnly.FromDateTime(local) >= at)
                {
                    var today = DateOnly.FromDateTime(local);
                    due.Add((session, $"digest:{session.Id}:{today:yyyy-MM-dd}", today));
                }
            }
            catch (BillingException e)
            {
                Failed?.Invoke(session.Id, e);
            }
        }

        // Which of them exist already, in one read rather than one a chat.
        var existing = billing.Store.Read(() => due.Where(d => notifier.Messages.FindById(d.Id) is not null).Select(d => d.Id).ToHashSet());
        var made = new List<OutboxMessage>();
        foreach (var (session, id, _) in due.Where(d => !existing.Contains(d.Id)))
        {
            try
            {
                made.Add(Digest(id, session, now));
            }
            catch (BillingException e)
            {
                // The chat's account is gone, say: that chat's digest only.
                Failed?.Invoke(session.Id, e);
            }
        }

        made.AddRange(AutoTopUpSummaries(now));
        return notifier.Store(() => made.Count(m => notifier.Messages.FindById(m.Id) is null && notifier.Messages.Insert(m) is not null));
    }

    private OutboxMessage Digest(string id, ChatSession session, DateTimeOffset now)
    {
        var t = new ChatText(localizer, session.Language, session.TimeZone);
        var (account, forecast, today) = billing.Accounts.Summary(session.AccountId!.Value);
        today = t.LocalDay(now);
        var yesterday = today.AddDays(-1);
        var charged = account.RecentCharges.Where(c => c.Date == yesterday).Sum(c => c.Amount);
        var unpaid = billing.Invoices.List(account.Id).Where(i => i.Status == InvoiceStatus.Unpaid).ToList();
        var lasts = t.Lasts(forecast);
        var lines = new List<string>
        {
            t["notify.digest", ("name", account.Name), ("date", t.Date(today)), ("charged", t.Money(charged, account.Currency)), ("balance", t.Money(account.Balance, account.Currency)), ("lasts", ChatText.Raw(lasts))],
            t["notify.digest.invoices", ("count", unpaid.Count), ("amount", t.Money(unpaid.Sum(i => i.Amount), account.Currency))],
        };
        lines.AddRange(billing.Promises.Offer(account.Id).Unsettled.Select(p => t.Owed(p, account.Currency)));
        return new OutboxMessage
        {
            Id = id,
            ChatId = session.Id,
            Text = string.Join("\n", lines),
            Buttons = [new Button(t["chat.button.topUp"], $"top:{account.Id}"), new Button(t["chat.button.history"], "hist")],
            NotBefore = now,
            CreatedAt = now,
        };
    }

    /// <summary>Yesterday's auto top-ups of every agency that made some, to each of its people, once a day.</summary>
    private IEnumerable<OutboxMessage> AutoTopUpSummaries(DateTimeOffset now)
    {
        var agencies = billing.Accounts.List().Where(a => a.Kind == Billing.Accounts.AccountKind.Agency);
        foreach (var agency in agencies)
        {
            var yesterday = time.Today(agency.TimeZone).AddDays(-1);
            string IdFor(long chat) => $"autotopups:{agency.Id}:{chat}:{yesterday:yyyy-MM-dd}";
            var members = billing.Members.MembersOf(agency.Id).Where(m => billing.Store.Read(() => notifier.Messages.FindById(IdFor(m.UserId))) is null).ToList();
            var topUps = members.Count == 0 ? [] : TopUpsOn(agency.Id, agency.TimeZone, yesterday);
            if (topUps.Count == 0)
            {
                continue;
            }

            foreach (var member in members)
            {
                var session = billing.Store.Read(() => _sessions.FindById(member.UserId));
                if (session is { Unreachable: true })
                {
                    continue;
                }

                var t = new ChatText(localizer, session?.Language ?? "en", session?.TimeZone ?? agency.TimeZone);
                var clients = topUps.GroupBy(e => e.CounterpartyId ?? 0).Select(g => t["notify.autoTopUps.client", ("name", billing.Accounts.Get(g.Key).Name), ("count", g.Count()), ("amount", t.Money(-g.Sum(e => e.Amount), agency.Currency))]);
                yield return new OutboxMessage
                {
                    Id = IdFor(member.UserId),
                    ChatId = member.UserId,
                    Text = t["notify.autoTopUps", ("name", agency.Name), ("date", t.Date(yesterday)), ("amount", t.Money(-topUps.Sum(e => e.Amount), agency.Currency))] + "\n" + string.Join("\n", clients),
                    // Made just after the agency's midnight: it waits for the morning like any other news.
                    NotBefore = QuietHours.End(now, session?.TimeZone ?? agency.TimeZone, options.Value),
                    CreatedAt = now,
                };
            }
        }
    }

    /// <summary>The agency's auto top-up transfers made on <paramref name="day"/> in its time zone, read newest first until before that day.</summary>
    private List<LedgerEntry> TopUpsOn(int agencyId, string zone, DateOnly day)
    {
        var found = new List<LedgerEntry>();
        for (var page = 1; ; page++)
        {
            var history = billing.Accounts.History(agencyId, page, 200);
            foreach (var entry in history.Entries)
            {
                var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(entry.Time, Clock.Zone(zone)).DateTime);
                if (local < day)
                {
                    return found;
                }

                if (local == day && entry is { Kind: EntryKind.TransferOut, AutoTopUp: true })
                {
                    found.Add(entry);
                }
            }

            if (!history.HasMore)
            {
                return found;
            }
        }
    }
}
