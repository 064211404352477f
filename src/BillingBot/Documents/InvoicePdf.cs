using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using SkiaSharp;

namespace BillingBot.Documents;

/// <summary>
/// A top-up invoice on one page, as a payer files it: provider, the payee's bank details, payer, number, date and due
/// date, the item, VAT, the total in figures and in words, and QR codes to pay it by.
/// </summary>
/// <param name="t">The reader's texts.</param>
/// <param name="bank">The texts a payment order is written in (Russian), for the purpose in its QR.</param>
/// <param name="provider">The payee.</param>
internal sealed class InvoicePdf(DocumentText t, DocumentText bank, DocumentOptions provider)
{
    private const float Width = PdfPages.Right - PdfPages.Margin;
    private const float LabelColumn = 140f;
    private const float NumberColumn = 25f;

    /// <summary>Room for the amount column, right of the item's description.</summary>
    private const float AmountColumn = 150f;

    private const float QrSize = 110f;
    private const float QrColumn = Width / 2;

    public void Write(Stream output, Invoice invoice, Account account, DateTimeOffset now)
    {
        var issued = t.LocalDay(invoice.CreatedAt);
        var title = t["doc.invoice.title", ("number", invoice.Number), ("date", t.LongDay(issued))];
        using var pages = new PdfPages(output, title, now);
        pages.NewPage();
        Letterhead.Draw(pages, t, provider);
        pages.Y += TextStyle.Body.LineHeight;
        pages.Paragraph(title, PdfPages.Margin, Width, TextStyle.Heading);
        if (invoice.Status == InvoiceStatus.Unpaid)
        {
            pages.Paragraph(t["doc.invoice.due", ("date", t.LongDay(issued.AddDays(provider.PaymentDays)))], PdfPages.Margin, Width, TextStyle.Strong);
        }

        pages.Paragraph(t["doc.invoice.status", ("status", invoice.Status)], PdfPages.Margin, Width, TextStyle.Body);
        pages.Y += TextStyle.Body.LineHeight;

        Payee(pages);
        pages.Y += TextStyle.Body.LineHeight;
        pages.Paragraph(t["doc.invoice.payer", ("name", account.Name), ("id", account.Id)], PdfPages.Margin, Width, TextStyle.Body);
        pages.Y += TextStyle.Body.LineHeight;

        var amount = t.Money(invoice.Amount, invoice.Currency);
        Item(pages, t["doc.invoice.topUp", ("id", account.Id)], amount);
        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t["doc.invoice.total", ("amount", amount)], PdfPages.Right, TextStyle.Strong, SKTextAlign.Right);
        pages.Y += TextStyle.Body.LineHeight;
        pages.Text(Vat(t, invoice, "doc.invoice.vat", "doc.invoice.noVat"), PdfPages.Right, TextStyle.Body, SKTextAlign.Right);
        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t["doc.invoice.toPay", ("amount", amount)], PdfPages.Right, TextStyle.Strong, SKTextAlign.Right);
        pages.Y += TextStyle.Body.LineHeight / 2;
        pages.Paragraph(t["doc.invoice.inWords", ("words", t.InWords(invoice.Amount, invoice.Currency))], PdfPages.Margin, Width, TextStyle.Body);
        pages.Y += TextStyle.Body.LineHeight;

        switch (invoice)
        {
            case { Status: InvoiceStatus.Paid, PaidAt: { } paidAt }:
                pages.Paragraph(t["doc.invoice.paid", ("amount", t.Money(invoice.AmountPaid, invoice.Currency)), ("date", t.LongDay(t.LocalDay(paidAt)))], PdfPages.Margin, Width, TextStyle.Body);
                break;
            case { Status: InvoiceStatus.Unpaid }:
                PayBy(pages, invoice);
                break;
        }

        pages.Finish();
    }

    /// <summary>"Including VAT 22%: $18.03" (<paramref name="key"/> with the rate and the VAT share of the amount, all of which reaches the balance), or <paramref name="none"/>.</summary>
    private string Vat(DocumentText text, Invoice invoice, string key, string none)
    {
        if (provider.VatRate is not { } rate)
        {
            return text[none];
        }

        var share = Billing.Money.Round(invoice.Amount * rate / (100 + rate), invoice.Currency);
        return text[key, ("rate", rate.ToString("0.##", text.Culture)), ("amount", text.Money(share, invoice.Currency))];
    }

    /// <summary>The payee and its bank, a row a detail, as a payer copies them into a payment order.</summary>
    private void Payee(PdfPages pages)
    {
        var rows = new[] { (t["doc.invoice.payee"], provider.ProviderName) }
            .Concat(Letterhead.TaxIds(t, provider))
            .Concat([
                (t["doc.label.bank"], provider.BankName),
                (t["doc.label.bankCode"], provider.BankCode),
                (t["doc.label.correspondent"], provider.CorrespondentAccount),
                (t["doc.label.account"], provider.BankAccount),
            ])
            .Where(r => r.Item2.Length > 0)
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        pages.Rule();
        foreach (var (label, value) in rows)
        {
            var top = pages.Y;
            pages.Paragraph(label, PdfPages.Margin, LabelColumn - 5, TextStyle.Body);
            var afterLabel = pages.Y;
            pages.Y = top;
            pages.Paragraph(value, PdfPages.Margin + LabelColumn, Width - LabelColumn, TextStyle.Strong);
            pages.Y = Math.Max(pages.Y, afterLabel) + (TextStyle.Body.LineHeight / 3);
            pages.Rule();
        }
    }

    private void Item(PdfPages pages, string description, string amount)
    {
        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text("№", PdfPages.Margin, TextStyle.Strong);
        pages.Text(t["doc.invoice.item"], PdfPages.Margin + NumberColumn, TextStyle.Strong);
        pages.Text(t["doc.invoice.amount"], PdfPages.Right, TextStyle.Strong, SKTextAlign.Right);
        pages.Y += TextStyle.Body.LineHeight / 2;
        pages.Rule();
        var firstLine = pages.Y + TextStyle.Body.LineHeight;
        pages.Paragraph(description, PdfPages.Margin + NumberColumn, Width - NumberColumn - AmountColumn, TextStyle.Body);
        var afterItem = pages.Y;
        pages.Y = firstLine;
        pages.Text("1", PdfPages.Margin, TextStyle.Body);
        pages.Text(amount, PdfPages.Right, TextStyle.Body, SKTextAlign.Right);
        pages.Y = afterItem + (TextStyle.Body.LineHeight / 2);
        pages.Rule();
    }

    /// <summary>The ways to pay an unpaid invoice, each a QR with what it does: a banking app (RUB at a Russian bank) and the payment link.</summary>
    private void PayBy(PdfPages pages, Invoice invoice)
    {
        var ways = new List<(QRCoder.QRCodeData Code, string Title, string Text)>();
        if (InvoiceQr.PaysByBankApp(invoice, provider))
        {
            var purpose = bank["doc.invoice.purpose", ("number", invoice.Number), ("date", bank.Day(t.LocalDay(invoice.CreatedAt))), ("vat", Vat(bank, invoice, "doc.invoice.purposeVat", "doc.invoice.purposeNoVat"))];
            ways.Add((InvoiceQr.Of(InvoiceQr.PaymentOrder(invoice, provider, purpose)), t["doc.invoice.qrBank"], t["doc.invoice.qrBankText"]));
        }

        ways.Add((InvoiceQr.Link(invoice.PaymentLink), t["doc.invoice.qrLink"], invoice.PaymentLink));
        var top = pages.Y;
        var bottom = top;
        for (var i = 0; i < ways.Count; i++)
        {
            var (code, heading, text) = ways[i];
            var x = PdfPages.Margin + (i * QrColumn);
            pages.QrCode(code, x, top, QrSize);
            pages.Y = top + QrSize;
            pages.Paragraph(heading, x, QrColumn - 10, TextStyle.Strong);
            pages.Paragraph(text, x, QrColumn - 10, TextStyle.Small);
            bottom = Math.Max(bottom, pages.Y);
        }

        pages.Y = bottom;
    }
}
