using System.ComponentModel.DataAnnotations;

namespace BillingBot.Documents;

/// <summary>The provider's details printed on invoices and statements (section <c>Documents</c>).</summary>
/// <remarks>
/// Each detail is printed only when it is set; the bot warns at start while the payee's name, tax id or bank account is
/// missing. Setting <see cref="CorrespondentAccount"/> says the bank is Russian: the details are then checked as a
/// Russian bank checks them (ИНН, БИК and the accounts' control keys), and RUB invoices carry the ГОСТ Р 56042-2014
/// payment QR that Russian banking apps scan.
/// </remarks>
public sealed class DocumentOptions : IValidatableObject
{
    public const string Section = "Documents";

    /// <summary>The provider's legal name, as the payee of every invoice; at most 160 characters, as a payment order allows.</summary>
    [StringLength(160)]
    [RegularExpression(@"^[^|]*$", ErrorMessage = "Documents:ProviderName must not hold '|'.")]
    public string ProviderName { get; set; } = "";

    [StringLength(300)]
    public string ProviderAddress { get; set; } = "";

    /// <summary>The provider's tax id: ИНН in Russia, a VAT number elsewhere.</summary>
    [RegularExpression(@"^[A-Za-z0-9 ./-]{0,40}$", ErrorMessage = "Documents:TaxId must be letters, digits, spaces, '.', '/' or '-' (at most 40).")]
    public string TaxId { get; set; } = "";

    /// <summary>КПП, the Russian tax registration reason code of an organisation (9 characters); empty elsewhere.</summary>
    [RegularExpression(@"^(\d{4}[0-9A-Z]{2}\d{3})?$", ErrorMessage = "Documents:Kpp must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits.")]
    public string Kpp { get; set; } = "";

    [StringLength(100)]
    [RegularExpression(@"^[^|]*$", ErrorMessage = "Documents:BankName must not hold '|'.")]
    public string BankName { get; set; } = "";

    /// <summary>The account payments go to: р/с (20 digits) at a Russian bank, an IBAN or a local account number elsewhere.</summary>
    [RegularExpression(@"^[A-Za-z0-9 ]{0,40}$", ErrorMessage = "Documents:BankAccount must be letters, digits and spaces (at most 40).")]
    public string BankAccount { get; set; } = "";

    /// <summary>БИК (9 digits) of a Russian bank; BIC, SWIFT, sort or routing code elsewhere.</summary>
    [RegularExpression(@"^[A-Za-z0-9 -]{0,20}$", ErrorMessage = "Documents:BankCode must be letters, digits, spaces or '-' (at most 20).")]
    public string BankCode { get; set; } = "";

    /// <summary>Корр. счёт of a Russian bank (20 digits); empty for a bank elsewhere.</summary>
    [RegularExpression(@"^(\d{20})?$", ErrorMessage = "Documents:CorrespondentAccount must be 20 digits, or empty for a bank outside Russia.")]
    public string CorrespondentAccount { get; set; } = "";

    /// <summary>
    /// VAT in percent, included in an invoice's amount (the whole payment reaches the balance): 22 prints
    /// "including VAT 22%" with its share. Not set: the provider charges no VAT, and invoices say so.
    /// </summary>
    [Range(0, 100, ErrorMessage = "Documents:VatRate must be a percentage from 0 to 100, or not set when no VAT is charged.")]
    public decimal? VatRate { get; set; }

    /// <summary>Days from an invoice's date to the due date printed on it.</summary>
    [Range(1, 365, ErrorMessage = "Documents:PaymentDays must be from 1 to 365.")]
    public int PaymentDays { get; set; } = 5;

    /// <summary>Whether the bank is Russian: a correspondent account is set, and the details passed Russian checks at start.</summary>
    public bool RussianBank => CorrespondentAccount.Length > 0;

    /// <summary>The settings a payer needs that are not set, by their configuration names.</summary>
    public IReadOnlyList<string> Missing() =>
        new[] { (nameof(ProviderName), ProviderName), (nameof(TaxId), TaxId), (nameof(BankName), BankName), (nameof(BankAccount), BankAccount), (nameof(BankCode), BankCode) }
            .Where(s => string.IsNullOrWhiteSpace(s.Item2)).Select(s => $"{Section}:{s.Item1}").ToList();

    /// <summary>Russian bank details are checked as the bank would: a typo here sends customers' money astray.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!RussianBank)
        {
            yield break;
        }

        if (!RussianDetails.IsBic(BankCode))
        {
            yield return Refusal("Documents:BankCode must be the bank's БИК (9 digits) when Documents:CorrespondentAccount is set.", nameof(BankCode));
        }
        else
        {
            if (!RussianDetails.IsCorrespondentAccount(CorrespondentAccount, BankCode))
            {
                yield return Refusal("Documents:CorrespondentAccount does not match Documents:BankCode (its control key is wrong): check both against the bank's details.", nameof(CorrespondentAccount));
            }

            if (!RussianDetails.IsAccount(BankAccount, BankCode))
            {
                yield return Refusal("Documents:BankAccount must be the 20-digit account at the bank of Documents:BankCode (its control key is checked): check both against the bank's details.", nameof(BankAccount));
            }
        }

        if (TaxId.Length > 0 && !RussianDetails.IsInn(TaxId))
        {
            yield return Refusal("Documents:TaxId must be an ИНН (10 digits for an organisation, 12 for an entrepreneur) with its check digits right.", nameof(TaxId));
        }

        if (BankName.Length is 0 or > RussianDetails.BankNameLength)
        {
            yield return Refusal($"Documents:BankName must be from 1 to {RussianDetails.BankNameLength} characters for a Russian bank, as its payment QR allows.", nameof(BankName));
        }
    }

    private static ValidationResult Refusal(string message, string member) => new(message, [member]);
}
