using System.Collections.Concurrent;
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
    private const int Batch = 200;

    private readonly ILiteCollection<ChatSession> _sessions = billing.Store.Collection<ChatSession>("chats");

    /// <summary>Each chat's digest known to be made (in the store), so a pass each minute need not look it up again.</summary>
    private readonly ConcurrentDictionary<long, string> _made = new();

    /// <summary>Told of a chat whose digest could not be made (the schedule logs it); the others go on.</summary>
    public Action<long, Exception>? Failed { get; set; }

    public int QueueDue()
    {
        var now = time.GetUtcNow();
        var stored = 0;
        // A few hundred at a time, built from one snapshot and stored in one transaction: one read each would cost
        // more than the digest itself, and all at once would keep the chats waiting.
        foreach (var batch in Due(now).Chunk(Batch))
        {
            stored += Store(billing.Store.Read(() => batch.Where(d => !Exists(d.Id, d.Session.Id)).Select(d => Digest(d.Id, d.Session, now)).OfType<OutboxMessage>().ToList()));
        }

        return stored + Store([.. AutoTopUpSummaries(now)]);
    }

    /// <summary>The digests due by now in each chat's own time, less those known to be made already.</summary>
    private List<(ChatSession Session, string Id)> Due(DateTimeOffset now)
    {
        var due = new List<(ChatSession Session, string Id)>();
        foreach (var session in billing.Store.Read(() => _sessions.Find(s => s.DigestEnabled && !s.Unreachable && s.AccountId != null).ToList()))
        {
            try
            {
                // One reading of the clock for both the day and the hour: a pass that crosses midnight must not
                // make tomorrow's digest at 00:00.
                var local = TimeZoneInfo.ConvertTime(now, Clock.Zone(session.TimeZone)).DateTime;
                var at = TimeOnly.TryParseExact(session.DigestTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var digestAt) ? digestAt : new TimeOnly(9, 0);
                var id = $"digest:{session.Id}:{DateOnly.FromDateTime(local):yyyy-MM-dd}";
                if (TimeOnly.FromDateTime(local) >= at && _made.GetValueOrDefault(session.Id) != id)
                {
                    due.Add((session, id));
                }
            }
            catch (BillingException e)
            {
                Failed?.Invoke(session.Id, e);
            }
        }

        return due;
    }

    private bool Exists(string id, long chat)
    {
        if (notifier.Messages.FindById(id) is null)
        {
            return false;
        }

        _made[chat] = id;
        return true;
    }

    /// <summary>Stores the messages not stored yet (checked again in the same transaction); says how many.</summary>
    private int Store(IReadOnlyCollection<OutboxMessage> messages)
    {
        var stored = notifier.Store(() => messages.Count(m => notifier.Messages.FindById(m.Id) is null && notifier.Messages.Insert(m) is not null));
        foreach (var message in messages.Where(m => m.Id.StartsWith("digest:", StringComparison.Ordinal)))
        {
            _made[message.ChatId] = message.Id;
        }

        return stored;
    }

    private OutboxMessage? Digest(string id, ChatSession session, DateTimeOffset now)
    {
        try
        {
            return Compose(id, session, now);
        }
        catch (BillingException e)
        {
            // The chat's account is gone, say: that chat's digest only.
            Failed?.Invoke(session.Id, e);
            return null;
        }
    }

    private OutboxMessage Compose(string id, ChatSession session, DateTimeOffset now)
    {
        var t = new ChatText(localizer, session.Language, session.TimeZone);
        var (account, forecast, today) = billing.Accounts.Summary(session.AccountId!.Value);
        today = t.LocalDay(now);
        var yesterday = today.AddDays(-1);
        var charged = account.RecentCharges.Where(c => c.Date == yesterday).Sum(c => c.Amount);
        var unpaid = billing.Invoices.List(account.Id).Where(i => i.Status == InvoiceStatus.Unpaid).ToList();
        var lasts = t.Lasts(forecast, account.Balance);
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
        foreach (var agency in billing.Accounts.Agencies())
        {
            var yesterday = time.Today(agency.TimeZone).AddDays(-1);
            string IdFor(long chat) => $"autotopups:{agency.Id}:{chat}:{yesterday:yyyy-MM-dd}";
            var members = billing.Members.MembersOf(agency.Id).Where(m => billing.Store.Read(() => notifier.Messages.FindById(IdFor(m.UserId))) is null).ToList();
            var topUps = members.Count == 0 ? [] : TopUpsOn(agency.Id, yesterday);
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

    /// <summary>The agency's auto top-up transfers made on <paramref name="day"/> in its time zone, newest first.</summary>
    private List<LedgerEntry> TopUpsOn(int agencyId, DateOnly day) =>
        [.. billing.Accounts.Statement(agencyId, day, day).Entries.Where(e => e is { Kind: EntryKind.TransferOut, AutoTopUp: true }).Reverse()];
}
