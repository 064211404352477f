using BillingBot.Billing;
using BillingBot.Billing.Invoices;

namespace BillingBot.Tests.Documents;

public sealed class InvoicePdfTests : IDisposable
{
    private readonly DocumentFixture _docs = new(new DateTimeOffset(2022, 9, 28, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void InvoicePdf_UnpaidInEnglish_HoldsNumberAmountInFiguresAndWordsAccountAndLink()
    {
        var account = _docs.CreateAccount("Flower shop");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 120.50m, "k1");

        var pdf = _docs.Documents.InvoicePdf(invoice.Number, "en");

        var text = Assert.Single(DocumentFixture.Pages(pdf));
        Assert.Equal($"invoice-{invoice.Number}.pdf", pdf.FileName);
        Assert.Contains($"Invoice {invoice.Number} of 28 September 2022", text, StringComparison.Ordinal);
        Assert.Contains("Payer: Flower shop, account #1", text, StringComparison.Ordinal);
        Assert.Contains("Total: $120.50", text, StringComparison.Ordinal);
        Assert.Contains("Amount in words: One hundred twenty dollars and 50 cents", text, StringComparison.Ordinal);
        Assert.Contains("Status: unpaid", text, StringComparison.Ordinal);
        Assert.Contains($"Pay online: https://pay.example.com/bill/{invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("Rosy Hosting LLC", text, StringComparison.Ordinal);
        Assert.Contains("Tax id: 7701234567", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvoicePdf_RussianAccount_ExtractsAsCyrillicText()
    {
        var account = _docs.CreateAccount("Цветочный магазин «Роза»", "RUB", "Europe/Moscow");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 1234.56m, "k1");

        var text = Assert.Single(DocumentFixture.Pages(_docs.Documents.InvoicePdf(invoice.Number, "ru")));

        Assert.Contains($"Счёт № {invoice.Number} от 28 сентября 2022", text, StringComparison.Ordinal);
        Assert.Contains("Плательщик: Цветочный магазин «Роза», лицевой счёт № 1", text, StringComparison.Ordinal);
        Assert.Contains("Итого: 1 234,56 ₽", text, StringComparison.Ordinal);
        Assert.Contains("Сумма прописью: Одна тысяча двести тридцать четыре рубля 56 копеек", text, StringComparison.Ordinal);
        Assert.Contains("Статус: не оплачен", text, StringComparison.Ordinal);
        Assert.Contains("ИНН: 7701234567", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvoicePdf_PaidMoreThanAsked_SaysWhatWasPaidAndOffersNoLink()
    {
        var account = _docs.CreateAccount();
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 100m, "k1");
        _docs.Time.Advance(TimeSpan.FromDays(2));
        _docs.Billing.Invoices.Record(new IncomingPayment("p1", 150m, InvoiceNumber: invoice.Number));

        var text = Assert.Single(DocumentFixture.Pages(_docs.Documents.InvoicePdf(invoice.Number.ToLowerInvariant(), "en")));

        Assert.Contains("Status: paid", text, StringComparison.Ordinal);
        Assert.Contains("Paid $150.00 on 30 September 2022.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pay online", text, StringComparison.Ordinal);
    }

    [Fact]
    public void InvoicePdf_UnknownNumber_RefusedAsUnknownInvoice()
    {
        var error = Assert.Throws<BillingException>(() => _docs.Documents.InvoicePdf("NOPE0-NOPE0", "en"));

        Assert.Equal(BillingError.UnknownInvoice, error.Error);
    }

    public void Dispose() => _docs.Dispose();
}
