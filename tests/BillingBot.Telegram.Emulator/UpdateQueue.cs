using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// Telegram's update queue for one bot: ids in order, kept until a getUpdates offset confirms them,
/// long polls that return as soon as something arrives, and 409 for a poll superseded by another.
/// </summary>
internal sealed class UpdateQueue(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Signal _arrived = new();
    private readonly Signal _confirmed = new();
    private readonly List<(int Id, byte[] Json)> _pending = [];
    private readonly Dictionary<int, DateTimeOffset> _deliveredAt = [];
    private int _lastId;
    private int _confirmedOffset;
    private int _holds;
    private long _pollGeneration;

    public int LastId
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    public int ConfirmedOffset
    {
        get
        {
            lock (_gate)
            {
                return _confirmedOffset;
            }
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>When a poll first handed the update over (null while none has).</summary>
    public DateTimeOffset? DeliveredAt(int updateId)
    {
        lock (_gate)
        {
            return _deliveredAt.TryGetValue(updateId, out var at) ? at : null;
        }
    }

    public int Enqueue(Update update)
    {
        lock (_gate)
        {
            update.Id = ++_lastId;
            _pending.Add((update.Id, JsonSerializer.SerializeToUtf8Bytes(update, JsonBotAPI.Options)));
            _arrived.Fire();
            return update.Id;
        }
    }

    public void DropAll()
    {
        lock (_gate)
        {
            _pending.Clear();
            _confirmedOffset = _lastId + 1;
            _confirmed.Fire();
        }
    }

    /// <summary>While held, polls see no updates; releasing hands everything queued meanwhile over at once.</summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _holds++;
        }

        return new Release(this);
    }

    public async Task<IReadOnlyList<byte[]>> PollAsync(
        int? offset,
        int limit,
        int timeoutSeconds,
        CancellationToken aborted,
        CancellationToken stopping)
    {
        long generation;
        lock (_gate)
        {
            Confirm(offset);
            generation = ++_pollGeneration;
            _arrived.Fire(); // an older poll still waiting learns it was superseded
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        deadline.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (generation != _pollGeneration)
                {
                    throw ApiError.Conflict();
                }

                var batch = _holds > 0 ? [] : _pending.Take(limit).ToList();
                if (batch.Count > 0 || timeoutSeconds <= 0 || deadline.IsCancellationRequested)
                {
                    var now = time.GetUtcNow();
                    foreach (var (id, _) in batch)
                    {
                        _deliveredAt.TryAdd(id, now);
                    }

                    return [.. batch.Select(u => u.Json)];
                }

                next = _arrived.Next();
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // Timeout, shutdown or a vanished client: the next round returns what is there, usually nothing.
            }
        }
    }

    public Task WaitForConfirmedAsync(int updateId, TimeSpan timeout, CancellationToken stopping) =>
        Waiting.UntilAsync(
            _gate,
            _confirmed,
            () => _confirmedOffset > updateId,
            timeout,
            () => $"Update {updateId} was not confirmed within {timeout}: the bot's offset is {_confirmedOffset}, "
                + $"{_pending.Count} update(s) pending.",
            stopping);

    private void Confirm(int? offset)
    {
        if (offset is null or 0)
        {
            return;
        }

        // A negative offset keeps only the last -offset updates, as Telegram documents.
        var first = offset > 0 ? offset.Value : _pending.Count + offset.Value < 0 ? int.MinValue : _pending[^-offset.Value].Id;
        var removed = _pending.RemoveAll(u => u.Id < first);
        if (offset > 0 && offset > _confirmedOffset)
        {
            _confirmedOffset = offset.Value;
        }
        else if (removed > 0)
        {
            _confirmedOffset = Math.Max(_confirmedOffset, first);
        }

        _confirmed.Fire();
    }

    private sealed class Release(UpdateQueue queue) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            lock (queue._gate)
            {
                queue._holds--;
                queue._arrived.Fire();
            }
        }
    }
}
