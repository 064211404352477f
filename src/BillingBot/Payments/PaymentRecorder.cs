using System.Collections.Concurrent;
using BillingBot.Billing;
using BillingBot.Billing.Invoices;

namespace BillingBot.Payments;

/// <summary>
/// Group commit of incoming payments: while one batch is written the next ones gather, and each batch is one transaction.
/// A transaction's cost is mostly LiteDB's fixed work (taking the store's gate, committing, writing the log), so many
/// payments in one cost little more than one.
/// </summary>
/// <remarks>
/// No writer thread to start or stop: whoever queues a payment and finds no writer running starts one, which writes
/// what is waiting until nothing is. A payment that finds nothing being written is written at once, never held back.
/// </remarks>
internal sealed class PaymentRecorder(BillingService billing)
{
    // Bounds how long the first payment of a batch waits for the last one's work.
    private const int MaxBatch = 256;

    private readonly ConcurrentQueue<(IncomingPayment Payment, TaskCompletionSource<Payment> Recorded)> _waiting = new();

    /// <summary>1 while a writer runs; only one at a time, for the store writes one transaction at a time anyway.</summary>
    private int _writing;

    /// <summary>The payment as recorded (or recorded before), or the <see cref="BillingException"/> refusing it.</summary>
    public Task<Payment> RecordAsync(IncomingPayment payment)
    {
        // Completed by the writer's thread; the requests' own work continues elsewhere, not in the writer's way.
        var recorded = new TaskCompletionSource<Payment>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((payment, recorded));
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            _ = Task.Run(WriteWaiting);
        }

        return recorded.Task;
    }

    private void WriteWaiting()
    {
        do
        {
            while (!_waiting.IsEmpty)
            {
                WriteBatch();
            }

            // A payment queued after the last look but before the flag goes down left its writing to this writer: look
            // again, and write it unless its caller has started a writer since. The exchange is a full fence, so that
            // look cannot happen before the flag is down (a volatile write would let it).
            Interlocked.Exchange(ref _writing, 0);
        }
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _writing, 1, 0) == 0);
    }

    private void WriteBatch()
    {
        var batch = new List<(IncomingPayment Payment, TaskCompletionSource<Payment> Recorded)>();
        while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            var outcomes = billing.Invoices.RecordAll(batch.ConvertAll(b => b.Payment));
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i].Error is { } error)
                {
                    batch[i].Recorded.SetException(error);
                }
                else
                {
                    batch[i].Recorded.SetResult(outcomes[i].Result!);
                }
            }
        }
        catch (Exception e)
        {
            // RecordAll answers each payment; this is for what it cannot (out of memory), so no request waits forever.
            batch.ForEach(b => b.Recorded.TrySetException(e));
        }
    }
}
