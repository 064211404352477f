using BillingBot.Billing;
using BillingBot.Chat;
using BillingBot.Documents;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>The papers and pictures a chat asks for: an invoice as PDF, a month's statement as PDF or CSV, the spending chart.</summary>
internal sealed partial class ChatActions
{
    /// <summary>How many months back the Statement screen offers.</summary>
    public const int StatementMonthsOffered = 6;

    /// <summary>The first days of the months the account has a statement for, newest first: from its creation to this month.</summary>
    public IReadOnlyList<DateOnly> StatementMonths(int accountId)
    {
        var account = billing.Accounts.Get(accountId);
        var opened = Clock.Day(account.CreatedAt, account.TimeZone);
        var month = FirstOfMonth(time.Today(account.TimeZone));
        var months = new List<DateOnly>();
        while (months.Count < StatementMonthsOffered && month >= FirstOfMonth(opened))
        {
            months.Add(month);
            month = month.AddMonths(-1);
        }

        return months;
    }

    /// <summary>The month as a caption names it ("November 2026", "ноябрь 2026"), or a button, capitalized.</summary>
    public static string MonthName(ChatText t, DateOnly month, bool capitalized = false)
    {
        var name = month.ToString("MMMM yyyy", t.Culture);
        return capitalized ? char.ToUpper(name[0], t.Culture) + name[1..] : name;
    }

    public string? InvoicePdf(ChatContext c, string number)
    {
        var invoice = billing.Invoices.Get(number);
        if (invoice.AccountId != c.AccountId)
        {
            return c.T["chat.forbidden"];
        }

        var file = documents.InvoicePdf(invoice.Number, c.Dialog.Session.Language);
        return Send(c, Trigger.InvoicePdf, file, c.T["chat.documents.invoice", ("number", invoice.Number)]);
    }

    public string? Chart(ChatContext c)
    {
        var accountId = c.AccountId!.Value;
        var file = documents.SpendingChart(accountId, c.Dialog.Session.Language);
        return Send(c, Trigger.Chart, file, c.T["chat.documents.chart", ("name", billing.Accounts.Get(accountId).Name), ("days", c.T.Days(SpendingChart.Days))]);
    }

    /// <summary>A month's statement, for one of the months the Statement screen offers.</summary>
    public string? StatementFile(ChatContext c, StatementChoice choice)
    {
        var accountId = c.AccountId!.Value;
        if (!StatementMonths(accountId).Contains(choice.Month))
        {
            return c.T["chat.stale"];
        }

        var language = c.Dialog.Session.Language;
        var file = choice.Format == "pdf" ? documents.StatementPdf(accountId, choice.Month, language) : documents.StatementCsv(accountId, choice.Month, language);
        return Send(c, Trigger.StatementFile, file, c.T["chat.documents.statement", ("name", billing.Accounts.Get(accountId).Name), ("month", MonthName(c.T, choice.Month))]);
    }

    private static string? Send(ChatContext c, Trigger trigger, DocumentFile file, string caption)
    {
        c.Attachment = new Attachment(file, caption);
        c.Dialog.Fire(trigger);
        return c.T["chat.documents.sent"];
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}
