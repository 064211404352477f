using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using CsvHelper;

namespace BillingBot.Documents;

/// <summary>
/// A monthly statement as CSV, one row per entry: fixed column names and invariant numbers for spreadsheets and
/// accounting imports, descriptions in the reader's language. The amounts add up to the closing minus the opening balance.
/// </summary>
internal sealed class StatementCsv(DocumentText t)
{
    public static readonly string[] Columns = ["reference", "time", "description", "amount", "balance_after", "currency"];

    /// <summary>
    /// The opening balance first and the closing one last (at <paramref name="now"/> for a month still running); each
    /// entry with a reference a person can look up (an invoice, a promised payment's number, a charge's day), never the
    /// ledger's internal key.
    /// </summary>
    public void Write(Stream output, Statement statement, DateTimeOffset now)
    {
        var account = statement.Account;
        var zone = Clock.Zone(account.TimeZone);
        // Numbers are written as numbers with the currency's decimals (100.00, as on the PDF), never as text a spreadsheet could run.
        var format = "F" + Money.Decimals(account.Currency).ToString(CultureInfo.InvariantCulture);
        // The byte order mark tells spreadsheet programs the file is UTF-8, so Cyrillic descriptions open as written; a
        // description an operator wrote that begins like a formula (=, @, +, -) is escaped so a spreadsheet shows it as text.
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(Columns);
        Balance(csv, Clock.StartOf(statement.First, zone), t["doc.statement.openingRow"], statement.Opening);
        foreach (var entry in statement.Entries)
        {
            csv.WriteField(Reference(entry));
            // The account's billing time with its offset: exact, and on the same day as in the PDF.
            csv.WriteField(TimeZoneInfo.ConvertTime(entry.Time, zone), "yyyy-MM-ddTHH:mm:sszzz");
            csv.WriteField(t.Describe(entry));
            csv.WriteField(entry.Amount, format);
            csv.WriteField(entry.BalanceAfter, format);
            csv.WriteField(account.Currency);
            csv.EndRecord();
        }

        var end = t.IsOver(statement, now) ? Clock.StartOf(statement.Last.AddDays(1), zone).AddSeconds(-1) : now;
        Balance(csv, end, t["doc.statement.closingRow"], statement.Closing);
        csv.Flush();

        void Balance(CsvWriter csv, DateTimeOffset at, string description, decimal balance)
        {
            csv.WriteField("");
            csv.WriteField(TimeZoneInfo.ConvertTime(at, zone), "yyyy-MM-ddTHH:mm:sszzz");
            csv.WriteField(description);
            csv.WriteField("");
            csv.WriteField(balance, format);
            csv.WriteField(account.Currency);
            csv.EndRecord();
        }
    }

    private static string Reference(Billing.Ledger.LedgerEntry entry) => entry switch
    {
        { InvoiceNumber: { } number } => number,
        { PromiseId: { } promise } => "PP-" + promise.ToString(CultureInfo.InvariantCulture),
        // The payment's own id, as the bank or payment provider gave it: what the payer's bank statement shows.
        { PaymentId: { } payment } => payment,
        { ChargeDate: { } day } => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => "",
    };
}
