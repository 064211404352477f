using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using SkiaSharp;

namespace BillingBot.Documents;

/// <summary>A top-up invoice on one page: provider, payer, the amount in figures and in words, status and payment link.</summary>
internal sealed class InvoicePdf(DocumentText t, DocumentOptions provider)
{
    private const float Width = PdfPages.Right - PdfPages.Margin;

    /// <summary>Room for the amount column, right of the item's description.</summary>
    private const float AmountColumn = 150f;

    public void Write(Stream output, Invoice invoice, Account account, DateTimeOffset now)
    {
        var title = t["doc.invoice.title", ("number", invoice.Number), ("date", t.LongDay(t.LocalDay(invoice.CreatedAt)))];
        using var pages = new PdfPages(output, title, now);
        pages.NewPage();
        Letterhead.Draw(pages, t, provider);
        pages.Y += TextStyle.Body.LineHeight;
        pages.Paragraph(title, PdfPages.Margin, Width, TextStyle.Heading);
        pages.Paragraph(t["doc.invoice.status", ("status", invoice.Status)], PdfPages.Margin, Width, TextStyle.Body);
        pages.Y += TextStyle.Body.LineHeight;
        pages.Paragraph(t["doc.invoice.payer", ("name", account.Name), ("id", account.Id)], PdfPages.Margin, Width, TextStyle.Body);
        pages.Y += TextStyle.Body.LineHeight;

        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t["doc.invoice.item"], PdfPages.Margin, TextStyle.Strong);
        pages.Text(t["doc.invoice.amount"], PdfPages.Right, TextStyle.Strong, SKTextAlign.Right);
        pages.Y += TextStyle.Body.LineHeight / 2;
        pages.Rule();
        var amount = t.Money(invoice.Amount, invoice.Currency);
        var firstLine = pages.Y + TextStyle.Body.LineHeight;
        pages.Paragraph(t["doc.invoice.topUp", ("id", account.Id)], PdfPages.Margin, Width - AmountColumn, TextStyle.Body);
        var afterItem = pages.Y;
        pages.Y = firstLine;
        pages.Text(amount, PdfPages.Right, TextStyle.Body, SKTextAlign.Right);
        pages.Y = afterItem + (TextStyle.Body.LineHeight / 2);
        pages.Rule();
        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t["doc.invoice.total", ("amount", amount)], PdfPages.Right, TextStyle.Strong, SKTextAlign.Right);
        pages.Y += TextStyle.Body.LineHeight / 2;
        pages.Paragraph(t["doc.invoice.inWords", ("words", t.InWords(invoice.Amount, invoice.Currency))], PdfPages.Margin, Width, TextStyle.Body);
        pages.Y += TextStyle.Body.LineHeight;

        var settlement = invoice switch
        {
            { Status: InvoiceStatus.Paid, PaidAt: { } paidAt } => t["doc.invoice.paid", ("amount", t.Money(invoice.AmountPaid, invoice.Currency)), ("date", t.LongDay(t.LocalDay(paidAt)))],
            { Status: InvoiceStatus.Unpaid } => t["doc.invoice.payLink", ("link", invoice.PaymentLink)],
            _ => null,
        };
        if (settlement is not null)
        {
            pages.Paragraph(settlement, PdfPages.Margin, Width, TextStyle.Body);
        }

        pages.Finish();
    }
}
