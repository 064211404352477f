namespace BillingBot.Telegram.Emulator;

/// <summary>Errors a test asked for: the next calls of a method fail with them, in order, before running.</summary>
internal sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<ApiError>> _faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<long> _recentSends = new();
    private int _sendsPerSecond;

    /// <summary>Like Telegram's flood control: more sends than this within any second are answered 429.</summary>
    public void LimitSends(int perSecond)
    {
        lock (_gate)
        {
            _sendsPerSecond = perSecond;
            _recentSends.Clear();
        }
    }

    public void Add(string method, ApiError error, int times)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(method, out var queue))
            {
                _faults[method] = queue = new Queue<ApiError>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(error);
            }
        }
    }

    public void ThrowIfPlanned(string method)
    {
        lock (_gate)
        {
            if (_faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var error))
            {
                throw error;
            }

            if (_sendsPerSecond > 0 && method.StartsWith("send", StringComparison.OrdinalIgnoreCase))
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                while (_recentSends.TryPeek(out var oldest) && System.Diagnostics.Stopwatch.GetElapsedTime(oldest, now) >= TimeSpan.FromSeconds(1))
                {
                    _recentSends.Dequeue();
                }

                if (_recentSends.Count >= _sendsPerSecond)
                {
                    throw new ApiError(429, ApiError.DefaultDescription(429, 1), 1);
                }

                _recentSends.Enqueue(now);
            }
        }
    }
}
