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
    public static readonly string[] Columns = ["entry_id", "time", "description", "amount", "balance_after", "currency"];

    public void Write(Stream output, Statement statement)
    {
        var account = statement.Account;
        var zone = Clock.Zone(account.TimeZone);
        // Numbers are written as numbers with the currency's decimals (100.00, as on the PDF), never as text a spreadsheet could run.
        var format = "F" + Money.Decimals(account.Currency).ToString(CultureInfo.InvariantCulture);
        // The byte order mark tells spreadsheet programs the file is UTF-8, so Cyrillic descriptions open as written; a
        // description an operator wrote that begins like a formula (=, @, +, -) is escaped so a spreadsheet shows it as text.
        using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(Columns);
        foreach (var entry in statement.Entries)
        {
            csv.WriteField(entry.Id);
            // The account's billing time with its offset: exact, and on the same day as in the PDF.
            csv.WriteField(TimeZoneInfo.ConvertTime(entry.Time, zone), "yyyy-MM-ddTHH:mm:sszzz");
            csv.WriteField(t.Describe(entry));
            csv.WriteField(entry.Amount, format);
            csv.WriteField(entry.BalanceAfter, format);
            csv.WriteField(account.Currency);
            csv.EndRecord();
        }

        csv.Flush();
    }
}
