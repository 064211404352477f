namespace BillingBot.Notifications;

/// <summary>
/// Spaces messages to stay within Telegram's limits: evenly across all chats (not in bursts), and per chat
/// (a private chat once a second, a group so many times a minute). A 429 pauses everything for exactly retry_after.
/// </summary>
/// <remarks>
/// Even spacing alone cannot promise "no more than the limit in any second" at Telegram's end, where sends arrive a
/// little late and not all equally late. So a message also waits until fewer than the limit's number of sends may
/// have arrived in the second before it: those still unanswered, and those answered within that second (a send
/// answered earlier arrived earlier). The sender keeps fewer sends in flight than the limit, so that wait always ends.
/// </remarks>
internal sealed class SendPacer(NotificationOptions options, TimeProvider time)
{
    /// <summary>Paced a little under the limit, so the count over any second stays clear of it.</summary>
    public const double Margin = 0.99;

    /// <summary>Slots missed while the sender was busy (a store write, a late timer) are made up, this much at most.</summary>
    public static readonly TimeSpan CatchUp = TimeSpan.FromMilliseconds(100);

    /// <summary>A message may go this much before its even slot rather than wait on a timer that fine.</summary>
    public static readonly TimeSpan MaxEarly = TimeSpan.FromMilliseconds(10);

    /// <summary>A second, and a little: timers may fire and clocks tick a millisecond or so apart from Telegram's.</summary>
    private static readonly TimeSpan Second = TimeSpan.FromMilliseconds(1_005);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset> _chatReady = [];
    private readonly Queue<DateTimeOffset> _answered = new();
    private DateTimeOffset _globalReady;
    private DateTimeOffset _pausedUntil;
    private int _unanswered;

    public bool IsChatReady(long chat)
    {
        lock (_gate)
        {
            return !_chatReady.TryGetValue(chat, out var ready) || ready <= time.GetUtcNow();
        }
    }

    /// <summary>Books the next slot for a message to <paramref name="chat"/> and says how long to wait for it (zero or less: go now).</summary>
    public TimeSpan Reserve(long chat)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var paced = Latest(_globalReady, now - CatchUp);
            var mustWait = Latest(Latest(_pausedUntil, SecondClear(now)), _chatReady.GetValueOrDefault(chat));
            var slot = Latest(paced, mustWait);
            _globalReady = slot + TimeSpan.FromSeconds(1.0 / (options.GlobalPerSecond * Margin));
            _chatReady[chat] = Latest(slot, now) + (chat < 0 ? TimeSpan.FromMinutes(1.0 / options.GroupPerMinute) : TimeSpan.FromSeconds(1.0 / options.PrivatePerSecond));
            // Only the even spacing may be cut a little short; a pause, the count over a second and a chat's own limit may not.
            return Latest(paced - MaxEarly, mustWait) - now;
        }
    }

    /// <summary>A message is leaving now.</summary>
    public void Sent()
    {
        lock (_gate)
        {
            _unanswered++;
        }
    }

    /// <summary>Telegram answered a message (whatever the answer): it arrived before now.</summary>
    public void Answered()
    {
        lock (_gate)
        {
            _unanswered--;
            _answered.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Telegram said to wait: nothing goes until then.</summary>
    public void Pause(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            _pausedUntil = Latest(_pausedUntil, time.GetUtcNow() + retryAfter);
        }
    }

    /// <summary>When fewer than the limit's number of sends may have arrived in the second before.</summary>
    private DateTimeOffset SecondClear(DateTimeOffset now)
    {
        while (_answered.TryPeek(out var oldest) && oldest <= now - Second)
        {
            _answered.Dequeue();
        }

        // This many of the answers in the last second must first be more than a second old.
        var excess = _unanswered + _answered.Count - options.GlobalPerSecond + 1;
        return excess <= 0 ? default
            : excess <= _answered.Count ? _answered.ElementAt(excess - 1) + Second
            : now + Second;
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
