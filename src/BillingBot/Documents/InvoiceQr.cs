using System.Globalization;
using BillingBot.Billing.Invoices;
using QRCoder;

namespace BillingBot.Documents;

/// <summary>The QR codes an invoice carries (QRCoder): its payment link, and for a RUB invoice at a Russian bank the ГОСТ Р 56042-2014 payment order.</summary>
internal static class InvoiceQr
{
    /// <summary>The longest purpose a payment order carries.</summary>
    private const int PurposeLength = 160;

    public static QRCodeData Link(string link) => QRCodeGenerator.GenerateQrCode(link, QRCodeGenerator.ECCLevel.M);

    /// <summary>Whether a banking app can pay <paramref name="invoice"/> from a QR: a RUB invoice, and Russian bank details to pay to.</summary>
    public static bool PaysByBankApp(Invoice invoice, DocumentOptions provider) =>
        invoice.Currency == "RUB" && provider.RussianBank && provider.ProviderName.Length > 0;

    /// <summary>
    /// The payment order a Russian banking app reads (UTF-8, "ST00012"): payee, account, bank, БИК, correspondent account,
    /// then the sum in kopecks, the purpose, ИНН and КПП. Only for an invoice <see cref="PaysByBankApp"/> allows.
    /// </summary>
    public static byte[] PaymentOrder(Invoice invoice, DocumentOptions provider, string purpose)
    {
        var fields = new PayloadGenerator.RussiaPaymentOrder.OptionalFields
        {
            Sum = decimal.ToInt64(invoice.Amount * 100).ToString(CultureInfo.InvariantCulture),
            Purpose = purpose.Length <= PurposeLength ? purpose : purpose[..PurposeLength],
            PayeeINN = provider.TaxId.Length > 0 ? provider.TaxId : null,
            KPP = provider.Kpp.Length > 0 ? provider.Kpp : null,
        };
        return new PayloadGenerator.RussiaPaymentOrder(provider.ProviderName, provider.BankAccount, provider.BankName, provider.BankCode, provider.CorrespondentAccount, fields).ToBytes();
    }

    public static QRCodeData Of(byte[] payload) => QRCodeGenerator.GenerateQrCode(payload, QRCodeGenerator.ECCLevel.M);
}
