namespace BillingBot.Telegram.Emulator;

/// <summary>Errors a test asked for: the next calls of a method fail with them, in order, before running.</summary>
internal sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<ApiError>> _faults = new(StringComparer.OrdinalIgnoreCase);

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
        }
    }
}
