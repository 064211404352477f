using System.ComponentModel.DataAnnotations;

namespace BillingBot.Documents;

/// <summary>The provider's details printed on invoices and statements (section <c>Documents</c>).</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The provider's legal name; an example until configured, like the payment link template.</summary>
    [Required]
    [StringLength(200)]
    public string ProviderName { get; set; } = "Example Provider Ltd";

    /// <summary>Each detail below is printed only when it is set.</summary>
    [StringLength(300)]
    public string ProviderAddress { get; set; } = "";

    [RegularExpression(@"^[A-Za-z0-9 ./-]{0,40}$", ErrorMessage = "Documents:TaxId must be letters, digits, spaces, '.', '/' or '-' (at most 40).")]
    public string TaxId { get; set; } = "";

    [StringLength(200)]
    public string BankName { get; set; } = "";

    /// <summary>IBAN or a local account number.</summary>
    [RegularExpression(@"^[A-Za-z0-9 ]{0,40}$", ErrorMessage = "Documents:BankAccount must be letters, digits and spaces (at most 40).")]
    public string BankAccount { get; set; } = "";

    /// <summary>BIC, SWIFT, sort or routing code.</summary>
    [RegularExpression(@"^[A-Za-z0-9 -]{0,20}$", ErrorMessage = "Documents:BankCode must be letters, digits, spaces or '-' (at most 20).")]
    public string BankCode { get; set; } = "";
}
