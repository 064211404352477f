namespace BillingBot.Billing.Ledger;

public enum EntryKind
{
    Payment,
    ServiceCharge,
    PromisedPaymentCredit,
    PromisedPaymentRepayment,
    TransferIn,
    TransferOut,
    Adjustment,
}

/// <summary>One immutable change of an account's balance; <see cref="Id"/> is its idempotency key.</summary>
public sealed record LedgerEntry
{
    public string Id { get; init; } = "";
    public int AccountId { get; init; }

    /// <summary>1, 2, 3… within the account.</summary>
    public long Seq { get; init; }

    /// <summary>Account and sequence in one indexed number, so a history page is one index range read backwards.</summary>
    public long Position { get; init; }

    public DateTimeOffset Time { get; init; }
    public decimal Amount { get; init; }
    public EntryKind Kind { get; init; }
    public decimal BalanceAfter { get; init; }

    /// <summary>The billing day a service charge is for.</summary>
    public DateOnly? ChargeDate { get; init; }

    /// <summary>Free text an operator gave; rendered as is.</summary>
    public string? Note { get; init; }

    /// <summary>The other account of a transfer.</summary>
    public int? CounterpartyId { get; init; }

    public bool AutoTopUp { get; init; }
    public string? InvoiceNumber { get; init; }
    public string? PaymentId { get; init; }
    public int? PromiseId { get; init; }

    internal static long PositionOf(int accountId, long seq) => ((long)accountId << 32) | seq;

    /// <summary>
    /// A caller's key (a payment id, a usage or transfer key) as a part of an entry id. Ids are parts joined by '/', and
    /// the ledger derives ids of its own from them (".../repay/7", ".../autotopup/1/in"): with '/' and the escape '%'
    /// encoded, no caller's key can spell the id of another entry. A key with neither is kept as it is.
    /// </summary>
    internal static string KeyPart(string key) => key.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal);
}
