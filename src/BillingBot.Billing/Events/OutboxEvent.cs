namespace BillingBot.Billing.Events;

public enum EventType
{
    InvoicePaid,
    BalanceLow,
    BalanceRecovered,
    AutoTopUpDone,
    AutoTopUpDisabled,
    PromisedPaymentTaken,
    PromisedPaymentDueTomorrow,
    PromisedPaymentDueToday,
    PromisedPaymentOverdue,
    PromisedPaymentRepaid,

    /// <summary>Part of an overdue debt was taken from money that arrived; some is still owed.</summary>
    PromisedPaymentPartlyRepaid,
}

/// <summary>Something people should hear about, written in the same transaction as the change that caused it.</summary>
public sealed record OutboxEvent
{
    public long Id { get; init; }
    public EventType Type { get; init; }
    public int AccountId { get; init; }
    public DateTimeOffset Time { get; init; }
    public decimal? Amount { get; init; }
    public decimal? Balance { get; init; }
    public string? InvoiceNumber { get; init; }
    public int? PromiseId { get; init; }
    public DateOnly? DueOn { get; init; }

    /// <summary>What is still owed on a promised payment.</summary>
    public decimal? Owed { get; init; }

    /// <summary>The agency or client on the other side of an auto top-up.</summary>
    public int? CounterpartyId { get; init; }

    public bool Delivered { get; init; }
}
