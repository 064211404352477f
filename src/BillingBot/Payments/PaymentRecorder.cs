using BillingBot.Billing;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;

namespace BillingBot.Payments;

/// <summary>Incoming payments written by group commit: the payments posted while one batch is written make the next transaction.</summary>
internal sealed class PaymentRecorder(BillingService billing)
{
    // Bounds how long the first payment of a batch waits for the last one's work.
    private const int MaxBatch = 256;

    private readonly GroupCommit<IncomingPayment, Payment> _commit = new(billing.Invoices.RecordAll, MaxBatch);

    /// <summary>The payment as recorded (or recorded before), or the <see cref="BillingException"/> refusing it.</summary>
    public Task<Payment> RecordAsync(IncomingPayment payment) => _commit.WriteAsync(payment);
}
