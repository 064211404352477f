using BillingBot.Billing;
using BillingBot.Billing.Invoices;

namespace BillingBot.Tests.Documents;

public sealed class InvoicePdfTests : IDisposable
{
    private readonly DocumentFixture _docs = new(new DateTimeOffset(2022, 9, 28, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void InvoicePdf_UnpaidInEnglish_HoldsNumberDatesPayeePayerAmountInFiguresAndWordsAndLink()
    {
        var account = _docs.CreateAccount("Flower shop");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 120.50m, "k1");

        var pdf = _docs.Documents.InvoicePdf(invoice.Number, "en");

        var text = Assert.Single(DocumentFixture.Pages(pdf));
        Assert.Equal($"invoice-{invoice.Number}.pdf", pdf.FileName);
        Assert.Contains($"Invoice {invoice.Number} of 28 September 2022", text, StringComparison.Ordinal);
        Assert.Contains("Due by 3 October 2022", text, StringComparison.Ordinal);
        Assert.Contains("Payee Rosy Hosting LLC Tax ID 7700000009 KPP 770001001 Bank ПАО Сбербанк BIC 044525225 Correspondent account 30101810400000000225 Account number 40702810900000000000", text, StringComparison.Ordinal);
        Assert.Contains("Payer: Flower shop, account #1", text, StringComparison.Ordinal);
        Assert.Contains("№ Item Amount 1 Top-up of the prepaid balance of account #1 $120.50", text, StringComparison.Ordinal);
        Assert.Contains("Total: $120.50 VAT not charged Amount due: $120.50", text, StringComparison.Ordinal);
        Assert.Contains("Amount in words: One hundred twenty dollars and 50 cents", text, StringComparison.Ordinal);
        Assert.Contains("Status: unpaid", text, StringComparison.Ordinal);
        Assert.Contains($"Pay online https://pay.example.com/bill/{invoice.Number}", text, StringComparison.Ordinal);
        // A USD invoice is not paid by a Russian payment order: its one QR code is the link.
        Assert.Equal([invoice.PaymentLink], DocumentFixture.QrCodes(pdf));
    }

    [Fact]
    public void InvoicePdf_RubInRussian_HoldsTheBankDetailsAndAPaymentOrderQrABankingAppReads()
    {
        _docs.Options.VatRate = 22;
        var account = _docs.CreateAccount("Цветочный магазин «Роза»", "RUB", "Europe/Moscow");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 1234.56m, "k1");

        var pdf = _docs.Documents.InvoicePdf(invoice.Number, "ru");

        var text = Assert.Single(DocumentFixture.Pages(pdf));
        Assert.Contains($"Счёт на оплату № {invoice.Number} от 28 сентября 2022", text, StringComparison.Ordinal);
        Assert.Contains("Оплатить до 3 октября 2022", text, StringComparison.Ordinal);
        Assert.Contains("ИНН 7700000009, КПП 770001001", text, StringComparison.Ordinal);
        Assert.Contains("Получатель Rosy Hosting LLC ИНН 7700000009 КПП 770001001 Банк получателя ПАО Сбербанк БИК 044525225 Корр. счёт 30101810400000000225 Расчётный счёт 40702810900000000000", text, StringComparison.Ordinal);
        Assert.Contains("Плательщик: Цветочный магазин «Роза», лицевой счёт № 1", text, StringComparison.Ordinal);
        // 1 234,56 × 22 / 122 = 222,626…: the VAT inside the amount, which reaches the balance whole.
        Assert.Contains("Итого: 1 234,56 ₽ В том числе НДС 22%: 222,63 ₽ Всего к оплате: 1 234,56 ₽", text, StringComparison.Ordinal);
        Assert.Contains("Сумма прописью: Одна тысяча двести тридцать четыре рубля 56 копеек", text, StringComparison.Ordinal);
        Assert.Contains("Статус: не оплачен", text, StringComparison.Ordinal);
        Assert.Contains("Оплата в приложении банка", text, StringComparison.Ordinal);

        var codes = DocumentFixture.QrCodes(pdf);
        Assert.Equal(2, codes.Count);
        Assert.Equal(
            "ST00012|Name=Rosy Hosting LLC|PersonalAcc=40702810900000000000|BankName=ПАО Сбербанк|BIC=044525225|CorrespAcc=30101810400000000225"
            + $"|Sum=123456|Purpose=Оплата по счёту № {invoice.Number} от 28.09.2022, в т.ч. НДС 22% 222,63 ₽|PayeeINN=7700000009|KPP=770001001|",
            codes[0]);
        Assert.Equal(invoice.PaymentLink, codes[1]);
    }

    [Fact]
    public void InvoicePdf_RubWithoutVat_SaysSoOnThePageAndInThePaymentPurpose()
    {
        var account = _docs.CreateAccount("Bakery", "RUB");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 500m, "k1");

        var pdf = _docs.Documents.InvoicePdf(invoice.Number, "ru");

        Assert.Contains("Итого: 500,00 ₽ Без НДС Всего к оплате: 500,00 ₽", Assert.Single(DocumentFixture.Pages(pdf)), StringComparison.Ordinal);
        Assert.Contains("|Sum=50000|Purpose=Оплата по счёту № " + invoice.Number + " от 28.09.2022, НДС не облагается|", DocumentFixture.QrCodes(pdf)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void InvoicePdf_RubAtABankOutsideRussia_OffersOnlyTheLink()
    {
        _docs.Options.CorrespondentAccount = "";
        _docs.Options.BankAccount = "DE89 3704 0044 0532 0130 00";
        _docs.Options.BankCode = "COBADEFFXXX";
        var account = _docs.CreateAccount("Bakery", "RUB");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 500m, "k1");

        var pdf = _docs.Documents.InvoicePdf(invoice.Number, "en");

        Assert.Equal([invoice.PaymentLink], DocumentFixture.QrCodes(pdf));
        Assert.DoesNotContain("Correspondent account", Assert.Single(DocumentFixture.Pages(pdf)), StringComparison.Ordinal);
    }

    [Fact]
    public void InvoicePdf_ProviderNotConfigured_PrintsNoInventedPayee()
    {
        var docs = _docs;
        (docs.Options.ProviderName, docs.Options.TaxId, docs.Options.Kpp, docs.Options.BankName) = ("", "", "", "");
        (docs.Options.BankAccount, docs.Options.BankCode, docs.Options.CorrespondentAccount) = ("", "", "");
        var account = docs.CreateAccount("Bakery", "RUB");
        var invoice = docs.Billing.Invoices.Issue(account.Id, 500m, "k1");

        var pdf = docs.Documents.InvoicePdf(invoice.Number, "en");

        var text = Assert.Single(DocumentFixture.Pages(pdf));
        Assert.StartsWith($"Invoice {invoice.Number} of 28 September 2022", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Payee", text, StringComparison.Ordinal);
        Assert.Equal([invoice.PaymentLink], DocumentFixture.QrCodes(pdf));
    }

    [Fact]
    public void InvoicePdf_PaidMoreThanAsked_SaysWhatWasPaidAndOffersNoWayToPay()
    {
        var account = _docs.CreateAccount("Bakery", "RUB");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 100m, "k1");
        _docs.Time.Advance(TimeSpan.FromDays(2));
        _docs.Billing.Invoices.Record(new IncomingPayment("p1", 150m, InvoiceNumber: invoice.Number));

        var pdf = _docs.Documents.InvoicePdf(invoice.Number.ToLowerInvariant(), "en");

        var text = Assert.Single(DocumentFixture.Pages(pdf));
        Assert.Contains("Status: paid", text, StringComparison.Ordinal);
        Assert.Contains("Paid ₽150.00 on 30 September 2022.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Due by", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pay online", text, StringComparison.Ordinal);
        Assert.Empty(DocumentFixture.QrCodes(pdf));
    }

    [Fact]
    public void InvoicePdf_WithBothQrCodes_UnderAHundredKilobytes()
    {
        _docs.Options.VatRate = 22;
        var account = _docs.CreateAccount("Цветочный магазин «Роза»", "RUB");
        var invoice = _docs.Billing.Invoices.Issue(account.Id, 1234.56m, "k1");

        var pdf = _docs.Documents.InvoicePdf(invoice.Number, "ru");

        Assert.Equal(2, DocumentFixture.QrCodes(pdf).Count);
        Assert.InRange(pdf.Content.Length, 1, 100 * 1024);
    }

    [Fact]
    public void InvoicePdf_UnknownNumber_RefusedAsUnknownInvoice()
    {
        var error = Assert.Throws<BillingException>(() => _docs.Documents.InvoicePdf("NOPE0-NOPE0", "en"));

        Assert.Equal(BillingError.UnknownInvoice, error.Error);
    }

    public void Dispose() => _docs.Dispose();
}
