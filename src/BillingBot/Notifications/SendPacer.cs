namespace BillingBot.Notifications;

/// <summary>
/// Spaces messages to stay within Telegram's limits: evenly across all chats (not in bursts), and per chat
/// (a private chat once a second, a group so many times a minute). A 429 pauses what it names for exactly retry_after.
/// </summary>
internal sealed class SendPacer(NotificationOptions options, TimeProvider time)
{
    private readonly Dictionary<long, DateTimeOffset> _chatReady = [];
    private DateTimeOffset _globalReady;

    /// <summary>How long until a message to <paramref name="chat"/> may go.</summary>
    public TimeSpan WaitFor(long chat)
    {
        var now = time.GetUtcNow();
        var ready = _chatReady.TryGetValue(chat, out var chatReady) && chatReady > _globalReady ? chatReady : _globalReady;
        return ready > now ? ready - now : TimeSpan.Zero;
    }

    public bool IsChatReady(long chat) => !_chatReady.TryGetValue(chat, out var ready) || ready <= time.GetUtcNow();

    public void Sent(long chat)
    {
        var now = time.GetUtcNow();
        _globalReady = (_globalReady > now ? _globalReady : now) + TimeSpan.FromSeconds(1.0 / options.GlobalPerSecond);
        _chatReady[chat] = now + (chat < 0 ? TimeSpan.FromMinutes(1.0 / options.GroupPerMinute) : TimeSpan.FromSeconds(1.0 / options.PrivatePerSecond));
    }

    /// <summary>Telegram said to wait: nothing goes until then.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        if (until > _globalReady)
        {
            _globalReady = until;
        }
    }
}
