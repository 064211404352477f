using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Localization;
using Microsoft.Extensions.Options;

namespace BillingBot.Documents;

/// <summary>A document ready to send or save: its suggested file name, media type and bytes.</summary>
public sealed record DocumentFile(string FileName, string ContentType, byte[] Content);

/// <summary>Invoices, monthly statements and spending charts of accounts, in the reader's language; what the chat and the command line call.</summary>
internal sealed class DocumentService(BillingService billing, Localizer localizer, TimeProvider time, IOptions<DocumentOptions> options)
{
    public const string Pdf = "application/pdf";
    public const string Csv = "text/csv";
    public const string Png = "image/png";

    /// <summary>The invoice as a PDF; refused with <see cref="BillingError.UnknownInvoice"/> for a number that does not exist.</summary>
    public DocumentFile InvoicePdf(string invoiceNumber, string language)
    {
        var (invoice, account) = billing.Store.Read(() =>
        {
            var found = billing.Invoices.Get(invoiceNumber);
            return (found, billing.Accounts.Get(found.AccountId));
        });
        var content = Render(stream => new InvoicePdf(Text(language, account), Text("ru", account), options.Value).Write(stream, invoice, account, time.GetUtcNow()));
        return new DocumentFile($"invoice-{invoice.Number}.pdf", Pdf, content);
    }

    /// <summary>The statement of the month that holds <paramref name="month"/>, in the account's billing time zone, as a PDF.</summary>
    public DocumentFile StatementPdf(int accountId, DateOnly month, string language)
    {
        var statement = Statement(accountId, month);
        var content = Render(stream => new StatementPdf(Text(language, statement.Account), options.Value).Write(stream, statement, time.GetUtcNow()));
        return new DocumentFile(StatementName(accountId, month, "pdf"), Pdf, content);
    }

    /// <summary>The same statement as CSV, one row per entry.</summary>
    public DocumentFile StatementCsv(int accountId, DateOnly month, string language)
    {
        var statement = Statement(accountId, month);
        var content = Render(stream => new StatementCsv(Text(language, statement.Account)).Write(stream, statement, time.GetUtcNow()));
        return new DocumentFile(StatementName(accountId, month, "csv"), Csv, content);
    }

    /// <summary>A PNG of the daily service charges of the last <see cref="SpendingChart.Days"/> days with the balance line.</summary>
    public DocumentFile SpendingChart(int accountId, string language)
    {
        var (statement, today) = billing.Store.Read(() =>
        {
            // One snapshot: the account's day and the entries up to it.
            var today = time.Today(billing.Accounts.Get(accountId).TimeZone);
            return (billing.Accounts.Statement(accountId, today.AddDays(-Documents.SpendingChart.Days), today), today);
        });
        var content = new SpendingChart(Text(language, statement.Account)).Render(statement, today);
        return new DocumentFile(string.Create(CultureInfo.InvariantCulture, $"spending-{accountId}-{today:yyyy-MM-dd}.png"), Png, content);
    }

    private Statement Statement(int accountId, DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        return billing.Accounts.Statement(accountId, first, first.AddMonths(1).AddDays(-1));
    }

    private static string StatementName(int accountId, DateOnly month, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"statement-{accountId}-{month:yyyy-MM}.{extension}");

    /// <summary>Texts in <paramref name="language"/> when there are texts for it, else in the fallback language, and in the account's time zone.</summary>
    private DocumentText Text(string language, Account account) =>
        new(localizer, localizer.Languages.Contains(language, StringComparer.OrdinalIgnoreCase) ? language : Localizer.FallbackLanguage, account.TimeZone, id => billing.Accounts.Find(id)?.Name);

    private static byte[] Render(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }
}
