using System.ComponentModel.DataAnnotations;

namespace BillingBot.Billing;

/// <summary>The configuration the money model needs, gathered from its sections.</summary>
public sealed record BillingSettings
{
    public AccountOptions Accounts { get; init; } = new();
    public InvoiceOptions Invoices { get; init; } = new();
    public PaymentOptions Payments { get; init; } = new();
    public PromisedPaymentOptions PromisedPayments { get; init; } = new();
}

/// <summary>Defaults for new accounts and limits on any single amount (section <c>Accounts</c>).</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    [Required]
    public string DefaultTimeZone { get; set; } = "UTC";

    [Range(0, 365)]
    public int DefaultLowBalanceDays { get; set; } = 3;

    /// <summary>No single operation moves more than this.</summary>
    [Range(typeof(decimal), "0.01", "1000000000000")]
    public decimal MaxAmount { get; set; } = 100_000_000m;

    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromHours(72);
}

/// <summary>Limits on top-up invoices (section <c>Invoices</c>).</summary>
public sealed class InvoiceOptions
{
    public const string Section = "Invoices";

    [Range(typeof(decimal), "0.01", "1000000000000")]
    public decimal MinAmount { get; set; } = 1m;

    [Range(typeof(decimal), "0.01", "1000000000000")]
    public decimal MaxAmount { get; set; } = 1_000_000m;
}

/// <summary>Where payers pay (section <c>Payments</c>).</summary>
public sealed class PaymentOptions
{
    public const string Section = "Payments";

    /// <summary>Payment link of an invoice; <c>{number}</c> is replaced by the invoice number.</summary>
    [Required]
    [RegularExpression(@"^https?://\S*\{number\}\S*$", ErrorMessage = "Payments:InvoiceUrlTemplate must be an http(s) URL containing {{number}}.")]
    public string InvoiceUrlTemplate { get; set; } = "https://pay.example.com/bill/{number}";
}

/// <summary>Rules for promised payments (section <c>PromisedPayments</c>).</summary>
public sealed class PromisedPaymentOptions
{
    public const string Section = "PromisedPayments";

    [Range(1, 365)]
    public int TermDays { get; set; } = 7;

    /// <summary>The largest promise is this many days of the largest daily charge of the last 30 days.</summary>
    [Range(1, 365)]
    public int MaxDaysOfLargestCharge { get; set; } = 30;

    /// <summary>An absolute cap in the account's currency, whatever the charges.</summary>
    [Range(typeof(decimal), "0.01", "1000000000000")]
    public decimal AbsoluteCap { get; set; } = 100_000m;

    [Range(1, 31)]
    public int MaxPerMonth { get; set; } = 2;

    public bool RequirePaidInvoice { get; set; } = true;
}
