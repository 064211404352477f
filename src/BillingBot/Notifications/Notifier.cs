using BillingBot.Billing;
using BillingBot.Billing.Events;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Dialogs;
using BillingBot.Localization;
using LiteDB;
using Microsoft.Extensions.Options;

namespace BillingBot.Notifications;

/// <summary>
/// Turns the ledger's outbox events into messages, one per recipient chat, in the chat's language, in the same
/// transaction that marks the event delivered: an event becomes its messages exactly once.
/// </summary>
internal sealed class Notifier
{
    private const int Batch = 500;

    private static readonly BsonExpression Undelivered = Filter.Equal(nameof(OutboxEvent.Delivered), false);

    private readonly BillingService _billing;
    private readonly Localizer _localizer;
    private readonly TimeProvider _time;
    private readonly NotificationOptions _options;
    private readonly ILiteCollection<OutboxMessage> _messages;
    private readonly ChatSessions _sessions;

    public Notifier(BillingService billing, Localizer localizer, TimeProvider time, IOptions<NotificationOptions> options)
    {
        _billing = billing;
        _localizer = localizer;
        _time = time;
        _options = options.Value;
        _messages = OutboxMessages.Of(billing.Store).Collection;
        _sessions = ChatSessions.Of(billing.Store);
        billing.Store.Write(() =>
        {
            _messages.EnsureIndex(m => m.Status);
            _messages.EnsureIndex(m => m.ChatId);
            if (_messages.EnsureIndex(m => m.QueueKey))
            {
                // Made by a release before the queue key: its pending messages are stored once more, with their keys.
                _messages.Update(_messages.Find(Filter.Equal(nameof(OutboxMessage.Status), nameof(MessageStatus.Pending))).ToList());
            }

            // The chats of an account: who hears of its events, and whose digests a page of accounts makes.
            _sessions.Collection.EnsureIndex(s => s.AccountId);
            // Counted by the outbox's figures from the index alone.
            _sessions.Collection.EnsureIndex(s => s.Unreachable);
        });
    }

    public ILiteCollection<OutboxMessage> Messages => _messages;

    /// <summary>Told of an event that could not be turned into messages (the sender logs it).</summary>
    public Action<OutboxEvent, Exception>? Failed { get; set; }

    /// <summary>Runs <paramref name="work"/> on the messages in one transaction.</summary>
    public T Store<T>(Func<T> work) => _billing.Store.Write(work);

    public void SaveAll(IReadOnlyCollection<OutboxMessage> messages)
    {
        if (messages.Count > 0)
        {
            _billing.Store.Write(() => _messages.Upsert(messages));
        }
    }

    /// <summary>
    /// The oldest message due by <paramref name="now"/> of each chat, oldest first, skipping a chat that is not
    /// <paramref name="ready"/> for one, up to <paramref name="count"/> chats. The queue is read from its front a page
    /// at a time, each page its own short read, so a morning of a hundred thousand pending digests is never in memory at once.
    /// </summary>
    public List<OutboxMessage> NextDue(DateTimeOffset now, int count, Func<long, bool> ready)
    {
        var (next, seen, end, dropped) = (new List<OutboxMessage>(), new HashSet<long>(), OutboxMessage.QueueEnd(now), new List<OutboxMessage>());
        for (var after = ""; next.Count < count;)
        {
            var from = after;
            var page = _billing.Store.Read(() => _messages.Query()
                .Where(Filter.Between(nameof(OutboxMessage.QueueKey), from, end))
                .OrderBy(m => m.QueueKey)
                .Limit(Batch)
                .ToList());
            foreach (var message in page.Where(m => m.QueueKey != from))
            {
                after = message.QueueKey!;
                if (!StillFor(message))
                {
                    dropped.Add(message with { Status = MessageStatus.Dropped });
                    continue;
                }

                // A chat's first message in the queue is the one it gets next; a chat not ready now waits whole.
                if (seen.Add(message.ChatId) && ready(message.ChatId) && next.Count < count)
                {
                    next.Add(message);
                }
            }

            if (page.Count < Batch)
            {
                break;
            }
        }

        // Removed from an account (or left it) before its news went out: the news stays unsent, and is marked so.
        SaveAll(dropped);
        return next;
    }

    /// <summary>
    /// Whether a waiting message is still for its chat: a private chat's person (its id is theirs) must still be a member of
    /// every account the message tells about. A group's messages follow the group's link, which Settings changes.
    /// </summary>
    private bool StillFor(OutboxMessage message) =>
        message.ChatId <= 0 || message.AccountIds.Count == 0
        || _billing.Members.AccountsOf(message.ChatId) is var memberships && message.AccountIds.All(id => memberships.Any(m => m.AccountId == id));

    /// <summary>The chat blocked the bot or is gone: it is marked so, and its waiting messages are held as unreachable.</summary>
    public void MarkUnreachable(long chatId) => _billing.Store.Write(() =>
    {
        var session = _sessions.Get(chatId) ?? new ChatSession { Id = chatId };
        _sessions.Put(session with { Unreachable = true });
        foreach (var message in _messages.Find(Filter.Equal(nameof(OutboxMessage.ChatId), chatId)).Where(m => m.Status is MessageStatus.Pending or MessageStatus.Sending).ToList())
        {
            _messages.Update(message with { Status = MessageStatus.Unreachable });
        }
    });

    /// <summary>
    /// A group became a supergroup with a new id: its link to the account, its settings and its waiting messages
    /// follow it. Moving again changes nothing.
    /// </summary>
    public void MoveChat(long from, long to) => _billing.Store.Write(() =>
    {
        if (_sessions.Get(from) is { } old)
        {
            var current = _sessions.Get(to);
            _sessions.Put(current is null ? old with { Id = to } : current with { AccountId = current.AccountId ?? old.AccountId });
            _sessions.Delete(from);
        }

        foreach (var message in _messages.Find(Filter.Equal(nameof(OutboxMessage.ChatId), from)).Where(m => m.Status == MessageStatus.Pending).ToList())
        {
            _messages.Update(message with { ChatId = to });
        }
    });

    /// <summary>How many messages are in each state, and how many chats cannot be reached.</summary>
    public (IReadOnlyDictionary<MessageStatus, int> ByStatus, int UnreachableChats) Stats() => _billing.Store.Read(() =>
    (
        Enum.GetValues<MessageStatus>().ToDictionary(s => s, s => Filter.CountIndexed(_messages, nameof(OutboxMessage.Status), s.ToString())),
        Filter.CountIndexed(_sessions.Collection, nameof(ChatSession.Unreachable), true)));

    /// <summary>Fans out the events not delivered yet; returns how many messages it made.</summary>
    /// <remarks>Asked every moment by the sender: a look first, and a write transaction only when there is something to do.</remarks>
    public int Dispatch() => !_billing.Store.Read(() => _billing.Store.Outbox.Exists(Undelivered)) ? 0 : _billing.Store.Write(() =>
    {
        var made = 0;
        foreach (var e in _billing.Store.Outbox.Find(Undelivered, limit: Batch).ToList())
        {
            try
            {
                foreach (var chat in Recipients(e))
                {
                    if (_messages.FindById(Id(e, chat)) is null && Render(e, chat) is { } message)
                    {
                        _messages.Insert(message);
                        made++;
                    }
                }
            }
            catch (Exception error) when (error is BillingException or FormatException or InvalidOperationException)
            {
                // One event that cannot be rendered (a chat's unknown time zone, say) must not hold back the others.
                Failed?.Invoke(e, error);
            }

            _billing.Store.Outbox.Update(e with { Delivered = true });
        }

        return made;
    });

    public static string Id(OutboxEvent e, long chat) => $"event:{e.Id}:{chat}";

    private IEnumerable<long> Recipients(OutboxEvent e)
    {
        var members = _billing.Members.MembersOf(e.AccountId);
        IEnumerable<long> chats = e.Type switch
        {
            // The account's people hear about its money.
            EventType.BalanceLow or EventType.BalanceRecovered or EventType.AutoTopUpDisabled => members.Select(m => m.UserId),
            // A payment is confirmed to the owners, to the chat that asked for the invoice and to the chat that paid it.
            EventType.InvoicePaid => Owners(members).Concat(AskingChats(e)),
            // Reminders are the owner's business.
            EventType.PromisedPaymentDueTomorrow or EventType.PromisedPaymentDueToday or EventType.PromisedPaymentOverdue or EventType.PromisedPaymentRepaid or EventType.PromisedPaymentPartlyRepaid => Owners(members),
            // Taken in the chat and confirmed there; auto top-ups are summed up once a day, not one by one.
            _ => [],
        };
        // Group chats linked to the account hear what its people hear, except what is the owner's own business.
        var groups = e.Type is EventType.BalanceLow or EventType.BalanceRecovered or EventType.AutoTopUpDisabled
            ? _sessions.Collection.Find(BsonExpression.Create($"$.{nameof(ChatSession.AccountId)} = @0 AND $._id < 0", e.AccountId)).Select(s => s.Id)
            : [];
        return chats.Concat(groups).Distinct();
    }

    private static IEnumerable<long> Owners(IEnumerable<Membership> members) => members.Where(m => m.Role == Role.Owner).Select(m => m.UserId);

    /// <summary>The chat that asked for the invoice and the chat that paid it in Telegram, for what was done in a chat.</summary>
    private IEnumerable<long> AskingChats(OutboxEvent e)
    {
        var invoice = e.InvoiceNumber is { } number ? _billing.Invoices.FindOne(number) : null;
        return new[] { ChatKeys.ChatOf(invoice?.IssueKey), ChatKeys.ChatOf(invoice?.PaymentId) }.OfType<long>();
    }

    private OutboxMessage? Render(OutboxEvent e, long chat)
    {
        var session = _sessions.Get(chat);
        var t = new ChatText(_localizer, session?.Language ?? "en", session?.TimeZone ?? "UTC", _time);
        var account = _billing.Accounts.Find(e.AccountId);
        if (account is null)
        {
            return null;
        }

        var money = (decimal? amount) => t.Money(amount ?? 0, account.Currency);
        // The button names the account: a person with several acts on the one the alert is about.
        var topUp = new Button(t["chat.button.topUp"], Presses.TopUpAccount.Data(account.Id));
        var (text, buttons, urgent, atLeastOnce) = e.Type switch
        {
            EventType.InvoicePaid => (t["notify.invoicePaid", ("number", e.InvoiceNumber), ("amount", money(e.Amount)), ("name", account.Name), ("balance", money(e.Balance))], Array.Empty<Button>(), true, true),
            EventType.BalanceLow when e.Balance <= 0 => (t["notify.balanceRunOut", ("name", account.Name), ("balance", money(e.Balance))], [topUp], true, false),
            EventType.BalanceLow => (t["notify.balanceLow", ("name", account.Name), ("balance", money(e.Balance)), ("lasts", ChatText.Raw(t.Lasts(_billing.Accounts.Summary(account.Id).Forecast, e.Balance ?? 0)))], [topUp], false, false),
            EventType.BalanceRecovered => (t["notify.balanceRecovered", ("name", account.Name), ("balance", money(e.Balance))], [], false, false),
            EventType.AutoTopUpDisabled => (t["notify.autoTopUpDisabled", ("name", account.Name), ("client", ClientName(e.CounterpartyId)), ("amount", money(e.Amount))], [topUp], true, false),
            EventType.PromisedPaymentDueTomorrow => (t["notify.dueTomorrow", ("name", account.Name), ("amount", money(e.Amount)), ("date", t.Date(e.DueOn!.Value))], [new Button(t["chat.button.promise"], Presses.Promise.Data())], false, false),
            EventType.PromisedPaymentDueToday => (t["notify.dueToday", ("name", account.Name), ("amount", money(e.Amount))], [new Button(t["chat.button.promise"], Presses.Promise.Data())], false, false),
            EventType.PromisedPaymentOverdue => (t["notify.overdue", ("name", account.Name), ("amount", money(e.Amount))], [topUp], false, false),
            EventType.PromisedPaymentRepaid => (t["notify.repaid", ("name", account.Name), ("amount", money(e.Amount))], [], false, false),
            EventType.PromisedPaymentPartlyRepaid => (t["notify.partlyRepaid", ("name", account.Name), ("amount", money(e.Amount)), ("owed", money(e.Owed))], [], false, false),
            _ => ((string?)null, Array.Empty<Button>(), false, false),
        };
        if (text is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        return new OutboxMessage
        {
            Id = Id(e, chat),
            ChatId = chat,
            Text = text,
            Buttons = buttons,
            AccountIds = [account.Id],
            // A chat that blocked the bot gets it held, and released if it writes again within a day.
            Status = session is { Unreachable: true } ? MessageStatus.Unreachable : MessageStatus.Pending,
            NotBefore = urgent ? now : QuietHours.End(now, session?.TimeZone ?? account.TimeZone, _options),
            AtLeastOnce = atLeastOnce,
            CreatedAt = now,
        };
    }

    private string ClientName(int? id) =>
        id is { } clientId ? _billing.Accounts.Find(clientId)?.Name ?? "" : "";
}
