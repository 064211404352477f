namespace BillingBot.Documents;

/// <summary>The provider's name, address and tax ids at the top of every document; a detail not configured is left out.</summary>
internal static class Letterhead
{
    private const float Width = PdfPages.Right - PdfPages.Margin;

    public static void Draw(PdfPages pages, DocumentText t, DocumentOptions provider)
    {
        if (provider.ProviderName.Length > 0)
        {
            pages.Paragraph(provider.ProviderName, PdfPages.Margin, Width, TextStyle.Strong);
        }

        var taxIds = string.Join(", ", TaxIds(t, provider).Select(d => $"{d.Label} {d.Value}"));
        foreach (var detail in new[] { provider.ProviderAddress, taxIds }.Where(d => d.Length > 0))
        {
            pages.Paragraph(detail, PdfPages.Margin, Width, TextStyle.Small);
        }

        pages.Y += TextStyle.Body.LineHeight;
        pages.Rule();
    }

    /// <summary>ИНН and КПП (or a tax id elsewhere), each with its label, those that are set.</summary>
    public static IEnumerable<(string Label, string Value)> TaxIds(DocumentText t, DocumentOptions provider) =>
        new[] { (t["doc.label.taxId"], provider.TaxId), (t["doc.label.kpp"], provider.Kpp) }.Where(d => d.Item2.Length > 0);
}
