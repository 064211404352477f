using System.Collections.Concurrent;
using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Members;
using BillingBot.Chat;
using BillingBot.Dialogs;
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
    /// <summary>
    /// Chats read in their accounts' order, and their digests built and stored, a page at a time: each page is a few
    /// range reads and one short transaction, so a morning of a hundred thousand digests never holds the store long or
    /// holds every chat in memory, and a page whose digests are all made reads no account.
    /// </summary>
    private const int Page = 500;

    /// <remarks>
    /// <c>!= true</c>, not <c>= false</c>: LiteDB would answer an equality from the index on <c>Unreachable</c> (kept for
    /// the outbox's figures) and then sort every reachable chat to find a page, instead of walking the account index.
    /// </remarks>
    private static readonly string Subscribed =
        $"$.{nameof(ChatSession.DigestEnabled)} = true AND $.{nameof(ChatSession.Unreachable)} != true";

    private readonly ChatSessions _sessions = ChatSessions.Of(billing.Store);

    /// <summary>The last day each chat's digest is known to be made (in the store), so a pass each minute need not look it up again.</summary>
    private readonly ConcurrentDictionary<long, DateOnly> _made = new();

    /// <summary>Told of a chat whose digest could not be made (the schedule logs it); the others go on.</summary>
    public Action<long, Exception>? Failed { get; set; }

    public int QueueDue()
    {
        var now = time.GetUtcNow();
        var stored = 0;
        for (var after = int.MinValue; ;)
        {
            var chats = billing.Store.Read(() => ChatsAfter(after));
            if (chats.Count == 0)
            {
                break;
            }

            var (first, last) = (chats[0].AccountId!.Value, chats[^1].AccountId!.Value);
            after = last;
            var due = Due(chats, now);
            if (due.Count == 0)
            {
                continue;
            }

            // The accounts as they are now, read together: the chats' page may be a moment older, which changes nothing a
            // digest says. A person's other accounts (one query for the page's people) are read apart, each once.
            var mornings = billing.Accounts.Mornings(first, last).ToDictionary();
            var members = billing.Members.AccountsOfAll([.. due.Where(d => d.Session.Id > 0).Select(d => d.Session.Id)]);
            var made = due
                .Select(d => (Due: d, Messages: Digest(d.Id, d.Session, AccountsOf(d.Session, members, mornings), now)))
                .Where(d => d.Messages.Count > 0)
                .ToList();
            stored += Store([.. made.SelectMany(d => d.Messages)]);
            foreach (var (d, _) in made)
            {
                _made[d.Session.Id] = d.Day;
            }
        }

        return stored + Store([.. AutoTopUpSummaries(now)]);
    }

    /// <summary>The next page of subscribed chats by account, after account <paramref name="after"/>; the last account's chats all in it.</summary>
    private List<ChatSession> ChatsAfter(int after)
    {
        var chats = PageQuery(after).ToList();
        if (chats.Count == Page)
        {
            // The page may end among the last account's chats: the rest of them come with it, for the next page starts after it.
            var last = chats[^1].AccountId!.Value;
            var known = chats.Select(c => c.Id).ToHashSet();
            chats.AddRange(_sessions.Collection.Find(BsonExpression.Create($"$.{nameof(ChatSession.AccountId)} = @0 AND {Subscribed}", last)).Where(c => !known.Contains(c.Id)));
        }

        return chats;
    }

    /// <summary>The first <see cref="Page"/> subscribed chats after account <paramref name="after"/>, walking the account index.</summary>
    internal ILiteQueryableResult<ChatSession> PageQuery(int after) => _sessions.Collection.Query()
        .Where(BsonExpression.Create($"$.{nameof(ChatSession.AccountId)} > @0 AND {Subscribed}", after))
        .OrderBy(s => s.AccountId)
        .Limit(Page);

    /// <summary>The digests of <paramref name="chats"/> due by now in each chat's own time, less those known to be made already.</summary>
    private List<(ChatSession Session, string Id, DateOnly Day)> Due(List<ChatSession> chats, DateTimeOffset now)
    {
        var due = new List<(ChatSession Session, string Id, DateOnly Day)>();
        foreach (var session in chats)
        {
            try
            {
                // One reading of the clock for both the day and the hour: a pass that crosses midnight must not
                // make tomorrow's digest at 00:00.
                var local = TimeZoneInfo.ConvertTime(now, Clock.Zone(session.TimeZone)).DateTime;
                var at = TimeOnly.TryParseExact(session.DigestTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var digestAt) ? digestAt : new TimeOnly(9, 0);
                var day = DateOnly.FromDateTime(local);
                if (TimeOnly.FromDateTime(local) >= at && _made.GetValueOrDefault(session.Id) != day)
                {
                    due.Add((session, $"digest:{session.Id}:{day:yyyy-MM-dd}", day));
                }
            }
            catch (BillingException e)
            {
                Failed?.Invoke(session.Id, e);
            }
        }

        return due;
    }

    /// <summary>
    /// The mornings of every account the chat's digest covers: the one it is on first, then each other the person
    /// belongs to (a private chat is its person's; a group's digest is of its account).
    /// </summary>
    private List<AccountMorning> AccountsOf(ChatSession session, IReadOnlyDictionary<long, IReadOnlyList<Membership>> members, Dictionary<int, AccountMorning> mornings)
    {
        var ids = new List<int> { session.AccountId!.Value };
        if (members.TryGetValue(session.Id, out var memberships))
        {
            ids.AddRange(memberships.Select(m => m.AccountId).Where(id => id != ids[0]));
        }

        var found = new List<AccountMorning>();
        foreach (var id in ids)
        {
            if (!mornings.TryGetValue(id, out var morning) && billing.Accounts.Mornings(id, id).TryGetValue(id, out morning))
            {
                mornings[id] = morning;
            }

            if (morning is not null)
            {
                found.Add(morning);
            }
        }

        return found;
    }

    /// <summary>
    /// Stores the messages not stored yet; says how many. A message is made once, so normally none is there: they are
    /// inserted at once, and only when one turns out to be there already (the first pass after a restart) are they
    /// looked up, in one query, and the rest inserted.
    /// </summary>
    private int Store(List<OutboxMessage> messages)
    {
        if (messages.Count == 0)
        {
            return 0;
        }

        int stored;
        try
        {
            stored = notifier.Store(() => notifier.Messages.InsertBulk(messages));
        }
        catch (LiteException e) when (e.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            stored = notifier.Store(() =>
            {
                var made = notifier.Messages.Find(BsonExpression.Create("$._id IN @0", new BsonArray(messages.Select(m => new BsonValue(m.Id))))).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
                return notifier.Messages.InsertBulk(messages.Where(m => !made.Contains(m.Id)));
            });
        }

        return stored;
    }

    private List<OutboxMessage> Digest(string id, ChatSession session, List<AccountMorning> mornings, DateTimeOffset now)
    {
        try
        {
            return mornings.Count == 0 ? [] : Compose(id, session, mornings, now);
        }
        catch (BillingException e)
        {
            Failed?.Invoke(session.Id, e);
            return [];
        }
    }

    /// <summary>Telegram's limit on a message's text: a digest of many accounts is split between its sections.</summary>
    public const int MaxText = 4096;

    /// <summary>
    /// A section for each account, in as few messages as Telegram's limit allows, split only between sections: the first
    /// is <paramref name="id"/>, the next <c>id:2</c> and on, so each is made once. Each account has its Top up button.
    /// </summary>
    private List<OutboxMessage> Compose(string id, ChatSession session, List<AccountMorning> mornings, DateTimeOffset now)
    {
        var t = new ChatText(localizer, session.Language, session.TimeZone, time);
        if (mornings.Count == 1)
        {
            var account = mornings[0].Summary.Account;
            return [Message(id, session, Section(t, mornings[0], now), [new Button(t["chat.button.topUp"], Presses.TopUpAccount.Data(account.Id)), new Button(t["chat.button.history"], Presses.History.Data())], [account.Id], now)];
        }

        var messages = new List<OutboxMessage>();
        var (text, buttons, accounts) = ("", new List<Button>(), new List<int>());
        foreach (var morning in mornings)
        {
            var section = Section(t, morning, now);
            if (text.Length > 0 && text.Length + 2 + section.Length > MaxText)
            {
                Flush();
                (text, buttons, accounts) = ("", [], []);
            }

            text = text.Length == 0 ? section : text + "\n\n" + section;
            accounts.Add(morning.Summary.Account.Id);
            buttons.Add(new Button(t["chat.button.topUpAccount", ("name", morning.Summary.Account.Name)], Presses.TopUpAccount.Data(morning.Summary.Account.Id)));
        }

        Flush();
        return messages;

        void Flush() => messages.Add(Message(messages.Count == 0 ? id : $"{id}:{messages.Count + 1}", session, text, buttons, accounts, now));
    }

    private static OutboxMessage Message(string id, ChatSession session, string text, IReadOnlyList<Button> buttons, IReadOnlyList<int> accounts, DateTimeOffset now) => new()
    {
        Id = id,
        ChatId = session.Id,
        Text = text,
        Buttons = buttons,
        AccountIds = accounts,
        NotBefore = now,
        CreatedAt = now,
    };

    /// <summary>One account's part of a digest: yesterday's charges, the balance and how long it lasts, what is unpaid and owed.</summary>
    private static string Section(ChatText t, AccountMorning morning, DateTimeOffset now)
    {
        var account = morning.Summary.Account;
        var today = t.LocalDay(now);
        var yesterday = today.AddDays(-1);
        var charged = account.RecentCharges.Where(c => c.Date == yesterday).Sum(c => c.Amount);
        var lasts = t.Lasts(morning.Summary.Forecast, account.Balance);
        var lines = new List<string>
        {
            t["notify.digest", ("name", account.Name), ("date", t.Date(today)), ("charged", t.Money(charged, account.Currency)), ("balance", t.Money(account.Balance, account.Currency)), ("lasts", ChatText.Raw(lasts))],
            t["notify.digest.invoices", ("count", morning.Unpaid.Count), ("amount", t.Money(morning.Unpaid.Sum(i => i.Amount), account.Currency))],
        };
        lines.AddRange(morning.Unsettled.Select(p => t.Owed(p, account.Currency)));
        return string.Join("\n", lines);
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
                var session = billing.Store.Read(() => _sessions.Get(member.UserId));
                if (session is { Unreachable: true })
                {
                    continue;
                }

                var t = new ChatText(localizer, session?.Language ?? "en", session?.TimeZone ?? agency.TimeZone, time);
                var clients = topUps.GroupBy(e => e.CounterpartyId ?? 0).Select(g => t["notify.autoTopUps.client", ("name", billing.Accounts.Get(g.Key).Name), ("count", g.Count()), ("amount", t.Money(-g.Sum(e => e.Amount), agency.Currency))]);
                yield return new OutboxMessage
                {
                    Id = IdFor(member.UserId),
                    ChatId = member.UserId,
                    AccountIds = [agency.Id],
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
