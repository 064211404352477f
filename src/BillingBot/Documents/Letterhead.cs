namespace BillingBot.Documents;

/// <summary>The provider's name and details at the top of every document; a detail not configured is left out.</summary>
internal static class Letterhead
{
    private const float Width = PdfPages.Right - PdfPages.Margin;

    public static void Draw(PdfPages pages, DocumentText t, DocumentOptions provider)
    {
        pages.Paragraph(provider.ProviderName, PdfPages.Margin, Width, TextStyle.Strong);
        var details = new[]
        {
            provider.ProviderAddress,
            provider.TaxId.Length == 0 ? "" : t["doc.provider.taxId", ("taxId", provider.TaxId)],
            provider.BankName.Length == 0 ? "" : t["doc.provider.bank", ("bank", provider.BankName)],
            provider.BankAccount.Length == 0 ? "" : t["doc.provider.bankAccount", ("account", provider.BankAccount)],
            provider.BankCode.Length == 0 ? "" : t["doc.provider.bankCode", ("code", provider.BankCode)],
        };
        foreach (var detail in details.Where(d => d.Length > 0))
        {
            pages.Paragraph(detail, PdfPages.Margin, Width, TextStyle.Small);
        }

        pages.Y += TextStyle.Body.LineHeight;
        pages.Rule();
    }
}
