using BillingBot.Billing;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Documents;
using BillingBot.Localization;
using LiteDB;
using Microsoft.Extensions.Options;

namespace BillingBot.Dialogs;

/// <summary>What one update comes to, decided and stored: the screen, the callback's answer and a document to send.</summary>
internal sealed record Reply(Incoming Incoming, ChatSession Session, Screen Screen, string? Answer, Attachment? Attachment);

/// <summary>
/// Handles one incoming text or button press of a chat: restores the chat's dialog, acts on the ledger,
/// shows the resulting screen and stores the dialog again together with the update's id.
/// Updates of one chat must be handed in one at a time, in order.
/// </summary>
internal sealed class ChatEngine : IDisposable
{
    private readonly BillingService _billing;
    private readonly ChatActions _actions;
    private readonly Screens _screens;
    private readonly Localizer _localizer;
    private readonly TimeProvider _time;
    private readonly DialogOptions _options;
    private readonly ChatSessions _sessions;
    private readonly ILiteCollection<HandledUpdate> _handled;
    private readonly HandledRounds _rounds;
    private readonly GroupCommit<Incoming, Reply?> _arriving;

    public ChatEngine(BillingService billing, DocumentService documents, Localizer localizer, TimeProvider time, IOptions<DialogOptions> options)
    {
        _billing = billing;
        _options = options.Value;
        _actions = new ChatActions(billing, documents, time, _options);
        _screens = new Screens(billing, _actions);
        _localizer = localizer;
        _time = time;
        _sessions = ChatSessions.Of(billing.Store);
        _handled = billing.Store.Collection<HandledUpdate>("updates");
        _rounds = new HandledRounds(billing.Store, time.GetUtcNow());
        _arriving = new(DecideArriving, MaxArriving);
    }

    /// <summary>Updates that arrive while others are decided, decided together at most this many at a time.</summary>
    public const int MaxArriving = 100;

    /// <summary>Unpaid invoices offer "Pay in Telegram": set by the Telegram front-end when a payment provider is configured.</summary>
    public bool PayInTelegram
    {
        get => _screens.PayInTelegram;
        set => _screens.PayInTelegram = value;
    }

    /// <summary>The bot's @username, once Telegram told it: invitation links point at it.</summary>
    public string? BotUsername
    {
        get => _actions.BotUsername;
        set => _actions.BotUsername = value;
    }

    /// <summary>How long a screen's message id may wait in memory for its chat's next update before it is stored on its own.</summary>
    public static readonly TimeSpan ShownKeptFor = TimeSpan.FromSeconds(2);

    /// <summary>The store the chats are kept in.</summary>
    public BillingStore Store => _billing.Store;

    public ChatSession? Session(long chatId) => _billing.Store.Read(() => _sessions.Get(chatId));

    public ChatText TextFor(string language) => new(_localizer, language);

    private ChatText TextFor(ChatSession session) => new(_localizer, session.Language, session.TimeZone, _time);

    /// <summary>
    /// Shows the chat's screen as it was left (a console chat restarted resumes its flow, as a Telegram chat does);
    /// a chat never seen begins with <c>/start</c>. Nothing is stored but the message the screen now lives in.
    /// </summary>
    public async Task ResumeAsync(long chatId, long userId, IChatOutput output, CancellationToken cancellationToken)
    {
        if (Session(chatId) is not { } session)
        {
            await HandleAsync(new Incoming(0, chatId, userId, null, Text: "/start"), output, cancellationToken);
            return;
        }

        var dialog = new ChatDialog(session);
        var screen = _billing.Store.Read(() => _screens.Render(dialog.Session, TextFor(dialog.Session), _billing.Members.AccountsOf(userId), isOperator: _options.OperatorIn(chatId, userId)));
        await DeliverAsync(new Reply(new Incoming(0, chatId, userId, null), dialog.Session, screen, null, null), output, cancellationToken);
    }

    /// <summary>Handles <paramref name="incoming"/> once: an update id seen before is skipped (ids ≤ 0 are never recorded).</summary>
    public async Task HandleAsync(Incoming incoming, IChatOutput output, CancellationToken cancellationToken)
    {
        if (Decide(incoming) is { } reply)
        {
            await DeliverAsync(reply, output, cancellationToken);
        }
    }

    /// <summary>
    /// Decides what each of <paramref name="incoming"/> (of different chats) comes to in one transaction, and stores it
    /// all with one commit; nothing is sent yet. If any of them fails, nothing of the batch is kept and null is returned:
    /// the caller then handles each alone, so one failure costs no other its work.
    /// </summary>
    /// <remarks>
    /// An update that changed nothing stored (a menu asked for again) leaves its chat's session as it is: the round's
    /// one record of such updates (<see cref="HandledRounds"/>) knows them as handled instead.
    /// </remarks>
    public IReadOnlyList<Reply?>? DecideAll(IReadOnlyList<Incoming> incoming)
    {
        var unchanged = new List<long>();
        var units = incoming.Select(i => (Func<Reply?>)(() => Decide(i, unchanged))).Append(() =>
        {
            var now = _time.GetUtcNow();
            _rounds.Record(unchanged, now);
            _sessions.StoreShown(now - ShownKeptFor);
            return null;
        });
        return _billing.Store.TryWriteAll([.. units]) is { } replies ? [.. replies.Take(incoming.Count)] : null;
    }

    /// <summary>
    /// Decides <paramref name="incoming"/> together with the updates of other chats arriving meanwhile (webhook requests
    /// overlap): one transaction for all, as for a polling round; each caller then shows its own reply. The caller holds
    /// its chat's turn, so a chat's next update waits until this one is decided and shown.
    /// </summary>
    public Task<Reply?> DecideTogetherAsync(Incoming incoming) => _arriving.WriteAsync(incoming);

    private IReadOnlyList<Outcome<Reply?>> DecideArriving(IReadOnlyList<Incoming> incoming)
    {
        // A round is of different chats; should one chat come twice, or the round fail, each is decided alone, in order.
        if (incoming.Count > 1 && incoming.DistinctBy(i => i.ChatId).Count() == incoming.Count && DecideAll(incoming) is { } replies)
        {
            return [.. replies.Select(r => new Outcome<Reply?>(r))];
        }

        return [.. incoming.Select(DecideAlone)];
    }

    private Outcome<Reply?> DecideAlone(Incoming incoming)
    {
        try
        {
            return new Outcome<Reply?>(Decide(incoming));
        }
        catch (Exception e)
        {
            return new Outcome<Reply?>(e);
        }
    }

    /// <summary>At a stop, the screens shown lately are stored (unless the store takes no writes: they are only message ids).</summary>
    public void Dispose()
    {
        try
        {
            StoreShown();
        }
        catch (StoreUnavailableException)
        {
            // The next update of each such chat then sends its screen anew instead of editing the one shown.
        }
    }

    /// <summary>Stores the message ids of every screen shown whose chat's session was not stored since (at a stop, or when idle).</summary>
    public void StoreShown()
    {
        if (_sessions.ShownUnstored > 0)
        {
            _billing.Store.Write(() => _sessions.StoreShown(DateTimeOffset.MaxValue));
        }
    }

    /// <summary>
    /// What <paramref name="incoming"/> comes to: acts on the ledger and stores the chat's new state with the update's id,
    /// before anything is shown. An update delivered again after a crash is then skipped rather than applied to the
    /// state it produced; the price is that a crash while sending loses that one reply, and the next action shows the
    /// screen as it is. Null for an update handled before.
    /// </summary>
    public Reply? Decide(Incoming incoming) => Decide(incoming, unchanged: null);

    /// <param name="incoming">The update.</param>
    /// <param name="unchanged">Where a round collects its updates that changed nothing stored; null to store the session whatever it did.</param>
    private Reply? Decide(Incoming incoming, List<long>? unchanged)
    {
        var (stored, handled) = _billing.Store.Read(() => _sessions.Get(incoming.ChatId) is var session ? (session, WasHandled(session, incoming.UpdateId)) : default);
        return handled ? null : DecideNew(incoming, stored, unchanged);
    }

    /// <summary>Shows the reply; the message id its screen now lives in is kept for the chat's next update (<see cref="ChatSessions.Shown"/>).</summary>
    public async Task DeliverAsync(Reply reply, IChatOutput output, CancellationToken cancellationToken)
    {
        var incoming = reply.Incoming;
        if (incoming.CallbackId is { } callbackId)
        {
            await output.AnswerAsync(callbackId, reply.Answer, cancellationToken);
        }

        var messageId = await output.ShowAsync(incoming.ChatId, reply.Screen, incoming.IsCallback ? incoming.MessageId : null, cancellationToken);
        if (messageId != reply.Session.ScreenMessageId)
        {
            _sessions.Shown(incoming.ChatId, messageId, _time.GetUtcNow());
        }

        // Below the screen, and after it is kept: a document Telegram refuses leaves the screen working.
        if (reply.Attachment is { } attachment)
        {
            await output.SendFileAsync(incoming.ChatId, attachment, cancellationToken);
        }
    }

    /// <summary>
    /// Whether the chat handled the update: known from the ids its session keeps or the rounds' records of updates
    /// that changed nothing, else from a record apart.
    /// </summary>
    private bool WasHandled(ChatSession? session, long updateId) => updateId > 0 && (session ?? new ChatSession()).Handled(updateId, _time.GetUtcNow()) switch
    {
        true => true,
        false => _rounds.Contains(updateId),
        null => _rounds.Contains(updateId) || _handled.FindById(updateId) is not null,
    };

    private Reply DecideNew(Incoming incoming, ChatSession? known, List<long>? unchanged)
    {
        var now = _time.GetUtcNow();
        var writes = _billing.Store.WritesBegun;
        var stored = known ?? new ChatSession { Id = incoming.ChatId };
        var dialog = new ChatDialog(stored with
        {
            UserId = incoming.UserId,
            Unreachable = false,
            Language = stored.LanguageChosen ? stored.Language : LanguageOf(incoming.LanguageCode, stored.Language),
        });
        string? timedOut = null;
        if (dialog.State != DialogState.Menu && now - stored.LastActivity > _options.IdleTimeout)
        {
            dialog.Reset();
            timedOut = TextFor(dialog.Session.Language)["chat.timedOut"];
        }

        var context = new ChatContext(dialog, incoming, _billing.Members.AccountsOf(incoming.UserId), TextFor, _options.OperatorIn(incoming.ChatId, incoming.UserId));
        SelectAccount(dialog, context.Memberships);
        string? note;
        string? answer = null;
        try
        {
            note = _actions.Act(context);
        }
        catch (BillingException e)
        {
            note = answer = context.T.Error(e);
        }

        FollowAccountZone(dialog);

        // What was typed or pressed may have belonged to the flow that timed out: say so first. The hint to use the flow's
        // buttons means nothing once the flow is gone; anything else that came of it (a link, a refusal) follows.
        if (timedOut is not null)
        {
            // A stale button of that flow is said by the one message too.
            note = note is null || note == context.T["chat.useButtons"] || note == context.T["chat.stale"] ? timedOut : timedOut + "\n" + note;
        }

        var screen = _screens.Render(dialog.Session, context.T, context.Memberships, note, context.Operator);
        if (unchanged is not null && incoming.UpdateId > 0 && _billing.Store.WritesBegun == writes && IsAsStored(dialog.Session, known))
        {
            unchanged.Add(incoming.UpdateId);
            return new Reply(incoming, dialog.Session, screen, answer, context.Attachment);
        }

        var session = incoming.UpdateId > 0 ? dialog.Session.WithHandled(incoming.UpdateId, now) : dialog.Session;
        session = session with { LastActivity = now };
        Save(session, stored.Unreachable);
        return new Reply(incoming, session, screen, answer, context.Attachment);
    }

    /// <summary>
    /// The chat is on its menu, as stored: the update changed nothing a later one reads. The time of its last activity
    /// matters only in a flow (for the idle timeout), and the ids of its handled updates are kept by the round.
    /// </summary>
    private static bool IsAsStored(ChatSession session, ChatSession? stored) =>
        stored is { State: DialogState.Menu, Unreachable: false }
        && session with { LastActivity = stored.LastActivity, RecentUpdates = stored.RecentUpdates } == stored;

    /// <summary>Records an update as handled without acting on it (one the bot has nothing to do with, or one whose handling failed).</summary>
    public void MarkHandled(long updateId) => _billing.Store.Write(() => RecordHandled(updateId));

    /// <summary>Records a text or button press of the chat as handled without acting on it (its handling failed).</summary>
    public void MarkHandled(long updateId, long chatId) => _billing.Store.Write(() =>
    {
        if (_sessions.Get(chatId) is { } session)
        {
            _sessions.Put(session.WithHandled(updateId, _time.GetUtcNow()));
        }
        else
        {
            RecordHandled(updateId);
        }
    });

    /// <summary>A record of its own that the update was handled (inside the running transaction).</summary>
    private void RecordHandled(long updateId) => _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow()));

    /// <summary>
    /// Forgets handled update ids older than <paramref name="age"/>: Telegram keeps an update at most a day. While the
    /// store takes no writes nothing is forgotten (0), and the next start does it.
    /// </summary>
    public int ForgetHandledUpdates(TimeSpan age)
    {
        try
        {
            return _billing.Store.Write(() =>
            {
                var before = _time.GetUtcNow() - age;
                return _handled.DeleteMany("$.At < @0", new BsonValue(before.UtcTicks)) + _rounds.ForgetBefore(before);
            });
        }
        catch (StoreUnavailableException)
        {
            // Told once by the store; what is kept a little longer does no harm.
            return 0;
        }
    }

    /// <summary>The user blocked the bot (or unblocked it).</summary>
    public void SetReachable(long chatId, bool reachable, long updateId) => _billing.Store.Write(() =>
    {
        var session = _sessions.Get(chatId) ?? new ChatSession { Id = chatId };
        if (reachable && session.Unreachable)
        {
            ReleaseHeld(chatId);
        }

        _sessions.Put(session with { Unreachable = !reachable });
        RecordHandled(updateId);
    });

    private void ReleaseHeld(long chatId) => Notifications.OutboxMessages.Of(_billing.Store).ReleaseHeld(chatId, _time.GetUtcNow());

    /// <summary>The chat's language from Telegram's language_code: ru or en; without a code, <paramref name="current"/>.</summary>
    public static string LanguageOf(string? code, string current) => code switch
    {
        null => current,
        _ when code.StartsWith("ru", StringComparison.OrdinalIgnoreCase) => "ru",
        _ => "en",
    };

    /// <summary>Until someone picks a zone in Settings, the chat's dates, digest and quiet hours follow its account's billing zone.</summary>
    private void FollowAccountZone(ChatDialog dialog)
    {
        if (!dialog.Session.TimeZoneChosen && dialog.Session.AccountId is { } id && _billing.Accounts.Get(id).TimeZone is var zone && zone != dialog.Session.TimeZone)
        {
            dialog.Update(s => s with { TimeZone = zone });
        }
    }

    private static void SelectAccount(ChatDialog dialog, IReadOnlyList<Membership> memberships)
    {
        if (dialog.Session.AccountId is { } chosen && memberships.Any(m => m.AccountId == chosen))
        {
            return;
        }

        // An operator's screens need no account of their own: they stay where they are.
        if (dialog.Session.AccountId is null && !ChatDialog.Declared(dialog.State).NeedsAccount)
        {
            return;
        }

        // Another account (someone else writing in a group, or a membership gone): no flow of the old one goes on.
        dialog.Update(s => s with { AccountId = memberships.Count == 1 ? memberships[0].AccountId : null });
        dialog.Reset();
    }

    /// <summary>Stores the chat's state (the update handled among it); messages held while the chat was unreachable (as read with it) go out.</summary>
    private void Save(ChatSession session, bool wasUnreachable) => _billing.Store.Write(() =>
    {
        if (wasUnreachable)
        {
            ReleaseHeld(session.Id);
        }

        _sessions.Put(session);
        // A screen shown a while ago in a chat that wrote no more since is stored now, in the same transaction.
        _sessions.StoreShown(_time.GetUtcNow() - ShownKeptFor);
    });
}
