namespace BillingBot.Billing.PromisedPayments;

public enum PromiseStatus
{
    Open,
    Overdue,
    Repaid,
}

/// <summary>Money credited now that the account owes back by <see cref="DueOn"/>.</summary>
public sealed record PromisedPayment
{
    public int Id { get; init; }
    public int AccountId { get; init; }
    public decimal Amount { get; init; }
    public DateTimeOffset TakenAt { get; init; }

    /// <summary>The billing day it was taken (counts towards the monthly limit).</summary>
    public DateOnly TakenOn { get; init; }

    /// <summary>The last billing day on which it is not yet overdue.</summary>
    public DateOnly DueOn { get; init; }

    public PromiseStatus Status { get; init; }
    public decimal Repaid { get; init; }
    public string Key { get; init; } = "";
    public bool RemindedDayBefore { get; init; }
    public bool RemindedOnDueDay { get; init; }

    public decimal Outstanding => Amount - Repaid;
    public bool IsUnsettled => Status != PromiseStatus.Repaid;
}
