namespace BillingBot.Telegram;

/// <summary>Whether the chat front-end is alive, for the health check: Telegram answered lately, or the chat needs no Telegram.</summary>
internal sealed class ChatLiveness(TimeProvider time)
{
    /// <summary>Longer than a long poll and its retries: silence beyond this means the loop is stuck or Telegram is gone.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private DateTimeOffset? _lastContact;
    private string _problem = "the Telegram loop has not started";
    private bool _always;

    /// <summary>A chat that needs no Telegram (the console chat) is alive while the host runs.</summary>
    public void AlwaysAlive()
    {
        lock (_gate)
        {
            _always = true;
        }
    }

    /// <summary>Telegram answered (a poll, or the webhook was set).</summary>
    public void Contact()
    {
        lock (_gate)
        {
            _lastContact = time.GetUtcNow();
        }
    }

    /// <summary>Telegram could not be reached; alive still until the window passes without contact.</summary>
    public void Problem(string reason)
    {
        lock (_gate)
        {
            _problem = reason;
        }
    }

    public (bool Alive, string Reason) Check()
    {
        lock (_gate)
        {
            return _always ? (true, "console chat")
                : _lastContact is { } last && time.GetUtcNow() - last <= Window ? (true, "Telegram reachable")
                : (false, _problem);
        }
    }
}
