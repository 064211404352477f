using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using BillingBot.Documents;
using BillingBot.Localization;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace BillingBot.Tests.Documents;

/// <summary>The documents over a temp LiteDB file and a fake clock, and PdfPig to read what they make.</summary>
internal sealed class DocumentFixture : IDisposable
{
    private static readonly Lazy<Localizer> SharedTexts = new(() => Localizer.Load());

    private int _payments;

    public DocumentFixture(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Store = new BillingStore(Path.Combine(Folder, "billing.db"));
        Billing = new BillingService(Store, Time, new BillingSettings());
        Documents = new DocumentService(Billing, SharedTexts.Value, Time, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "billingbot-document-tests", Guid.NewGuid().ToString("N"));
    public FakeTimeProvider Time { get; }
    public BillingStore Store { get; }
    public BillingService Billing { get; }
    public DocumentOptions Options { get; } = new() { ProviderName = "Rosy Hosting LLC", TaxId = "7701234567", BankName = "First Bank", BankAccount = "40702810900000000001", BankCode = "044525225" };
    public DocumentService Documents { get; }

    public Account CreateAccount(string name = "Flower shop", string currency = "USD", string zone = "UTC", decimal tariff = 0) =>
        Billing.Accounts.Create(new NewAccount(name, currency, tariff, TimeZone: zone));

    /// <summary>A bank transfer straight to the account, posted now.</summary>
    public void Pay(int accountId, decimal amount) =>
        Billing.Invoices.Record(new IncomingPayment($"bank-{++_payments}", amount, AccountId: accountId));

    /// <summary>Moves the clock to <paramref name="instant"/> and posts a usage charge for that day of the account.</summary>
    public void ChargeAt(Account account, DateTimeOffset instant, decimal amount)
    {
        Time.SetUtcNow(instant);
        Billing.Charges.Post(account.Id, Time.Today(account.TimeZone), amount);
    }

    /// <summary>The words of every page as PdfPig reads them, one space between words (also where a line wraps).</summary>
    public static IReadOnlyList<string> Pages(DocumentFile pdf)
    {
        Assert.Equal("application/pdf", pdf.ContentType);
        using var document = PdfDocument.Open(pdf.Content);
        return document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
