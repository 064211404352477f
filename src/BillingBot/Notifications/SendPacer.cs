namespace BillingBot.Notifications;

/// <summary>
/// Spaces messages to stay within Telegram's limits: evenly across all chats (not in bursts), and per chat
/// (a private chat once a second, a group so many times a minute). A 429 pauses everything for exactly retry_after.
/// </summary>
internal sealed class SendPacer(NotificationOptions options, TimeProvider time)
{
    /// <summary>Paced a little under the limit: network jitter must not push a second's sends over it.</summary>
    public const double Margin = 0.97;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset> _chatReady = [];
    private DateTimeOffset _globalReady;

    public bool IsChatReady(long chat)
    {
        lock (_gate)
        {
            return !_chatReady.TryGetValue(chat, out var ready) || ready <= time.GetUtcNow();
        }
    }

    /// <summary>Books the next slot for a message to <paramref name="chat"/> and says how long until it comes.</summary>
    public TimeSpan Reserve(long chat)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var slot = Latest(now, _globalReady, _chatReady.GetValueOrDefault(chat));
            _globalReady = slot + TimeSpan.FromSeconds(1.0 / (options.GlobalPerSecond * Margin));
            _chatReady[chat] = slot + (chat < 0 ? TimeSpan.FromMinutes(1.0 / options.GroupPerMinute) : TimeSpan.FromSeconds(1.0 / options.PrivatePerSecond));
            return slot - now;
        }
    }

    /// <summary>Telegram said to wait: nothing goes until then.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _globalReady = Latest(_globalReady, time.GetUtcNow() + retryAfter, default);
        }
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c) =>
        a > b ? (a > c ? a : c) : (b > c ? b : c);
}
