namespace BillingBot.Billing.Invoices;

public enum InvoiceStatus
{
    Unpaid,
    Paid,
    Cancelled,
}

/// <summary>A request to top up an account, with the link the payer pays through.</summary>
public sealed record Invoice
{
    /// <summary>Random, so one number says nothing about another.</summary>
    public string Number { get; init; } = "";

    public int AccountId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public InvoiceStatus Status { get; init; }
    public string PaymentLink { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PaidAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public decimal AmountPaid { get; init; }
    public string? PaymentId { get; init; }

    /// <summary>The idempotency key of the request that issued it.</summary>
    public string IssueKey { get; init; } = "";
}

/// <summary>Money that arrived, recorded once by its payment id.</summary>
public sealed record Payment
{
    public string Id { get; init; } = "";
    public int AccountId { get; init; }
    public string? InvoiceNumber { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public DateTimeOffset PaidAt { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
