using BillingBot.Billing.Agency;
using BillingBot.Dialogs;
using LiteDB;

namespace BillingBot.Chat;

/// <summary>Everything the bot remembers about one chat, so a restart resumes a flow where it was.</summary>
public sealed record ChatSession
{
    /// <summary>The Telegram chat id.</summary>
    public long Id { get; init; }

    /// <summary>The user who last wrote in the chat.</summary>
    public long UserId { get; init; }

    /// <summary><c>en</c> or <c>ru</c>.</summary>
    public string Language { get; init; } = "en";

    /// <summary>Set once the user picked a language in Settings; Telegram's language_code no longer overrides it.</summary>
    public bool LanguageChosen { get; init; }

    public int? AccountId { get; init; }
    public DialogState State { get; init; } = DialogState.Menu;

    /// <summary>What the flow in progress has collected: the record its state declares (<see cref="ChatDialog"/>); null on a screen that needs none.</summary>
    public Flow? Flow { get; init; }

    /// <summary>The message the current screen lives in: a flow's buttons act only from there.</summary>
    public int? ScreenMessageId { get; init; }

    public bool DigestEnabled { get; init; } = true;

    /// <summary>Local time of the daily digest, <c>HH:mm</c>.</summary>
    public string DigestTime { get; init; } = "09:00";

    /// <summary>IANA time zone of the chat's dates, digest and quiet hours: its account's billing zone, unless one was chosen.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Set once someone picked a zone in Settings; the account's zone no longer overrides it.</summary>
    public bool TimeZoneChosen { get; init; }

    public DateTimeOffset LastActivity { get; init; }

    /// <summary>The user blocked the bot; nothing is sent until the chat writes again.</summary>
    public bool Unreachable { get; init; }

    /// <summary>
    /// A flow's data as releases before 2026-12-02 kept it, as fields of the session: read once into <see cref="Flow"/>
    /// (<see cref="Upgraded"/>) and never written again.
    /// </summary>
    [BsonField("Amount")]
    public decimal? OldAmount { get; init; }

    [BsonField("Page")]
    public int? OldPage { get; init; }

    [BsonField("ClientId")]
    public int? OldClientId { get; init; }

    [BsonField("Threshold")]
    public decimal? OldThreshold { get; init; }

    [BsonField("Limit")]
    public decimal? OldLimit { get; init; }

    [BsonField("Period")]
    public LimitPeriod? OldPeriod { get; init; }

    /// <summary>The session with a flow kept by an earlier release (as fields of the session) turned into the flow's record.</summary>
    public ChatSession Upgraded()
    {
        if (Flow is not null || (OldAmount, OldPage, OldClientId, OldThreshold, OldLimit, OldPeriod) == default)
        {
            return this;
        }

        var client = OldClientId ?? 0;
        Flow? flow = State switch
        {
            DialogState.TopUpAmount or DialogState.TopUpConfirm => new TopUpFlow { Amount = OldAmount },
            DialogState.PromiseAmount or DialogState.PromiseConfirm => new PromiseFlow { Amount = OldAmount },
            DialogState.History or DialogState.Clients => new PageFlow { Page = OldPage ?? 1 },
            DialogState.Client => new ClientScreenFlow { ClientId = client },
            DialogState.TransferAmount or DialogState.TransferConfirm or DialogState.ReturnAmount or DialogState.ReturnConfirm => new TransferFlow { ClientId = client, Amount = OldAmount },
            DialogState.RuleAmount or DialogState.RuleThreshold or DialogState.RuleLimit or DialogState.RulePeriod or DialogState.RuleConfirm =>
                new RuleFlow { ClientId = client, Amount = OldAmount, Threshold = OldThreshold, Limit = OldLimit, Period = OldPeriod },
            _ => null,
        };
        return this with { Flow = flow, OldAmount = null, OldPage = null, OldClientId = null, OldThreshold = null, OldLimit = null, OldPeriod = null };
    }

    /// <summary>
    /// The ids of the chat's last updates handled, oldest first, at most <see cref="RecentUpdatesKept"/>: stored with
    /// what they did, so an update delivered again is known without a record of its own.
    /// </summary>
    public IReadOnlyList<long> RecentUpdates { get; init; } = [];

    public const int RecentUpdatesKept = 8;

    /// <summary>
    /// Whether the update was handled in this chat: true or false where the ids kept tell, null where only a record
    /// apart can (a chat from before they were kept, or an id between two kept that is not one of them).
    /// </summary>
    public bool? Handled(long updateId, DateTimeOffset now) => RecentUpdates switch
    {
        _ when RecentUpdates.Contains(updateId) => true,
        [.., var last] when updateId > last => false,
        // Telegram redelivers the update in flight, not one that many later ones passed long ago. After a week without
        // updates it numbers the next one at random, so a lower id is new once the chat's ids are older than any
        // update Telegram still keeps (a day).
        [var first, ..] when RecentUpdates.Count == RecentUpdatesKept && updateId < first => MayBeRedelivered(now) ? true : null,
        _ => null,
    };

    /// <summary>Telegram keeps an update at most this long, so none older is ever delivered again.</summary>
    public static readonly TimeSpan RedeliveredWithin = TimeSpan.FromDays(1);

    /// <summary>Whether Telegram may still deliver again an update the chat's kept ids name (they are from its last activity).</summary>
    private bool MayBeRedelivered(DateTimeOffset now) => now - LastActivity <= RedeliveredWithin;

    /// <summary>
    /// The session with <paramref name="updateId"/> kept among its handled updates. Ids kept since the chat's last
    /// activity more than a day ago are dropped: Telegram delivers none of them again, and may have numbered anew.
    /// </summary>
    public ChatSession WithHandled(long updateId, DateTimeOffset now) => RecentUpdates.Contains(updateId)
        ? this
        : this with { RecentUpdates = [.. (MayBeRedelivered(now) ? RecentUpdates : []).Append(updateId).Order().TakeLast(RecentUpdatesKept)] };
}

/// <summary>
/// An update already handled, so one delivered again after a crash is not applied twice: one no chat keeps among
/// its <see cref="ChatSession.RecentUpdates"/> (and every one stored before chats kept them).
/// </summary>
public sealed record HandledUpdate(long Id, DateTimeOffset At);
