using System.Collections.Concurrent;

namespace BillingBot.Billing.Storage;

/// <summary>
/// Group commit: while one batch is written the next ones gather, and each batch is written at once by
/// <c>writeAll</c> (one transaction, as <see cref="BillingStore.WriteAll{T}"/>). A transaction's cost is mostly LiteDB's
/// fixed work (taking the store's gate, committing, writing the log), so many items in one cost little more than one.
/// </summary>
/// <remarks>
/// No writer thread to start or stop: whoever queues an item and finds no writer running starts one, which writes what
/// is waiting until nothing is. An item that finds nothing being written is written at once, never held back.
/// </remarks>
/// <param name="writeAll">Writes a batch; answers each item, in order, with its result or the exception refusing it.</param>
/// <param name="maxBatch">Bounds how long the first item of a batch waits for the last one's work.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, IReadOnlyList<Outcome<TResult>>> writeAll, int maxBatch)
{
    private readonly ConcurrentQueue<(TItem Item, TaskCompletionSource<TResult> Written)> _waiting = new();

    /// <summary>1 while a writer runs; only one at a time, for the store writes one transaction at a time anyway.</summary>
    private int _writing;

    /// <summary>The item's result once its batch is written, or the exception refusing it.</summary>
    public Task<TResult> WriteAsync(TItem item)
    {
        // Completed by the writer's thread; the callers' own work continues elsewhere, not in the writer's way.
        var written = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((item, written));
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteWaiting);
        }

        return written.Task;
    }

    private void WriteWaiting()
    {
        do
        {
            while (!_waiting.IsEmpty)
            {
                WriteBatch();
            }

            // An item queued after the last look but before the flag goes down left its writing to this writer: look
            // again, and write it unless its caller has started a writer since. The exchange is a full fence, so that
            // look cannot happen before the flag is down (a volatile write would let it).
            Interlocked.Exchange(ref _writing, 0);
        }
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0);
    }

    private void WriteBatch()
    {
        var batch = new List<(TItem Item, TaskCompletionSource<TResult> Written)>();
        while (batch.Count < maxBatch && _waiting.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            var outcomes = writeAll(batch.ConvertAll(b => b.Item));
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Error is { } error)
                {
                    batch[i].Written.SetException(error);
                }
                else
                {
                    batch[i].Written.SetResult(outcomes[i].Result!);
                }
            }
        }
        catch (Exception e)
        {
            // writeAll answers each item; this is for what it cannot (out of memory), so no caller waits forever.
            batch.ForEach(b => b.Written.TrySetException(e));
        }
    }
}
