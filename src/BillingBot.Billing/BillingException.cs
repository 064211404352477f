namespace BillingBot.Billing;

/// <summary>Why an operation was refused; each code has a message under <c>error.&lt;code&gt;</c> in every locale.</summary>
public enum BillingError
{
    AmountNotPositive,
    AmountTooPrecise,
    AmountTooLarge,
    AmountBelowMinimum,
    AmountAboveMaximum,
    UnknownAccount,
    UnknownInvoice,
    UnknownCurrency,
    UnknownTimeZone,
    CurrencyMismatch,
    InvalidName,
    MissingExternalId,
    MissingPaymentId,
    InvalidThreshold,
    InvoiceNotUnpaid,
    InsufficientFunds,
    NotAClientOfAgency,
    NotAClient,
    NotAnAgency,
    AgencyCannotBeClient,
    IdempotencyConflict,
    ChargeDateInFuture,
    PromisedPaymentOpen,
    PromisedPaymentOverdue,
    PromisedPaymentMonthlyLimit,
    PromisedPaymentNeedsPaidInvoice,
    PromisedPaymentAboveLimit,

    /// <summary>A promised payment is sized by the daily charges, and the account has none (a zero tariff, an agency).</summary>
    PromisedPaymentNoCharges,
    NoOpenPromisedPayment,
    InvalidInvitation,
    InvalidAutoTopUpRule,
    AutoTopUpLimitBelowAmount,
    NoAutoTopUpRule,
    InvalidKey,
    NotAMember,
    NotAManager,
    LastOwner,
}

/// <summary>An operation refused for a reason a person can act on; nothing was changed.</summary>
public sealed class BillingException(BillingError error, params (string Name, object Value)[] args)
    : Exception($"{error}: {string.Join(", ", args.Select(a => $"{a.Name}={a.Value}"))}")
{
    public BillingError Error { get; } = error;

    /// <summary>Values for the message's placeholders, by name.</summary>
    public IReadOnlyDictionary<string, object> Args { get; } = args.ToDictionary(a => a.Name, a => a.Value);
}
