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
internal sealed class ChatEngine
{
    private readonly BillingService _billing;
    private readonly ChatActions _actions;
    private readonly Screens _screens;
    private readonly Localizer _localizer;
    private readonly TimeProvider _time;
    private readonly DialogOptions _options;
    private readonly ILiteCollection<ChatSession> _sessions;
    private readonly ILiteCollection<HandledUpdate> _handled;

    public ChatEngine(BillingService billing, DocumentService documents, Localizer localizer, TimeProvider time, IOptions<DialogOptions> options)
    {
        _billing = billing;
        _options = options.Value;
        _actions = new ChatActions(billing, documents, time, _options);
        _screens = new Screens(billing, _actions);
        _localizer = localizer;
        _time = time;
        _sessions = billing.Store.Collection<ChatSession>("chats");
        _handled = billing.Store.Collection<HandledUpdate>("updates");
    }

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

    public ChatSession? Session(long chatId) => _billing.Store.Read(() => _sessions.FindById(chatId));

    public ChatText TextFor(string language) => new(_localizer, language);

    private ChatText TextFor(ChatSession session) => new(_localizer, session.Language, session.TimeZone);

    /// <summary>Handles <paramref name="incoming"/> once: an update id seen before is skipped (ids ≤ 0 are never recorded).</summary>
    public async Task HandleAsync(Incoming incoming, IChatOutput output, CancellationToken cancellationToken)
    {
        if (Decide(incoming) is { } reply)
        {
            StoreScreens([await DeliverAsync(reply, output, cancellationToken)]);
        }
    }

    /// <summary>
    /// Decides what each of <paramref name="incoming"/> (of different chats) comes to in one transaction, and stores it
    /// all with one commit; nothing is sent yet. If any of them fails, nothing of the batch is kept and null is returned:
    /// the caller then handles each alone, so one failure costs no other its work.
    /// </summary>
    public IReadOnlyList<Reply?>? DecideAll(IReadOnlyList<Incoming> incoming) =>
        _billing.Store.TryWriteAll(incoming.Select(i => (Func<Reply?>)(() => Decide(i))).ToList());

    /// <summary>
    /// What <paramref name="incoming"/> comes to: acts on the ledger and stores the chat's new state with the update's id,
    /// before anything is shown. An update delivered again after a crash is then skipped rather than applied to the
    /// state it produced; the price is that a crash while sending loses that one reply, and the next action shows the
    /// screen as it is. Null for an update handled before.
    /// </summary>
    public Reply? Decide(Incoming incoming) => _billing.Store.Read(() => WasHandled(incoming.UpdateId)) ? null : DecideNew(incoming);

    /// <summary>Shows the reply; returns the chat's state with the message id its screen now lives in, for <see cref="StoreScreens"/>.</summary>
    public async Task<ChatSession?> DeliverAsync(Reply reply, IChatOutput output, CancellationToken cancellationToken)
    {
        var incoming = reply.Incoming;
        if (incoming.CallbackId is { } callbackId)
        {
            await output.AnswerAsync(callbackId, reply.Answer, cancellationToken);
        }

        var messageId = await output.ShowAsync(incoming.ChatId, reply.Screen, incoming.IsCallback ? incoming.MessageId : null, cancellationToken);
        var shown = messageId == reply.Session.ScreenMessageId ? null : reply.Session with { ScreenMessageId = messageId };
        if (reply.Attachment is not { } attachment)
        {
            return shown;
        }

        // Below the screen, and after it is stored: a document Telegram refuses leaves the screen working.
        StoreScreens([shown]);
        await output.SendFileAsync(incoming.ChatId, attachment, cancellationToken);
        return null;
    }

    /// <summary>Stores the message ids the chats' screens now live in, in one transaction.</summary>
    public void StoreScreens(IEnumerable<ChatSession?> shown)
    {
        var sessions = shown.OfType<ChatSession>().ToList();
        if (sessions.Count > 0)
        {
            _billing.Store.Write(() => _sessions.Upsert(sessions));
        }
    }

    private bool WasHandled(long updateId) => updateId > 0 && _handled.FindById(updateId) is not null;

    private Reply DecideNew(Incoming incoming)
    {
        var now = _time.GetUtcNow();
        var stored = Session(incoming.ChatId) ?? new ChatSession { Id = incoming.ChatId };
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

        var context = new ChatContext(dialog, incoming, _billing.Members.AccountsOf(incoming.UserId), TextFor);
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
            note = note is null || note == context.T["chat.useButtons"] ? timedOut : timedOut + "\n" + note;
        }

        var screen = _screens.Render(dialog.Session, context.T, context.Memberships, note);
        var session = dialog.Session with { LastActivity = now };
        Save(session, stored.Unreachable, incoming.UpdateId);
        return new Reply(incoming, session, screen, answer, context.Attachment);
    }

    /// <summary>Records an update as handled without acting on it (one the bot has nothing to do with, or one whose handling failed).</summary>
    public void MarkHandled(long updateId) =>
        _billing.Store.Write(() => _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow())));

    /// <summary>Forgets handled update ids older than <paramref name="age"/>: Telegram keeps an update at most a day.</summary>
    public int ForgetHandledUpdates(TimeSpan age) =>
        _billing.Store.Write(() => _handled.DeleteMany("$.At < @0", new BsonValue((_time.GetUtcNow() - age).UtcTicks)));

    /// <summary>The user blocked the bot (or unblocked it).</summary>
    public void SetReachable(long chatId, bool reachable, long updateId) => _billing.Store.Write(() =>
    {
        var session = _sessions.FindById(chatId) ?? new ChatSession { Id = chatId };
        if (reachable && session.Unreachable)
        {
            ReleaseHeld(chatId);
        }

        _sessions.Upsert(session with { Unreachable = !reachable });
        _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow()));
    });

    /// <summary>Messages held while the chat could not be reached go out after all, if they are from the last day.</summary>
    private void ReleaseHeld(long chatId)
    {
        var messages = _billing.Store.Collection<Notifications.OutboxMessage>("messages");
        var now = _time.GetUtcNow();
        foreach (var held in messages.Find(Filter.Equal(nameof(Notifications.OutboxMessage.ChatId), chatId)).Where(m => m.Status == Notifications.MessageStatus.Unreachable && now - m.CreatedAt < TimeSpan.FromDays(1)).ToList())
        {
            messages.Update(held with { Status = Notifications.MessageStatus.Pending, NotBefore = now });
        }
    }

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

        // Another account (someone else writing in a group, or a membership gone): no flow of the old one goes on.
        dialog.Update(s => s with { AccountId = memberships.Count == 1 ? memberships[0].AccountId : null });
        dialog.Reset();
    }

    /// <summary>Stores the chat's state and the update as handled; messages held while the chat was unreachable (as read with it) go out.</summary>
    private void Save(ChatSession session, bool wasUnreachable, long updateId) => _billing.Store.Write(() =>
    {
        if (wasUnreachable)
        {
            ReleaseHeld(session.Id);
        }

        _sessions.Upsert(session);
        if (updateId > 0)
        {
            _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow()));
        }
    });
}
