using System.Globalization;
using BillingBot.Chat;

namespace BillingBot.Notifications;

public enum MessageStatus
{
    Pending,

    /// <summary>Handed to Telegram; if the process dies now, nobody knows whether it arrived.</summary>
    Sending,
    Sent,
    Failed,

    /// <summary>The chat blocked the bot or is gone.</summary>
    Unreachable,

    /// <summary>Was being sent when the process stopped; not sent again, so nobody sees it twice.</summary>
    Uncertain,

    /// <summary>Its person left an account it is about, or was removed, before it went out: it is never sent.</summary>
    Dropped,
}

/// <summary>One notification for one chat, rendered in the chat's language; its id makes it exist once per event and chat.</summary>
public sealed record OutboxMessage
{
    /// <summary><c>event:&lt;event id&gt;:&lt;chat id&gt;</c>: one message per event and chat, however often the event is looked at.</summary>
    public string Id { get; init; } = "";

    public long ChatId { get; init; }
    public string Text { get; init; } = "";
    public IReadOnlyList<Button> Buttons { get; init; } = [];

    /// <summary>The accounts the message tells about: a person's private chat gets it only while they are a member of each.</summary>
    public IReadOnlyList<int> AccountIds { get; init; } = [];

    public MessageStatus Status { get; init; }

    /// <summary>Not before this instant: quiet hours, or a back-off after a failure.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>A payment confirmation is sent again after a crash in flight (a lost one is worse than a repeated one).</summary>
    public bool AtLeastOnce { get; init; }

    public int Attempts { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? LastError { get; init; }

    /// <summary>
    /// The message's place in the send queue while it is pending, and none otherwise: its <see cref="NotBefore"/>, then
    /// its <see cref="CreatedAt"/>, then its id, as text that sorts in that order. Stored and indexed, so the sender reads
    /// the queue from its front a page at a time instead of every pending message at once.
    /// </summary>
    public string? QueueKey => Status == MessageStatus.Pending ? $"{Ticks(NotBefore)}{Ticks(CreatedAt)}{Id}" : null;

    /// <summary>Where the queue's messages due by <paramref name="now"/> end: after every key that begins with its instant.</summary>
    internal static string QueueEnd(DateTimeOffset now) => $"{Ticks(now)}~";

    private static string Ticks(DateTimeOffset instant) => instant.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
